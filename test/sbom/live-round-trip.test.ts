import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ScanResult } from '../../src/core/scan-result.ts';
import { readSbom } from '../../src/extract/sbom/read-sbom.ts';
import { encodeCycloneDx } from '../../src/report/cyclonedx.ts';
import { encodeSpdx } from '../../src/report/spdx.ts';

// The SBOM round trip through today's encoders (src/extract/sbom's own tests read saved SBOMs,
// because extract may not import report): whatever the encoders write, the reader must give back
// the same packages, so `bulwark sbom` output can be fed to `bulwark sbom scan`.

const scanFiles = {
  bookworm: '../../src/report/testdata/debian-bookworm-scan.json',
  awkward: '../../src/extract/sbom/testdata/awkward-scan.json',
  'multi-ecosystem': '../../src/extract/sbom/testdata/multi-ecosystem-scan.json',
};
const dir = mkdtempSync(join(tmpdir(), 'bulwark-sbom-live-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const key = (p: ScanResult['packages'][number]) =>
  JSON.stringify([p.name, p.version, p.purl, p.ecosystem ?? null, p.source?.name ?? null]);

describe('SBOM round trip through the current encoders', () => {
  for (const [name, file] of Object.entries(scanFiles)) {
    const scan = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as ScanResult;
    for (const [format, encode] of [
      ['cyclonedx', encodeCycloneDx],
      ['spdx', encodeSpdx],
    ] as const) {
      it(`${name} as ${format}: same packages (name, version, purl, ecosystem, source)`, async () => {
        const path = join(dir, `${name}.${format}.json`);
        writeFileSync(path, encode(scan));
        const back = await readSbom(path);
        assert.deepEqual(back.packages.map(key).sort(), scan.packages.map(key).sort());
        assert.deepEqual(back.errors, []);
      });
    }
  }
});
