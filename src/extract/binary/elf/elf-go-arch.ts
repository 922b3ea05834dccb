import type { ElfFile } from './read-elf.ts';

/** e_machine → GOARCH (the names Go and Syft use for `architecture`). */
const MACHINES: Record<number, string> = {
  3: '386',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'arm',
  62: 'amd64',
  183: 'arm64',
  243: 'riscv64',
  258: 'loong64',
};

/** The GOARCH of an ELF file's machine, little-endian variants named as Go names them. */
export function elfGoArch(elf: ElfFile): string | undefined {
  const arch = MACHINES[elf.machine];
  if (arch === 'ppc64' && elf.littleEndian) return 'ppc64le';
  if (arch === 'mips') return `${elf.is64 ? 'mips64' : 'mips'}${elf.littleEndian ? 'le' : ''}`;
  return arch;
}
