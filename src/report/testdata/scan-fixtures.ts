// Scan results shared by the report tests: the real-data fixture and hand-made edge cases.
import { readFileSync } from 'node:fs';
import type { Package } from '../../core/package.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { configScan } from './config-fixtures.ts';

/** debian-bookworm-scan.json (see README.md): an image with real Debian 12 packages. */
export function bookwormScan(): ScanResult {
  return JSON.parse(readFileSync(new URL('./debian-bookworm-scan.json', import.meta.url), 'utf8')) as ScanResult;
}

function pkg(id: string, name: string, extra: Partial<Package> = {}): Package {
  return { id, name, version: '1.0.0', type: 'npm', purl: `pkg:npm/${name}@1.0.0`, licenses: [], locations: [], foundBy: 'javascript/package-lock', ...extra };
}

const base = { errors: [], createdAt: '2025-09-01T10:20:30Z', tool: { name: 'bulwark', version: '0.1.0' } } as const;

/** A root filesystem directory: no image, but an OS. */
export function rootfsScan(): ScanResult {
  const image = bookwormScan();
  const { image: _drop, ...rest } = image;
  return {
    ...rest,
    target: { kind: 'rootfs', name: '/srv/rootfs' },
    packages: image.packages.map((p) => ({ ...p, locations: p.locations.map((l) => ({ path: l.path })) })),
  };
}

/** Awkward input: no OS, odd ids, repeated ids and names, odd licences and maintainers. */
export function awkwardScan(): ScanResult {
  const packages: Package[] = [
    pkg('a:b', 'colliding-1', { licenses: ['MIT', 'MIT', '  ', ''] }),
    pkg('a/b', 'colliding-2', { licenses: ['public-domain'], maintainer: 'Jane Doe' }),
    pkg('a b', 'colliding-3', { licenses: ['public-domain', 'Apache-2.0 WITH LLVM-exception'] }),
    pkg('dup', 'openssl', { type: 'deb', purl: 'pkg:deb/debian/openssl@3.0.19', version: '3.0.19', foundBy: 'os/dpkg' }),
    pkg('dup', 'openssl', { licenses: ['GPL-2.0+', 'LicenseRef-acme'], dependsOn: ['dup', 'missing', 'a:b'] }),
    pkg('', 'empty-id', { purl: '', version: '', maintainer: 'Bad <not an email>' }),
    pkg('pkg:npm/%40scope/ünï code@1.0.0#2', '\u001b[31mevil\u001b[0m', { licenses: ['mit', 'GPL-2+ and some text'] }),
    pkg('parent', 'bundle', { dependsOn: [], licenses: ['MIT AND (BSD-2-Clause OR ISC)', 'Zlib'] }),
    pkg('child', 'bundled', { maintainer: 'Ann (the) Maintainer <ann@example.org>' }),
  ];
  return {
    ...base,
    target: { kind: 'filesystem', name: 'my app/with spaces' },
    packages,
    relationships: [
      { from: 'parent', to: 'child', type: 'contains' },
      { from: 'parent', to: 'a/b', type: 'depends-on' },
      { from: 'nobody', to: 'child', type: 'depends-on' },
    ],
    errors: [{ path: 'node_modules/x/package.json', stage: 'javascript/package-lock', message: 'bad JSON\u001b[2J' }],
  };
}

/** A docker-archive image with no manifest digest, no tags and no packages. */
export function emptyImageScan(): ScanResult {
  return {
    ...base,
    target: { kind: 'image', name: '/tmp/scratch.tar' },
    image: {
      reference: '/tmp/scratch.tar',
      configDigest: 'sha256:a26fdbe4a28690217fb41e2f4eb572809e4ce1d4f15d0729e30cbe846f405a10',
      platform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      repoTags: [],
      repoDigests: [],
      layers: [],
      config: {},
    },
    packages: [],
    relationships: [],
  };
}

/** Every scan above, by name, for tests that must hold for all of them. */
export function allScans(): Record<string, ScanResult> {
  return {
    bookworm: bookwormScan(),
    rootfs: rootfsScan(),
    awkward: awkwardScan(),
    emptyImage: emptyImageScan(),
    config: configScan(),
  };
}
