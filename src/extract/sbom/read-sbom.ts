import { BulwarkError, ErrorCodes, throwIfAborted } from '../../core/errors.ts';
import type { ScanResult } from '../../core/scan-result.ts';
import { parseSbom } from './parse-sbom.ts';
import { readSbomFile } from './read-sbom-file.ts';
import { sbomScanResult } from './sbom-scan-result.ts';

/**
 * Reads an SBOM file (CycloneDX JSON 1.2–1.7 or XML, SPDX 2.2/2.3 JSON or tag-value; at most
 * MAX_SBOM_BYTES) as a ScanResult of target kind `sbom` named by `path`, ready for matching:
 * packages with type, OSV ecosystem (see ecosystemFromPurl), source package and dependencies, the
 * OS, and the image when the SBOM describes one. Problems with single elements are listed in
 * `errors`; the whole file is refused with a BulwarkError naming it: INPUT_NOT_FOUND,
 * INPUT_UNREADABLE, FILE_TOO_LARGE, PARSE (not an SBOM, or one of the wrong shape), ABORTED.
 */
export async function readSbom(path: string, opts: { signal?: AbortSignal } = {}): Promise<ScanResult> {
  const bytes = await readSbomFile(path, opts.signal);
  throwIfAborted(opts.signal);
  const doc = parseSbom(bytes);
  if (!doc.ok) throw new BulwarkError(ErrorCodes.PARSE, `${path}: ${doc.error}`, { subject: path });
  return sbomScanResult(doc.value, path, opts.signal);
}
