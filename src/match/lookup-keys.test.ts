import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../core/package.ts';
import { isOsEcosystem, type LookupKey, lookupKeys } from './lookup-keys.ts';

function pkg(p: Partial<Package> & Pick<Package, 'name' | 'version'>): Package {
  return {
    id: `${p.type ?? 'x'}:${p.name}@${p.version}`,
    type: 'generic',
    purl: `pkg:generic/${p.name}@${p.version}`,
    licenses: [],
    locations: [],
    foundBy: 'test',
    ...p,
  };
}

const k = (ecosystem: string, name: string, version: string, via: LookupKey['via']): LookupKey => ({
  ecosystem,
  name,
  version,
  via,
});

describe('lookupKeys', () => {
  const cases: [string, Package, LookupKey[]][] = [
    [
      'dpkg binary from a differently named source (libc6 ← glibc)',
      pkg({
        name: 'libc6',
        version: '2.19-18+deb8u10',
        type: 'deb',
        ecosystem: 'Debian:8',
        source: { name: 'glibc', version: '2.19-18+deb8u10' },
      }),
      [
        k('Debian:8', 'libc6', '2.19-18+deb8u10', 'direct'),
        k('Debian:8', 'glibc', '2.19-18+deb8u10', 'source'),
      ],
    ],
    [
      'dpkg package that is its own source: no source key',
      pkg({
        name: 'bash',
        version: '4.3-11+deb8u2',
        type: 'deb',
        ecosystem: 'Debian:8',
        source: { name: 'bash' },
      }),
      [k('Debian:8', 'bash', '4.3-11+deb8u2', 'direct')],
    ],
    [
      'source version defaults to the binary version (apk origin)',
      pkg({
        name: 'libexif-dev',
        version: '0.6.21-r3',
        type: 'apk',
        ecosystem: 'Alpine:v3.10',
        source: { name: 'libexif' },
      }),
      [
        k('Alpine:v3.10', 'libexif-dev', '0.6.21-r3', 'direct'),
        k('Alpine:v3.10', 'libexif', '0.6.21-r3', 'source'),
      ],
    ],
    [
      'Debian kernel image built from linux: the source key already is the kernel',
      pkg({
        name: 'linux-image-3.16.0-4-amd64',
        version: '3.16.36-1+deb8u1',
        type: 'deb',
        ecosystem: 'Debian:8',
        source: { name: 'linux', version: '3.16.36-1+deb8u1' },
      }),
      [
        k('Debian:8', 'linux-image-3.16.0-4-amd64', '3.16.36-1+deb8u1', 'direct'),
        k('Debian:8', 'linux', '3.16.36-1+deb8u1', 'source'),
      ],
    ],
    [
      'Ubuntu signed kernel image: looked up as linux at its own version',
      pkg({
        name: 'linux-image-5.15.0-91-generic',
        version: '5.15.0-91.101',
        type: 'deb',
        ecosystem: 'Ubuntu:22.04',
        source: { name: 'linux-signed', version: '5.15.0-91.101' },
      }),
      [
        k('Ubuntu:22.04', 'linux-image-5.15.0-91-generic', '5.15.0-91.101', 'direct'),
        k('Ubuntu:22.04', 'linux-signed', '5.15.0-91.101', 'source'),
        k('Ubuntu:22.04', 'linux', '5.15.0-91.101', 'kernel'),
      ],
    ],
    [
      'kernel headers and modules count as the kernel too',
      pkg({
        name: 'linux-modules-5.15.0-91-generic',
        version: '5.15.0-91.101',
        type: 'deb',
        ecosystem: 'Ubuntu:22.04',
      }),
      [
        k('Ubuntu:22.04', 'linux-modules-5.15.0-91-generic', '5.15.0-91.101', 'direct'),
        k('Ubuntu:22.04', 'linux', '5.15.0-91.101', 'kernel'),
      ],
    ],
    [
      'metapackage built from linux-latest',
      pkg({
        name: 'linux-image-amd64',
        version: '3.16+63+deb8u2',
        type: 'deb',
        ecosystem: 'Debian:8',
        source: { name: 'linux-latest', version: '63+deb8u2' },
      }),
      [
        k('Debian:8', 'linux-image-amd64', '3.16+63+deb8u2', 'direct'),
        k('Debian:8', 'linux-latest', '63+deb8u2', 'source'),
        k('Debian:8', 'linux', '3.16+63+deb8u2', 'kernel'),
      ],
    ],
    [
      'rpm kernel-core: its SRPM kernel is the kernel key (no duplicate)',
      pkg({
        name: 'kernel-core',
        version: '5.14.0-362.8.1.el9_3',
        type: 'rpm',
        ecosystem: 'AlmaLinux:9',
        source: { name: 'kernel', version: '5.14.0-362.8.1.el9_3' },
      }),
      [
        k('AlmaLinux:9', 'kernel-core', '5.14.0-362.8.1.el9_3', 'direct'),
        k('AlmaLinux:9', 'kernel', '5.14.0-362.8.1.el9_3', 'source'),
      ],
    ],
    [
      'rpm kernel-modules without a recorded source',
      pkg({ name: 'kernel-modules', version: '5.14.0-362.8.1.el9_3', type: 'rpm', ecosystem: 'AlmaLinux:9' }),
      [
        k('AlmaLinux:9', 'kernel-modules', '5.14.0-362.8.1.el9_3', 'direct'),
        k('AlmaLinux:9', 'kernel', '5.14.0-362.8.1.el9_3', 'kernel'),
      ],
    ],
    [
      'rpm with epoch keeps the full EVR',
      pkg({
        name: 'runc',
        version: '4:1.1.11-1.el9',
        type: 'rpm',
        ecosystem: 'AlmaLinux:9',
        source: { name: 'runc', version: '4:1.1.11-1.el9' },
      }),
      [k('AlmaLinux:9', 'runc', '4:1.1.11-1.el9', 'direct')],
    ],
    [
      'Maven: groupId:artifactId from the purl',
      pkg({
        name: 'log4j-core',
        version: '2.14.1',
        type: 'maven',
        ecosystem: 'Maven',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      }),
      [k('Maven', 'org.apache.logging.log4j:log4j-core', '2.14.1', 'direct')],
    ],
    [
      'Maven: metadata groupId wins over a Syft-style purl',
      pkg({
        name: 'log4j',
        version: '1.2.17',
        type: 'maven',
        ecosystem: 'Maven',
        purl: 'pkg:maven/log4j/log4j@1.2.17',
        metadata: { groupId: 'log4j', artifactId: 'log4j' },
      }),
      [k('Maven', 'log4j:log4j', '1.2.17', 'direct')],
    ],
    [
      'Maven: a jar whose groupId is unknown is not looked up',
      pkg({
        name: 'guava',
        version: 'r06',
        type: 'maven',
        ecosystem: 'Maven',
        purl: 'pkg:maven/guava/guava@r06',
        metadata: { groupId: '', artifactId: 'guava' },
      }),
      [],
    ],
    [
      'Maven: a purl without namespace is not looked up',
      pkg({ name: 'guava', version: 'r06', type: 'maven', ecosystem: 'Maven', purl: 'pkg:maven/guava@r06' }),
      [],
    ],
    [
      'Go module path',
      pkg({
        name: 'github.com/opencontainers/runc',
        version: 'v1.1.11',
        type: 'golang',
        ecosystem: 'Go',
        purl: 'pkg:golang/github.com/opencontainers/runc@v1.1.11',
      }),
      [k('Go', 'github.com/opencontainers/runc', 'v1.1.11', 'direct')],
    ],
    [
      'Go stdlib, as go/binary writes it',
      pkg({
        name: 'stdlib',
        version: '1.21.8',
        type: 'golang',
        ecosystem: 'Go',
        purl: 'pkg:golang/stdlib@1.21.8',
      }),
      [k('Go', 'stdlib', '1.21.8', 'stdlib')],
    ],
    [
      'Go stdlib with the go prefix (Syft SBOMs)',
      pkg({
        name: 'stdlib',
        version: 'go1.22.1',
        type: 'golang',
        ecosystem: 'Go',
        purl: 'pkg:golang/stdlib@go1.22.1',
      }),
      [k('Go', 'stdlib', '1.22.1', 'stdlib')],
    ],
    [
      'npm scoped name',
      pkg({
        name: '@babel/traverse',
        version: '7.23.0',
        type: 'npm',
        ecosystem: 'npm',
        purl: 'pkg:npm/%40babel/traverse@7.23.0',
      }),
      [k('npm', '@babel/traverse', '7.23.0', 'direct')],
    ],
    [
      'npm scope only in the purl',
      pkg({
        name: 'traverse',
        version: '7.23.0',
        type: 'npm',
        ecosystem: 'npm',
        purl: 'pkg:npm/%40babel/traverse@7.23.0',
      }),
      [k('npm', '@babel/traverse', '7.23.0', 'direct')],
    ],
    [
      'PyPI by name (normalisation is the index key, not ours)',
      pkg({
        name: 'Django',
        version: '3.2.0',
        type: 'pypi',
        ecosystem: 'PyPI',
        purl: 'pkg:pypi/django@3.2.0',
      }),
      [k('PyPI', 'Django', '3.2.0', 'direct')],
    ],
    [
      'crates.io by name',
      pkg({ name: 'smallvec', version: '1.6.0', type: 'cargo', ecosystem: 'crates.io' }),
      [k('crates.io', 'smallvec', '1.6.0', 'direct')],
    ],
    ['no ecosystem: no keys', pkg({ name: 'python', version: '3.11.2', type: 'generic' }), []],
  ];
  for (const [title, p, want] of cases) {
    it(title, () => {
      const r = lookupKeys(p);
      assert.deepEqual(r.keys, want);
      assert.equal(r.warning, undefined);
    });
  }

  it('warns when the ecosystem has no version ordering', () => {
    const r = lookupKeys(pkg({ name: 'kube-apiserver', version: '1.28.0', ecosystem: 'kubernetes' }));
    assert.deepEqual(r.keys, []);
    assert.match(r.warning ?? '', /does not know how to order versions in the ecosystem "kubernetes"/);
  });
});

describe('isOsEcosystem', () => {
  it('is true for distro ecosystems only', () => {
    for (const e of ['Debian:8', 'Ubuntu:22.04', 'Alpine:v3.9', 'AlmaLinux:9', 'Rocky Linux:8', 'Wolfi']) {
      assert.equal(isOsEcosystem(e), true, e);
    }
    for (const e of ['Maven', 'Go', 'npm', 'PyPI', 'kubernetes']) assert.equal(isOsEcosystem(e), false, e);
  });
});
