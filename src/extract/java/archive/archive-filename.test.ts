import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftFixture } from '../../../test-support/syft-expected.ts';
import { parseArchiveFilename } from './archive-filename.ts';

/** The table of Syft's TestExtractInfoFromJavaArchiveFilename, read from its Go source. */
function goTable(): { filename: string; version: string; name: string }[] {
  const go = readFileSync(syftFixture('java', 'archive_filename_test.go'), 'utf8');
  const rows = [
    ...go.matchAll(
      /filename:\s+"([^"]+)",\s+version:\s+"([^"]*)",\s+extension:\s+"[^"]*",\s+name:\s+"([^"]*)"/g,
    ),
  ];
  return rows.map((m) => ({ filename: m[1]!, version: m[2]!, name: m[3]! }));
}

describe('parseArchiveFilename (Syft TestExtractInfoFromJavaArchiveFilename)', () => {
  const table = goTable();
  it('reads the whole Go table', () => assert.ok(table.length >= 25, `only ${table.length} rows`));
  for (const row of table) {
    it(row.filename, () => {
      const got = parseArchiveFilename(row.filename);
      assert.deepEqual({ name: got.name, version: got.version }, { name: row.name, version: row.version });
    });
  }
  it('keeps a name without any version', () =>
    assert.deepEqual(parseArchiveFilename('usr/share/java/log4j-core.jar'), {
      base: 'log4j-core',
      name: 'log4j-core',
      version: '',
    }));
});
