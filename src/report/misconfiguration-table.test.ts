import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeTable } from './table.ts';
import { configFindings, configScan } from './testdata/config-fixtures.ts';
import { findingsScan, repoScan } from './testdata/finding-fixtures.ts';

/** The rows of the table under `heading`: its column titles, then each row, up to the next blank line. */
function section(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `a "${heading}" table`);
  assert.equal(lines[start + 1], '='.repeat(heading.length));
  const end = lines.indexOf('', start);
  return lines.slice(start + 2, end < 0 ? undefined : end);
}

/** Cells of a row, by the start columns of its title row. */
function cells(titles: string, row: string): Record<string, string> {
  const names = titles.split(/\s+/);
  const starts = names.map((n) => titles.indexOf(` ${n}`) + 1 || 0);
  return Object.fromEntries(
    names.map((n, i) => [n, row.slice(starts[i], starts[i + 1] ?? row.length).trim()]),
  );
}

const POD = 'deploy/pod.yaml (misconfigurations)';

describe('encodeTable: misconfigurations', () => {
  it('a config target: no package count or list, one table per file in path order', () => {
    const text = encodeTable(configScan());
    assert.ok(text.startsWith('Target:   deploy (config)\nErrors:   1\n\n'));
    assert.doesNotMatch(text, /Packages:|No packages found|^NAME /m);
    const headings = text.split('\n').filter((_l, i, all) => /^=+$/.test(all[i + 1] ?? ''));
    assert.deepEqual(headings, [
      'Dockerfile (misconfigurations)',
      'deploy/pod.yaml (misconfigurations)',
      'deploy/web.yaml (misconfigurations)',
    ]);
  });

  it('rows SEVERITY RULE RESOURCE LINE MESSAGE in report order, suppressed ones last and marked', () => {
    const pod = section(encodeTable(configScan()), POD);
    assert.match(pod[0]!, /^SEVERITY\s+RULE\s+RESOURCE\s+LINE\s+MESSAGE$/);
    assert.deepEqual(
      pod.slice(1).map((r) => cells(pod[0]!, r)),
      [
        {
          SEVERITY: 'CRITICAL',
          RULE: 'BW-K8S-014',
          RESOURCE: 'Pod/default/attacker',
          LINE: '12-14',
          MESSAGE: 'hostPath volume "host" mounts the host\'s /',
        },
        {
          SEVERITY: 'HIGH',
          RULE: 'BW-K8S-001',
          RESOURCE: 'Pod/default/attacker',
          LINE: '9',
          MESSAGE: 'container "shell" is privileged',
        },
        {
          SEVERITY: 'MEDIUM',
          RULE: 'BW-K8S-020',
          RESOURCE: 'Pod/default/attacker',
          LINE: '6',
          MESSAGE: '[suppressed (ignore)] container "shell" has no CPU or memory limit',
        },
      ],
    );
    const docker = section(encodeTable(configScan()), 'Dockerfile (misconfigurations)');
    assert.deepEqual(
      docker.slice(1).map((r) => {
        const c = cells(docker[0]!, r);
        return [c.SEVERITY, c.RULE, c.RESOURCE, c.LINE];
      }),
      [
        ['HIGH', 'BW-DF-001', 'Dockerfile/runtime', ''],
        ['MEDIUM', 'BW-DF-003', 'Dockerfile/build', '7-9'],
      ],
      'a line range; no line for a finding about the whole file',
    );
    const web = section(encodeTable(configScan()), 'deploy/web.yaml (misconfigurations)');
    assert.deepEqual(
      web.slice(1).map((r) => cells(web[0]!, r).SEVERITY),
      ['LOW', 'INFO'],
    );
  });

  it('ends with the summary over unsuppressed findings, the suppressed count, then the errors', () => {
    const text = encodeTable(configScan());
    assert.ok(
      text.endsWith(
        [
          'Misconfigurations: 6 (CRITICAL: 1, HIGH: 2, MEDIUM: 1, LOW: 1, INFO: 1)',
          'Suppressed: 1 (ignore: 1; listed above, not counted in the total)',
          '',
          'Errors:',
          '  config/kubernetes  deploy/broken.yaml: not valid YAML at line 3',
          '',
        ].join('\n'),
      ),
    );
  });

  it('does not depend on the order of its input', () => {
    const scan = configScan();
    const reversed: ScanResult = { ...scan, misconfigurations: [...scan.misconfigurations!].reverse() };
    assert.equal(encodeTable(reversed), encodeTable(scan));
  });

  it('a repository scan: the vulnerability tables and their total, then the misconfigurations', () => {
    const text = encodeTable(repoScan());
    assert.match(text, /^Target: {3}\. \(repository\)\n/);
    assert.match(text, /\nPackages: 10\n/);
    const total = text.indexOf('\nTotal: 4 (');
    const notCompared = text.indexOf('\nNot compared (1):');
    const firstConfig = text.indexOf('\nDockerfile (misconfigurations)\n');
    assert.ok(total > 0 && notCompared > total && firstConfig > notCompared, 'vulnerabilities first');
    assert.ok(text.endsWith('Suppressed: 1 (ignore: 1; listed above, not counted in the total)\n'));
    assert.deepEqual(section(text, POD), section(encodeTable(configScan()), POD));
  });

  it('says so when the checks found nothing; prints nothing of the kind when none ran', () => {
    const clean = encodeTable({ ...configScan(), errors: [], misconfigurations: [] });
    assert.equal(
      clean,
      'Target:   deploy (config)\n\nNo misconfigurations found.\n\n' +
        'Misconfigurations: 0 (CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFO: 0)\n',
    );
    assert.doesNotMatch(encodeTable(findingsScan()), /misconfiguration/i);
  });

  it('colours severities and dims suppressed rows only when told to; colour never moves a column', () => {
    const plain = encodeTable(configScan());
    assert.doesNotMatch(plain, /\u001b/);
    const coloured = encodeTable(configScan(), { color: true });
    assert.match(coloured, /\n\u001b\[1;31mCRITICAL\u001b\[0m {2}BW-K8S-014 /);
    assert.match(coloured, /\n\u001b\[36mINFO\u001b\[0m {6}BW-K8S-032 /);
    assert.match(coloured, /\u001b\[2m\[suppressed \(ignore\)\] container "shell"/);
    assert.match(
      coloured,
      /Misconfigurations: 6 \(\u001b\[1;31mCRITICAL\u001b\[0m: 1, \u001b\[31mHIGH\u001b\[0m: 2/,
    );
    assert.equal(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  it('escapes control characters in file names, resources and messages', () => {
    const [first] = configFindings();
    const evil: ScanResult = {
      ...configScan(),
      misconfigurations: [
        {
          ...first!,
          message: 'bad \u001b[2J message',
          resource: { kind: 'Pod', name: 'x\u001b[31m' },
          location: { file: 'evil\u001b]0;title\u0007.yaml', startLine: 1 },
        },
      ],
    };
    const text = encodeTable(evil);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f]/);
    assert.match(text, /^evil\\x1b\]0;title\\x07\.yaml \(misconfigurations\)$/m);
    assert.match(text, /Pod\/x\\x1b\[31m/);
    assert.match(text, /bad \\x1b\[2J message/);
  });
});
