import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src', import.meta.url));

/**
 * Which top-level folders each folder may import from (DESIGN.md: core ← version ←
 * {artifact, extract, vulndb} ← match ← report; cli on top). One deliberate addition: `extract`
 * imports `artifact`, because the one walk reads the artifact's layer streams.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  version: ['core', 'version', 'test-support'],
  artifact: ['core', 'version', 'artifact'],
  extract: ['core', 'version', 'artifact', 'extract', 'test-support'],
  vulndb: ['core', 'version', 'vulndb', 'test-support'],
  match: ['core', 'version', 'vulndb', 'match', 'test-support'],
  report: ['core', 'version', 'report', 'test-support'],
  // The store implements vulndb's FeedSink and core's AdvisoryLookup.
  store: ['core', 'version', 'vulndb', 'store', 'test-support'],
  policy: ['core', 'version', 'policy', 'test-support'],
  detect: ['core', 'detect', 'test-support'],
  // The server wires the pure admission decision to the store (saved scans) and the rules.
  server: ['core', 'version', 'vulndb', 'match', 'report', 'store', 'policy', 'server', 'test-support'],
  cli: [
    'core',
    'version',
    'artifact',
    'extract',
    'vulndb',
    'match',
    'report',
    'store',
    'policy',
    'detect',
    'server',
    'cli',
  ],
  'test-support': ['core', 'version', 'artifact', 'extract', 'vulndb', 'test-support'],
};

function* tsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'testdata') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

describe('import direction', () => {
  it('every import stays within the folders DESIGN.md allows', () => {
    const violations: string[] = [];
    for (const file of tsFiles(src)) {
      const from = relative(src, file).split('/')[0]!;
      const allowed = ALLOWED[from];
      assert.ok(allowed, `src/${from} has no entry in ALLOWED: add one deliberately`);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const target = relative(src, resolve(dirname(file), m[1]!)).split('/')[0]!;
        // Case tables (`*-cases.ts`) are test code kept beside the rules they describe.
        const isTest = file.endsWith('.test.ts') || file.endsWith('-cases.ts');
        const testOnly = target === 'test-support' && !isTest && !from.startsWith('test');
        if (!allowed.includes(target) || testOnly) violations.push(`${relative(src, file)} → ${m[1]}`);
      }
    }
    assert.deepEqual(violations, []);
  });
});
