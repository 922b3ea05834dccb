import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConfigFinding } from '../../core/config-finding.ts';
import { applyIgnoreRulesToConfig } from './apply-ignore-rules-to-config.ts';
import { parseIgnoreFile } from './ignore-file.ts';

const finding = (ruleId: string, file: string): ConfigFinding => ({
  ruleId,
  messageId: 'm',
  severity: 'HIGH',
  title: 't',
  message: 'm',
  remediation: 'r',
  references: [],
  resource: { kind: 'Pod', name: 'p' },
  location: { file, startLine: 3 },
});

describe('applyIgnoreRulesToConfig', () => {
  const rules = parseIgnoreFile(
    [
      'ignore:',
      '  - id: bw-k8s-109',
      '    path: "deploy/debug/**"',
      '    reason: node debugging pods, approved in SEC-123',
      '  - id: BW-DF-010',
      '    reason: health is checked by the orchestrator',
      '  - id: BW-K8S-003',
      '    purl: pkg:npm/x',
      '    reason: about a package, never a configuration finding',
    ].join('\n'),
    '.bulwarkignore',
    new Date('2026-01-01'),
  );
  const cases: [string, ConfigFinding, boolean][] = [
    ['rule id (any case) and path glob match', finding('BW-K8S-109', 'deploy/debug/pod.yaml'), true],
    ['path glob does not match', finding('BW-K8S-109', 'deploy/app/pod.yaml'), false],
    ['rule id alone matches any file', finding('BW-DF-010', 'Dockerfile'), true],
    ['an entry with a purl never matches configuration', finding('BW-K8S-003', 'pod.yaml'), false],
    ['another rule', finding('BW-K8S-005', 'deploy/debug/pod.yaml'), false],
  ];
  for (const [name, f, suppressed] of cases) {
    it(name, () => {
      const [out] = applyIgnoreRulesToConfig([f], rules);
      assert.equal(out?.suppressed !== undefined, suppressed);
      if (suppressed) assert.equal(out?.suppressed?.source, '.bulwarkignore');
    });
  }
  it('keeps an annotation suppression', () => {
    const annotated = {
      ...finding('BW-DF-010', 'Dockerfile'),
      suppressed: { kind: 'ignore' as const, status: 'ignored', reason: 'a', source: 'annotation' },
    };
    assert.equal(applyIgnoreRulesToConfig([annotated], rules)[0]?.suppressed?.source, 'annotation');
  });
});
