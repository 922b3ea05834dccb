import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImageConfig } from './check-image-config.ts';
import { imageConfigRules } from './image-config-rules.ts';
import { imageWith } from './rules/image-rule-cases.ts';

describe('checkImageConfig', () => {
  it('renders findings about the image reference at <image config>', () => {
    const findings = checkImageConfig(
      imageWith({
        Env: ['MYSQL_ROOT_PASSWORD=secret123'],
        ExposedPorts: { '22/tcp': {} },
        Cmd: ['/usr/sbin/sshd', '-D'],
      }),
    );
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.messageId, f.severity, f.location.path, f.message]),
      [
        [
          'BW-IMG-001',
          'noUser',
          'HIGH',
          'config.User',
          'the image config has no User, so the image runs "/usr/sbin/sshd -D" as root',
        ],
        [
          'BW-IMG-002',
          'envSecret',
          'CRITICAL',
          'config.Env[0]',
          'Env sets "MYSQL_ROOT_PASSWORD" to a literal value',
        ],
        [
          'BW-IMG-003',
          'sshPort',
          'MEDIUM',
          'config.ExposedPorts["22/tcp"]',
          'the image config exposes port 22/tcp',
        ],
      ],
    );
    for (const f of findings) {
      assert.deepEqual(f.resource, { kind: 'ImageConfig', name: 'registry.example/app:1.0' });
      assert.equal(f.location.file, '<image config>');
    }
    assert.ok(!JSON.stringify(findings).includes('secret123'));
  });

  it('a hardened image has none', () => {
    assert.deepEqual(
      checkImageConfig(imageWith({ User: '65532', Env: ['PATH=/usr/bin'], Entrypoint: ['/app'] })),
      [],
    );
  });

  it('an empty or odd config does not throw', () => {
    for (const config of [
      {},
      { User: null, Env: null, ExposedPorts: null },
      { Env: [['x']], ExposedPorts: 'x' },
    ])
      assert.doesNotThrow(() => checkImageConfig(imageWith(config)));
  });

  it('the registry: BW-IMG-nnn ids, unique, in order, documented', () => {
    const ids = imageConfigRules.map((r) => r.id);
    for (const id of ids) assert.match(id, /^BW-IMG-\d{3}$/);
    assert.deepEqual(ids, [...new Set(ids)].sort());
    for (const r of imageConfigRules)
      assert.ok(
        r.references.some((x) => x.startsWith('https://')),
        r.id,
      );
  });
});
