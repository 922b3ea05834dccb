// Regenerates the round-trip SBOMs from scans, with our own encoders:
//   node --import tsx src/extract/sbom/testdata/generate-round-trip.ts
// It lives in testdata because extract may not import report (test/architecture.test.ts); run it
// again whenever src/report/cyclonedx.ts or spdx.ts change what they write. See README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ScanResult } from '../../../core/scan-result.ts';
import { encodeCycloneDx } from '../../../report/cyclonedx.ts';
import { encodeSpdx } from '../../../report/spdx.ts';
import { awkwardScan } from '../../../report/testdata/scan-fixtures.ts';

const here = (name: string) => new URL(`./${name}`, import.meta.url);
const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as ScanResult;
const fixed = { randomUUID: () => '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };

writeFileSync(here('awkward-scan.json'), `${JSON.stringify(awkwardScan(), null, 2)}\n`);
const scans: Record<string, ScanResult> = {
  bookworm: read(new URL('../../../report/testdata/debian-bookworm-scan.json', import.meta.url)),
  awkward: read(here('awkward-scan.json')),
  'multi-ecosystem': read(here('multi-ecosystem-scan.json')),
};
for (const [name, scan] of Object.entries(scans)) {
  writeFileSync(here(`${name}.cdx.json`), encodeCycloneDx(scan, fixed));
  writeFileSync(here(`${name}.spdx.json`), encodeSpdx(scan, fixed));
}
