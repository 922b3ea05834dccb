import { readFileSync } from 'node:fs';
import { sharedData } from './shared-data.ts';

/** One row of a Go test table as converted into Syft's `expected.from-go-tests.json`. */
export interface SyftCase {
  readonly go_test_file: string;
  readonly go_test_func: string;
  readonly case: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/**
 * The converted Go test rows of one Syft cataloger folder (`debian`, `alpine`…) for one test
 * function, from ../shared/data/fixtures/syft/syft/pkg/cataloger/<folder>/. The conversion is best
 * effort: check the `*_test.go` beside it when a field looks odd.
 */
export function syftCases(folder: string, goTestFunc: string): SyftCase[] {
  const file = sharedData('fixtures/syft/syft/pkg/cataloger', folder, 'expected.from-go-tests.json');
  const all = JSON.parse(readFileSync(file, 'utf8')) as { table_driven: SyftCase[] };
  return all.table_driven.filter((c) => c.go_test_func === goTestFunc);
}

/** Path of a file in a Syft cataloger folder's fixtures. */
export function syftFixture(folder: string, ...parts: string[]): string {
  return sharedData('fixtures/syft/syft/pkg/cataloger', folder, ...parts);
}
