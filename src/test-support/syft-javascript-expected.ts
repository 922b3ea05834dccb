import { readFileSync } from 'node:fs';
import { syftFixture } from './syft-expected.ts';

/** A package as Syft's converted Go tests expect it (only the fields we compare). */
export interface SyftJsPkg {
  readonly Name: string;
  readonly Version: string;
  readonly PURL: string | Record<string, unknown>;
  readonly Metadata?: unknown;
}

/**
 * For tests: the packages one of Syft's JavaScript Go test functions expects, from
 * ../shared/data/fixtures/syft/syft/pkg/cataloger/javascript/expected.from-go-tests.json.
 */
export function syftJsExpected(goTestFunc: string): SyftJsPkg[] {
  const all = JSON.parse(readFileSync(syftFixture('javascript', 'expected.from-go-tests.json'), 'utf8')) as {
    function_level: { go_test_func: string; expected: Record<string, unknown> }[];
  };
  const f = all.function_level.find((x) => x.go_test_func === goTestFunc);
  if (!f) throw new Error(`no Syft expectations for ${goTestFunc}`);
  return (f.expected.expectedPkgs ?? f.expected.expected) as SyftJsPkg[];
}

/** `name@version` of each, sorted, to compare sets. */
export function nameVersions(
  pkgs: readonly { name?: string; Name?: string; version?: string; Version?: string }[],
): string[] {
  return pkgs.map((p) => `${p.name ?? p.Name}@${p.version ?? p.Version}`).sort();
}
