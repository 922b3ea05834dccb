import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type ErrorCode, ErrorCodes, isBulwarkError } from '../../core/errors.ts';
import { readSbom } from './read-sbom.ts';
import { MAX_SBOM_BYTES } from './read-sbom-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-read-sbom-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function file(content: string | Uint8Array): string {
  const path = join(dir, `sbom-${n++}.json`);
  writeFileSync(path, content);
  return path;
}

const cdx = (extra: Record<string, unknown>) =>
  JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, ...extra });
const spdx = (extra: Record<string, unknown>) =>
  JSON.stringify({ spdxVersion: 'SPDX-2.3', SPDXID: 'SPDXRef-DOCUMENT', ...extra });

/** Asserts readSbom fails with `code` and a one-line message `<path>: <problem>` (no stack trace). */
async function rejects(path: string, code: ErrorCode, problem: string | RegExp, signal?: AbortSignal) {
  await assert.rejects(readSbom(path, signal ? { signal } : {}), (e: unknown) => {
    assert.ok(isBulwarkError(e), `a BulwarkError, not ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(!e.message.includes('\n'), 'one line');
    if (code === ErrorCodes.ABORTED) return true; // core's throwIfAborted: no subject
    assert.equal(e.subject, path);
    assert.ok(e.message.startsWith(`${path}: `), e.message);
    const rest = e.message.slice(path.length + 2);
    if (typeof problem === 'string') assert.equal(rest, problem);
    else assert.match(rest, problem);
    return true;
  });
}

describe('readSbom', () => {
  it('returns a ScanResult of kind sbom named by the path', async () => {
    const path = file(
      cdx({
        components: [{ type: 'library', 'bom-ref': 'a', name: 'a', version: '1', purl: 'pkg:npm/a@1' }],
      }),
    );
    const r = await readSbom(path);
    assert.deepEqual(r.target, { kind: 'sbom', name: path });
    assert.deepEqual(r.tool.name, 'bulwark');
    assert.ok(!Number.isNaN(Date.parse(r.createdAt)));
    assert.deepEqual(
      r.packages.map((p) => [p.id, p.name, p.ecosystem, p.foundBy]),
      [['a', 'a', 'npm', 'sbom/cyclonedx']],
    );
  });

  it('accepts a UTF-8 byte order mark and UTF-16 with one', async () => {
    const text = spdx({ packages: [{ SPDXID: 'SPDXRef-a', name: 'a', versionInfo: '1' }] });
    for (const bytes of [
      Buffer.from(`\uFEFF${text}`, 'utf8'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ]) {
      const r = await readSbom(file(bytes));
      assert.deepEqual(
        r.packages.map((p) => p.name),
        ['a'],
      );
    }
  });

  it('reads newer 1.x CycloneDX with a warning', async () => {
    const r = await readSbom(file(cdx({ specVersion: '1.8' })));
    assert.deepEqual(
      r.errors.map((e) => e.message),
      ['CycloneDX 1.8 is newer than 1.7; fields added since are ignored'],
    );
  });

  it('walks deeply nested components without recursion', async () => {
    const depth = 3000;
    const open = '{"type":"library","name":"n","version":"1","components":['.repeat(depth);
    const close = ']}'.repeat(depth);
    const r = await readSbom(
      file(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[${open}${close}]}`),
    );
    assert.equal(r.packages.length, depth);
    assert.equal(r.relationships.filter((x) => x.type === 'contains').length, depth - 1);
  });

  it('lists at most 100 element problems, then counts the rest', async () => {
    const components = Array.from({ length: 150 }, (_, i) => ({
      type: 'library',
      name: `x${i}`,
      purl: 'pkg:',
    }));
    const r = await readSbom(file(cdx({ components })));
    assert.equal(r.packages.length, 150);
    assert.equal(r.errors.length, 101);
    assert.equal(r.errors.at(-1)?.message, '50 more problems like the above');
  });

  describe('refuses', () => {
    const parse = ErrorCodes.PARSE;
    const cases: [name: string, content: string | Uint8Array, problem: string | RegExp][] = [
      ['an empty file', '', 'the file is empty'],
      ['text', 'hello world\n', 'not an SBOM: neither JSON, XML nor SPDX tag-value'],
      ['truncated JSON', '{"bomFormat": "CycloneDX", "specVersion": "1.', /^not valid JSON: /],
      [
        'a JSON array',
        '[{"bomFormat":"CycloneDX"}]',
        'the JSON document is not an object, so neither CycloneDX nor SPDX',
      ],
      [
        'other JSON',
        '{"name":"x","version":"1"}',
        'neither CycloneDX (no "bomFormat" field) nor SPDX (no "spdxVersion" field)',
      ],
      [
        'Syft JSON',
        '{"artifacts":[],"schema":{"version":"16.0.0","url":"https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.0.0.json"}}',
        "Syft's own JSON format is not supported; export CycloneDX or SPDX JSON (syft -o cyclonedx-json)",
      ],
      [
        'SPDX 3 JSON-LD',
        '{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}',
        'SPDX 3 (JSON-LD) is not supported; export SPDX 2.3 JSON instead',
      ],
      [
        'another bomFormat',
        '{"bomFormat":"SWID","specVersion":"1.6"}',
        'invalid CycloneDX BOM: not a CycloneDX BOM',
      ],
      [
        'CycloneDX 2',
        cdx({ specVersion: '2.0' }),
        'invalid CycloneDX BOM: unsupported CycloneDX specVersion "2.0"',
      ],
      [
        'CycloneDX without specVersion',
        '{"bomFormat":"CycloneDX"}',
        'invalid CycloneDX BOM: unsupported CycloneDX specVersion undefined',
      ],
      [
        'components as an object',
        cdx({ components: {} }),
        'invalid CycloneDX BOM: components must be an array',
      ],
      [
        'a component as a string',
        cdx({ components: [{ name: 'a' }, 'b'] }),
        'invalid CycloneDX BOM: components[1] must be an object',
      ],
      [
        'nested components as a string',
        cdx({ components: [{ name: 'a', components: 'b' }] }),
        'invalid CycloneDX BOM: components[0].components must be an array',
      ],
      ['metadata as an array', cdx({ metadata: [] }), 'invalid CycloneDX BOM: metadata must be an object'],
      [
        'a dependency without ref',
        cdx({ dependencies: [{ dependsOn: [] }] }),
        'invalid CycloneDX BOM: dependencies[0].ref must be a bom-ref',
      ],
      [
        'dependsOn with objects',
        cdx({ dependencies: [{ ref: 'a', dependsOn: [{ ref: 'b' }] }] }),
        'invalid CycloneDX BOM: dependencies[0].dependsOn must be an array of bom-refs',
      ],
      [
        'SPDX 3 by version',
        spdx({ spdxVersion: 'SPDX-3.0' }),
        'invalid SPDX document: unsupported SPDX version "SPDX-3.0"; SPDX 2.2 and 2.3 are supported',
      ],
      [
        'SPDX packages as an object',
        spdx({ packages: {} }),
        'invalid SPDX document: packages must be an array',
      ],
      [
        'SPDX relationships with null',
        spdx({ relationships: [null] }),
        'invalid SPDX document: relationships[0] must be an object',
      ],
      ['binary data', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]), 'the file is binary, not an SBOM'],
      ['gzip data', gzipSync(cdx({})), 'the file is gzip-compressed; decompress it first'],
      [
        'an XML document that is no BOM',
        '<html><body/></html>',
        'not a CycloneDX XML BOM (no <bom> in a cyclonedx.org namespace)',
      ],
    ];
    for (const [name, content, problem] of cases) {
      it(name, () => rejects(file(content), parse, problem));
    }

    it('a missing file', () =>
      rejects(join(dir, 'nope.json'), ErrorCodes.INPUT_NOT_FOUND, 'no such SBOM file'));

    it('a directory', () => {
      const path = join(dir, 'a-directory');
      mkdirSync(path);
      return rejects(path, ErrorCodes.INPUT_UNREADABLE, 'is a directory, not an SBOM file');
    });

    it('a file over 100 MiB, before reading it', () => {
      const path = file('');
      truncateSync(path, MAX_SBOM_BYTES + 1); // sparse: costs no disk
      return rejects(
        path,
        ErrorCodes.FILE_TOO_LARGE,
        `the SBOM is ${MAX_SBOM_BYTES + 1} bytes, over the ${MAX_SBOM_BYTES}-byte limit; refusing to read it`,
      );
    });

    it('to start when the signal has fired', () => {
      const controller = new AbortController();
      controller.abort();
      return rejects(file(cdx({})), ErrorCodes.ABORTED, '', controller.signal);
    });
  });
});
