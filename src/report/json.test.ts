import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { ScanResult } from '../core/scan-result.ts';
import { encodeJson, JSON_SCHEMA_VERSION } from './json.ts';
import { allScans, awkwardScan, bookwormScan } from './testdata/scan-fixtures.ts';

const TOP_LEVEL = [
  'schemaVersion',
  'tool',
  'target',
  'image',
  'os',
  'packages',
  'relationships',
  'errors',
  'createdAt',
];
const PACKAGE_KEYS = [
  'id',
  'name',
  'version',
  'type',
  'ecosystem',
  'purl',
  'arch',
  'source',
  'licenses',
  'maintainer',
  'locations',
  'files',
  'dependsOn',
  'foundBy',
  'metadata',
];

/** The scan as encodeJson must write it: packages and relationships in their documented order. */
function expected(scan: ScanResult): unknown {
  const by =
    (...keys: string[]) =>
    (a: object, b: object) => {
      for (const k of keys) {
        const x = String((a as Record<string, unknown>)[k]);
        const y = String((b as Record<string, unknown>)[k]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
  return {
    schemaVersion: 1,
    ...scan,
    packages: [...scan.packages].sort(by('name', 'version', 'type', 'id')),
    relationships: [...scan.relationships].sort(by('from', 'to', 'type')),
  };
}

/** Every object key used anywhere in `value`. */
function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  }
  return out;
}

describe('encodeJson', () => {
  for (const [name, scan] of Object.entries(allScans())) {
    it(`${name}: round-trips to the scan result plus schemaVersion`, () => {
      const text = encodeJson(scan);
      assert.ok(text.endsWith('}\n'));
      assert.deepEqual(JSON.parse(text), expected(scan));
    });
  }

  it('writes keys in the documented order', () => {
    const doc = JSON.parse(encodeJson(bookwormScan())) as Record<string, unknown>;
    assert.deepEqual(Object.keys(doc), TOP_LEVEL);
    assert.equal(doc.schemaVersion, JSON_SCHEMA_VERSION);
    for (const p of doc.packages as Record<string, unknown>[]) {
      const keys = Object.keys(p);
      assert.deepEqual(
        keys,
        PACKAGE_KEYS.filter((k) => keys.includes(k)),
      );
    }
    const noImage = JSON.parse(encodeJson(awkwardScan())) as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(noImage),
      TOP_LEVEL.filter((k) => k !== 'image' && k !== 'os'),
    );
  });

  it('does not depend on the order or key order of its input', () => {
    const scan = bookwormScan();
    const shuffled: ScanResult = {
      ...scan,
      packages: [...scan.packages]
        .reverse()
        .map((p) => Object.fromEntries(Object.entries(p).reverse()) as typeof p),
      relationships: [...scan.relationships].reverse(),
      image: {
        ...scan.image!,
        config: { Labels: scan.image!.config.Labels, Env: scan.image!.config.Env, Cmd: ['bash'] },
      },
    };
    assert.equal(encodeJson(shuffled), encodeJson(scan));
  });

  it('leaves out undefined fields instead of writing null', () => {
    const scan = awkwardScan();
    const withUndefined = {
      ...scan,
      os: undefined,
      packages: scan.packages.map((p) => ({ ...p, arch: undefined })),
    };
    const text = encodeJson(withUndefined as unknown as ScanResult);
    assert.doesNotMatch(text, /null|"arch"|"os"/);
  });

  it('documents every field it writes in docs/json-format.md', () => {
    const docs = readFileSync(new URL('../../docs/json-format.md', import.meta.url), 'utf8');
    const open = new Set(['Cmd', 'Env', 'Labels', 'org.opencontainers.image.source']); // image.config content
    const undocumented = [
      ...keysIn(JSON.parse(encodeJson(bookwormScan()))),
      ...keysIn(JSON.parse(encodeJson(awkwardScan()))),
    ].filter((k) => !open.has(k) && !docs.includes(`\`${k}\``));
    assert.deepEqual([...new Set(undocumented)], []);
  });
});
