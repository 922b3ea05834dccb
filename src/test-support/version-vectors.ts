import { readFileSync } from 'node:fs';
import { sharedData } from './shared-data.ts';

export interface VersionVector {
  readonly a: string;
  readonly b: string;
  readonly expected: -1 | 0 | 1;
  /** 1-based line in the file, for failure messages. */
  readonly line: number;
}

/**
 * Rows of one osv-scalibr comparison file under ../shared/data/versions/osv-scalibr/tsv
 * (`a<TAB>b<TAB>expected`, header line first), e.g. `debian-versions.tsv`.
 */
export function versionVectors(file: string): VersionVector[] {
  const text = readFileSync(sharedData('versions/osv-scalibr/tsv', file), 'utf8');
  const rows: VersionVector[] = [];
  text.split('\n').forEach((line, i) => {
    if (i === 0 || line.trim() === '') return;
    const [a, b, expected] = line.split('\t');
    if (a === undefined || b === undefined || expected === undefined) return;
    rows.push({ a, b, expected: Number(expected) as -1 | 0 | 1, line: i + 1 });
  });
  return rows;
}
