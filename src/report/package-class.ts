import type { OsInfo } from '../core/os-info.ts';

/**
 * The heading a package is listed under in the findings table, like Trivy's per-target tables:
 * by the extractor that found it (`go/binary` → Go binaries, `go/mod` → Go modules), else by its
 * package type. Listed in display order; OS packages first.
 */
const CLASSES: readonly { label: string; foundBy: readonly string[]; types: readonly string[] }[] = [
  { label: 'OS packages', foundBy: ['os/'], types: ['deb', 'apk', 'rpm'] },
  { label: 'Java', foundBy: ['java/'], types: ['maven'] },
  { label: 'Node.js', foundBy: ['javascript/'], types: ['npm'] },
  { label: 'Python', foundBy: ['python/'], types: ['pypi'] },
  { label: 'Go binaries', foundBy: ['go/binary'], types: [] },
  { label: 'Go modules', foundBy: ['go/'], types: ['golang'] },
  { label: 'Rust binaries', foundBy: ['rust/auditable'], types: [] },
  { label: 'Rust', foundBy: ['rust/'], types: ['cargo'] },
  { label: 'Ruby', foundBy: ['ruby/'], types: ['gem'] },
  { label: 'PHP', foundBy: ['php/'], types: ['composer'] },
  { label: '.NET', foundBy: ['dotnet/'], types: ['nuget'] },
  { label: 'Binaries', foundBy: ['binary/'], types: [] },
];

export interface PackageClass {
  readonly label: string;
  /** Position in the output: CLASSES order, unknown types last. */
  readonly rank: number;
}

/** `OS packages (debian 12)`, `Java`, `Go binaries`…; `Other (<type>)` for a type not listed. */
export function packageClass(
  type: string,
  foundBy: string | undefined,
  os: OsInfo | undefined,
): PackageClass {
  let rank = foundBy ? CLASSES.findIndex((c) => c.foundBy.some((f) => foundBy.startsWith(f))) : -1;
  if (rank < 0) rank = CLASSES.findIndex((c) => c.types.includes(type));
  if (rank < 0) return { label: `Other (${type})`, rank: CLASSES.length };
  const label = CLASSES[rank]!.label;
  if (rank === 0 && os)
    return { label: `${label} (${[os.id, os.versionId].filter(Boolean).join(' ')})`, rank };
  return { label, rank };
}
