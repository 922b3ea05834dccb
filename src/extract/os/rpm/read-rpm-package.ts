import { err, ok, type Result } from '../../../core/result.ts';
import type { RpmHeader } from './header-blob.ts';
import { RpmTag } from './rpm-tags.ts';
import { withoutUndefined } from './without-undefined.ts';

/** The fields of one installed rpm that Bulwark reports, as stored in its header. */
export interface RpmPackageRecord {
  readonly name: string;
  /** Absent when the header has no EPOCH tag (rpm then compares it as 0). */
  readonly epoch?: number;
  readonly version: string;
  readonly release?: string;
  readonly arch?: string;
  /** e.g. `bash-5.1.8-6.el9.src.rpm`. */
  readonly sourceRpm?: string;
  readonly license?: string;
  readonly vendor?: string;
  readonly packager?: string;
  /** Installed size in bytes. */
  readonly size?: number;
  readonly modularityLabel?: string;
  /** Installed paths without the leading slash. */
  readonly files: readonly string[];
  /** A non-fatal problem met while reading (a broken file list), for the scan's warnings. */
  readonly problem?: string;
}

/** Reads the package fields from a parsed header; fails only when NAME or VERSION is missing. */
export function readRpmPackage(h: RpmHeader): Result<RpmPackageRecord> {
  const name = text(h, RpmTag.NAME);
  const version = text(h, RpmTag.VERSION);
  if (name === undefined) return err('header has no NAME');
  if (version === undefined) return err(`header of ${name} has no VERSION`);
  const fileList = readFiles(h);
  return ok({
    name,
    version,
    files: fileList.ok ? fileList.value : [],
    ...withoutUndefined({
      epoch: h.integers(RpmTag.EPOCH)?.[0],
      release: text(h, RpmTag.RELEASE),
      arch: text(h, RpmTag.ARCH),
      sourceRpm: text(h, RpmTag.SOURCERPM),
      license: text(h, RpmTag.LICENSE),
      vendor: text(h, RpmTag.VENDOR),
      packager: text(h, RpmTag.PACKAGER),
      // LONGSIZE replaces SIZE for packages of 4 GiB and more.
      size: (h.integers(RpmTag.LONGSIZE) ?? h.integers(RpmTag.SIZE))?.[0],
      modularityLabel: text(h, RpmTag.MODULARITYLABEL),
      problem: fileList.ok ? undefined : `${name}: ${fileList.error}`,
    }),
  });
}

/** A string tag; empty strings count as absent, as they do for rpm's queries. */
function text(h: RpmHeader, tag: number): string | undefined {
  const value = h.string(tag);
  return value === '' ? undefined : value;
}

/**
 * The file list: rpm ≥ 4 stores each path as DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]
 * ("CompressedFileNames"); older headers have OLDFILENAMES.
 */
function readFiles(h: RpmHeader): Result<string[]> {
  const baseNames = h.strings(RpmTag.BASENAMES);
  if (!baseNames) return ok(stripRoot(h.strings(RpmTag.OLDFILENAMES) ?? []));
  const dirNames = h.strings(RpmTag.DIRNAMES);
  const dirIndexes = h.integers(RpmTag.DIRINDEXES);
  if (!dirNames || !dirIndexes || dirIndexes.length !== baseNames.length) {
    return err(
      `file list is inconsistent (${baseNames.length} basenames, ${dirIndexes?.length ?? 0} dir indexes)`,
    );
  }
  const paths: string[] = [];
  for (let i = 0; i < baseNames.length; i++) {
    const dir = dirNames[dirIndexes[i]!];
    if (dir === undefined) return err(`file ${baseNames[i]} points to missing directory ${dirIndexes[i]}`);
    paths.push(dir + baseNames[i]);
  }
  return ok(stripRoot(paths));
}

function stripRoot(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const relative = p.replace(/^\/+/, '');
    if (relative !== '') out.push(relative);
  }
  return out;
}
