import assert from 'node:assert/strict';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { newEpssReport, parseEpssLine, parseEpssLines, parseEpssText, readEpssScores } from './parse-epss.ts';

const splitDir = () => sharedData('vuln', 'epss', 'EPSS_CVE_data');

function fileLines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
}

/** The raw `;`-separated row for a CVE, found by plain text search (independent of the parser). */
function rawRow(path: string, cve: string): string[] {
  const text = readFileSync(path, 'latin1');
  const at = text.indexOf(`${cve};`);
  assert.ok(at >= 0, `${cve} not in ${path}`);
  const end = text.indexOf('\n', at);
  return text.slice(at, end < 0 ? undefined : end).split(';');
}

describe('EPSS per-year split files (real data)', () => {
  it('parse fully: every non-empty line is a score, no warnings', async () => {
    const files = readdirSync(splitDir())
      .filter((f) => /^CVE_\d{4}_EPSS\.csv$/.test(f))
      .sort();
    assert.ok(files.length >= 28, `only ${files.length} split files`);
    let total = 0;
    for (const f of files) {
      const path = join(splitDir(), f);
      const year = f.slice(4, 8);
      // Count rows independently: newline bytes of the file.
      const bytes = readFileSync(path);
      let rows = 0;
      for (const b of bytes) if (b === 0x0a) rows++;
      if (bytes.length > 0 && bytes.at(-1) !== 0x0a) rows++;

      const report = newEpssReport();
      let n = 0;
      for await (const s of readEpssScores(fileLines(path), report)) {
        n++;
        assert.ok(s.cve.startsWith(`CVE-${year}-`), `${f}: ${s.cve}`);
      }
      assert.deepEqual(report.warnings, [], f);
      assert.equal(report.warningsOmitted, 0);
      assert.equal(report.meta, undefined);
      assert.equal(n, rows, f);
      assert.equal(report.scores, rows, f);
      total += n;
    }
    assert.ok(total > 350_000, `only ${total} scores`);
  });

  it('gives CVE-2021-44228 its real score from the file', async () => {
    const path = join(splitDir(), 'CVE_2021_EPSS.csv');
    const [, epssText, percentileText] = rawRow(path, 'CVE-2021-44228');
    const expectedEpss = Number.parseFloat(epssText!);
    const expectedPercentile = Number.parseFloat(percentileText!);
    assert.ok(expectedEpss > 0.9999 && expectedEpss <= 1);

    const parsed = await parseEpssLines(fileLines(path));
    assert.deepEqual(parsed.warnings, []);
    const hits = parsed.scores.filter((s) => s.cve === 'CVE-2021-44228');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]!.epss, expectedEpss);
    assert.equal(hits[0]!.percentile, expectedPercentile);
  });
});

describe('EPSS daily file shape', () => {
  it('reads the model comment, the header and comma-separated rows', async () => {
    // Real rows from the split files, turned into FIRST's daily-file shape. The first two lines
    // follow the layout of FIRST's published epss_scores-YYYY-MM-DD.csv files
    // (https://epss.empiricalsecurity.com/epss_scores-current.csv.gz, formerly epss.cyentia.com):
    // `#model_version:<version>,score_date:<ISO date-time>` then `cve,epss,percentile`.
    const path = join(splitDir(), 'CVE_2021_EPSS.csv');
    const realRows = [
      rawRow(path, 'CVE-2021-44228'),
      rawRow(join(splitDir(), 'CVE_1999_EPSS.csv'), 'CVE-1999-1593'),
      rawRow(join(splitDir(), 'CVE_2000_EPSS.csv'), 'CVE-2000-1254'),
    ];
    const text = [
      '#model_version:v2025.03.14,score_date:2025-03-20T12:55:00Z',
      'cve,epss,percentile',
      ...realRows.map((r) => r.join(',')),
    ].join('\r\n');
    const parsed = await parseEpssText(`${text}\r\n`);
    assert.deepEqual(parsed.warnings, []);
    assert.deepEqual(parsed.meta, { modelVersion: 'v2025.03.14', scoreDate: '2025-03-20T12:55:00Z' });
    assert.equal(parsed.lines, 5);
    assert.deepEqual(
      parsed.scores,
      realRows.map(([cve, epss, percentile]) => ({
        cve,
        epss: Number(epss),
        percentile: Number(percentile),
      })),
    );
    assert.equal(parsed.scores[0]?.cve, 'CVE-2021-44228');
  });

  it('takes async iterables (streaming) as well', async () => {
    async function* gen() {
      yield '#model_version:v2023.03.01,score_date:2023-03-28T00:00:00+0000';
      yield 'cve,epss,percentile';
      yield 'CVE-1999-0001,0.01,0.5';
    }
    const parsed = await parseEpssLines(gen());
    assert.deepEqual(parsed.meta, { modelVersion: 'v2023.03.01', scoreDate: '2023-03-28T00:00:00+0000' });
    assert.equal(parsed.scores.length, 1);
  });
});

describe('parseEpssLine', () => {
  it('reads both delimiters, headers, comments and blanks', () => {
    assert.deepEqual(parseEpssLine('CVE-2021-44228;0.999990000;1.000000000\r'), {
      kind: 'score',
      score: { cve: 'CVE-2021-44228', epss: 0.99999, percentile: 1 },
    });
    assert.deepEqual(parseEpssLine('cve-2020-0001,0,0.0'), {
      kind: 'score',
      score: { cve: 'CVE-2020-0001', epss: 0, percentile: 0 },
    });
    assert.deepEqual(parseEpssLine('\ufeffcve,epss,percentile'), { kind: 'header' });
    assert.deepEqual(parseEpssLine('CVE;EPSS;PERCENTILE'), { kind: 'header' });
    assert.deepEqual(parseEpssLine('# a note'), { kind: 'comment' });
    assert.deepEqual(parseEpssLine('#score_date:2025-01-01'), {
      kind: 'meta',
      meta: { scoreDate: '2025-01-01' },
    });
    assert.deepEqual(parseEpssLine('   '), { kind: 'blank' });
  });

  it('rejects bad rows with a reason', () => {
    const cases: [string, RegExp][] = [
      ['CVE-2021-44228;0.5', /expected 3 ';'-separated fields, found 2/],
      ['CVE-2021-44228,0.5,0.5,0.5', /found 4/],
      ['GHSA-xxxx-yyyy-zzzz,0.1,0.2', /is not a CVE id/],
      ['CVE-21-1,0.1,0.2', /is not a CVE id/],
      ['CVE-2021-44228;1.5;0.2', /epss 1.5 is outside \[0, 1\]/],
      ['CVE-2021-44228;-0.1;0.2', /epss '-0.1' is not a number/],
      ['CVE-2021-44228;0.1;2', /percentile 2 is outside/],
      ['CVE-2021-44228;NaN;0.2', /epss 'NaN' is not a number/],
      ['CVE-2021-44228;;0.2', /epss '' is not a number/],
      ['CVE-2021-44228;0x1;0.2', /is not a number/],
      ['CVE-2021-44228;Infinity;0.2', /is not a number/],
    ];
    for (const [line, re] of cases) {
      const r = parseEpssLine(line);
      assert.equal(r.kind, 'invalid', line);
      assert.match(r.kind === 'invalid' ? r.reason : '', re, line);
    }
  });
});

describe('readEpssScores on bad input', () => {
  it('keeps going past bad lines, numbering them, and caps warnings', async () => {
    async function* gen() {
      yield 'CVE-2024-0001;0.1;0.2\n';
      for (let i = 0; i < 250; i++) yield i % 2 ? 'garbage' : 'CVE-2024-0002;7;0.2';
      yield '';
      yield 'CVE-2024-0003;0.3;0.4';
      yield 'cve,epss,percentile';
      yield '#model_version:v2,score_date:2025-01-01';
    }
    const report = newEpssReport();
    const cves: string[] = [];
    for await (const s of readEpssScores(gen(), report, { maxWarnings: 10 })) cves.push(s.cve);
    assert.deepEqual(cves, ['CVE-2024-0001', 'CVE-2024-0003']);
    assert.equal(report.lines, 255);
    assert.equal(report.scores, 2);
    assert.equal(report.meta, undefined);
    assert.equal(report.warnings.length, 10);
    assert.equal(report.warningsOmitted, 242);
    assert.match(report.warnings[0]!, /^line 2: CVE-2024-0002: epss 7 is outside/);
    assert.match(report.warnings[1]!, /^line 3: expected 3 ','-separated fields, found 1: 'garbage'/);
  });

  it('reports a late header and model comment', async () => {
    const parsed = await parseEpssText('CVE-2024-0001;0.1;0.2\ncve,epss,percentile\n#model_version:v1\n');
    assert.equal(parsed.scores.length, 1);
    assert.equal(parsed.meta, undefined);
    assert.deepEqual(parsed.warnings, [
      'line 2: header row after data ignored',
      'line 3: model comment after the start ignored',
    ]);
  });

  it('handles empty input', async () => {
    const parsed = await parseEpssText('');
    assert.deepEqual(parsed, { meta: undefined, scores: [], lines: 0, warnings: [], warningsOmitted: 0 });
  });
});
