import { versionFromLdflags } from '../../go/binary/ldflags-version.ts';
import { parseModInfo } from '../../go/binary/parse-modinfo.ts';
import { readGoBuildInfo } from '../../go/binary/read-go-buildinfo.ts';
import { readElf } from '../elf/read-elf.ts';
import { type BinaryText, matchPattern } from './match-content.ts';

/**
 * The linker writes the strings it sets (runtime.buildVersion, then `-X` variables) side by side:
 * `go1.19.8[NUL…]1.1.5+ds1[NUL]` in Debian's runc and containerd, whose build info has neither a
 * module version nor the -ldflags.
 */
const BESIDE_GO_VERSION = {
  regex:
    /go1\.\d{1,3}(?:\.\d{1,3})?\x00{1,16}v?(?<version>\d{1,4}\.\d{1,4}\.\d{1,4}[0-9A-Za-z.+~-]{0,40})\x00/,
  anchors: ['go1.'],
};

export interface GoProgramVersion {
  /** The Go module version: `v` + semver, without a Debian repack suffix. */
  readonly version: string;
  /** As found, when it differs (`1.6.20~ds1`). */
  readonly raw: string;
  /** Where it came from: `main-module`, `ldflags`, `linker-string`. */
  readonly source: string;
}

/**
 * The release version of a Go program: the main module's version when it is a real one, else an
 * `-ldflags -X …version=` value, else the linker-set string beside the Go version. Undefined for
 * non-ELF files, files without Go build info, and when none of these is found. Never throws.
 */
export function goProgramVersion(input: BinaryText): GoProgramVersion | undefined {
  let info: ReturnType<typeof readGoBuildInfo>;
  try {
    const elf = readElf(input.bytes);
    info = elf && readGoBuildInfo(elf);
  } catch {
    return undefined;
  }
  if (!info) return undefined;
  const mod = parseModInfo(info.modinfo);
  const mainVersion = mod.main?.version;
  if (mainVersion && mainVersion !== '(devel)') return normalize(mainVersion, 'main-module');
  const ldflags = mod.settings.find((s) => s.key === '-ldflags')?.value ?? '';
  const fromFlags = versionFromLdflags(ldflags, mod.main?.path ?? mod.path ?? '');
  if (fromFlags) return normalize(fromFlags, 'ldflags');
  const beside = matchPattern(input, BESIDE_GO_VERSION);
  return beside ? normalize(beside, 'linker-string') : undefined;
}

/** `1.6.20~ds1` → `v1.6.20` (Debian's repack suffix is not part of the upstream release). */
function normalize(found: string, source: string): GoProgramVersion {
  const bare = found.replace(/^v/, '').replace(/[~+](?:ds|dfsg)\d*(?:[-+~].*)?$/, '');
  return { version: `v${bare}`, raw: found, source };
}
