import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import { binarySha256 } from '../../binary/binary-sha256.ts';
import { elfGoArch } from '../../binary/elf/elf-go-arch.ts';
import { isExecutableCandidate } from '../../binary/elf/executable-candidate.ts';
import { readElf } from '../../binary/elf/read-elf.ts';
import type { Extractor } from '../../extractor.ts';
import { fileWarning } from '../../file-warning.ts';
import { GO_BINARY_EXTRACTOR, goBinaryPackages } from './go-binary-packages.ts';
import { parseModInfo } from './parse-modinfo.ts';
import { readGoBuildInfo } from './read-go-buildinfo.ts';

/**
 * Go modules compiled into ELF programs, from the build info the Go linker embeds (Go ≥ 1.13;
 * both the pointer layout and Go 1.18's inline strings): main module, dependencies with their
 * replacements and h1 sums, the toolchain as `stdlib`, and build settings (GOOS, GOARCH,
 * vcs.revision, -ldflags…) in the main module's metadata.
 *
 * fileRequired: executables only (see isExecutableCandidate); extract reads the ELF header first
 * and returns nothing for anything else. Limits: files up to 512 MiB (kubelet and friends are
 * 100–200 MiB); the build-info strings are bounded to 16 MiB. A damaged ELF or build-info blob
 * is reported as a warning, never a crash. Mach-O and PE programs are not read (yet).
 */
export const goBinaryExtractor: Extractor = {
  name: GO_BINARY_EXTRACTOR,
  version: 1,
  maxFileSize: 512 * 1024 * 1024,
  selfContained: true,
  fileRequired: isExecutableCandidate,
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const warn = fileWarning(input, GO_BINARY_EXTRACTOR);
    const bytes = await input.read();
    let info: ReturnType<typeof readGoBuildInfo>;
    let elf: ReturnType<typeof readElf>;
    try {
      elf = readElf(bytes);
      if (!elf) return { packages: [] };
      info = readGoBuildInfo(elf);
    } catch (e) {
      return { packages: [], warnings: [warn(`cannot read Go build info: ${(e as Error).message}`)] };
    }
    if (!info) return { packages: [] };
    throwIfAborted(input.signal);
    const modinfo = parseModInfo(info.modinfo);
    const elfArch = elfGoArch(elf);
    const packages = goBinaryPackages({
      goVersion: info.goVersion,
      modinfo,
      ...(elfArch ? { elfArch } : {}),
      location: { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) },
      hashes: [binarySha256(bytes)],
    });
    const problems = modinfo.problems.slice(0, 20).map((p) => warn(`Go build info: ${p}`));
    return { packages, ...(problems.length > 0 ? { warnings: problems } : {}) };
  },
};
