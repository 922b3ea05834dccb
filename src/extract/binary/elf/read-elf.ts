import { inflateSync } from 'node:zlib';

/** One section header of an ELF file; offsets and sizes are file bytes. */
export interface ElfSection {
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
}

/** One PT_LOAD program header: maps virtual addresses to file offsets. */
export interface ElfSegment {
  readonly vaddr: number;
  readonly offset: number;
  readonly filesz: number;
}

export interface ElfFile {
  readonly bytes: Uint8Array;
  readonly is64: boolean;
  readonly littleEndian: boolean;
  /** e_machine (62 = x86-64, 183 = AArch64…). */
  readonly machine: number;
  readonly sections: readonly ElfSection[];
  readonly segments: readonly ElfSegment[];
}

/** Thrown for ELF files that cannot be read (truncated, headers out of bounds). */
export class ElfError extends Error {
  override readonly name = 'ElfError';
}

const SHT_NOBITS = 8;
const SHF_COMPRESSED = 0x800;
const PT_LOAD = 1;
/** Section names longer than this are garbage; bounds the string scan. */
const MAX_NAME = 4096;
/** Section and segment tables larger than this are refused (real binaries have < 100). */
const MAX_HEADERS = 65_535;

/** True when the bytes start with the ELF magic (cheap; read before anything else). */
export function isElf(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46
  );
}

/**
 * Reads an ELF file's section and PT_LOAD tables (32/64-bit, either byte order). Returns
 * undefined when the bytes are not ELF at all; throws ElfError when they are ELF but damaged.
 */
export function readElf(bytes: Uint8Array): ElfFile | undefined {
  if (!isElf(bytes)) return undefined;
  if (bytes.length < 52) throw new ElfError(`ELF header is truncated (${bytes.length} bytes)`);
  const cls = bytes[4];
  const data = bytes[5];
  if (cls !== 1 && cls !== 2) throw new ElfError(`unknown ELF class ${cls}`);
  if (data !== 1 && data !== 2) throw new ElfError(`unknown ELF byte order ${data}`);
  const is64 = cls === 2;
  const le = data === 1;
  if (is64 && bytes.length < 64) throw new ElfError(`ELF header is truncated (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  const addr = (o: number) => (is64 ? safeNumber(view.getBigUint64(o, le)) : u32(o));
  const within = (o: number, n: number, what: string) => {
    if (o < 0 || o + n > bytes.length)
      throw new ElfError(`${what} at byte ${o} lies beyond the end of the file (${bytes.length} bytes)`);
  };

  const machine = u16(18);
  const phoff = addr(is64 ? 32 : 28);
  const shoff = addr(is64 ? 40 : 32);
  const phentsize = u16(is64 ? 54 : 42);
  let phnum = u16(is64 ? 56 : 44);
  const shentsize = u16(is64 ? 58 : 46);
  let shnum = u16(is64 ? 60 : 48);
  let shstrndx = u16(is64 ? 62 : 50);
  const shMin = is64 ? 64 : 40;
  const phMin = is64 ? 56 : 32;

  // Extended numbering: counts that do not fit 16 bits live in section header 0.
  if (shoff !== 0 && (shnum === 0 || shstrndx === 0xffff || phnum === 0xffff)) {
    within(shoff, shMin, 'section header 0');
    if (shnum === 0) shnum = addr(shoff + (is64 ? 32 : 20));
    if (shstrndx === 0xffff) shstrndx = u32(shoff + (is64 ? 40 : 24));
    if (phnum === 0xffff) phnum = u32(shoff + (is64 ? 44 : 28));
  }
  if (shnum > MAX_HEADERS || phnum > MAX_HEADERS)
    throw new ElfError(`implausible header counts (${shnum} sections, ${phnum} segments)`);

  const raw: Omit<ElfSection, 'name'>[] = [];
  const nameOffsets: number[] = [];
  if (shoff !== 0 && shnum > 0) {
    if (shentsize < shMin) throw new ElfError(`section header size ${shentsize} is too small`);
    within(shoff, shnum * shentsize, 'the section header table');
    for (let i = 0; i < shnum; i++) {
      const o = shoff + i * shentsize;
      nameOffsets.push(u32(o));
      raw.push({
        type: u32(o + 4),
        flags: is64 ? safeNumber(view.getBigUint64(o + 8, le)) : u32(o + 8),
        addr: addr(is64 ? o + 16 : o + 12),
        offset: addr(is64 ? o + 24 : o + 16),
        size: addr(is64 ? o + 32 : o + 20),
      });
    }
  }
  const strtab = raw[shstrndx];
  const sections = raw.map((s, i) => ({
    ...s,
    name: strtab ? sectionName(bytes, strtab, nameOffsets[i]!) : '',
  }));

  const segments: ElfSegment[] = [];
  if (phoff !== 0 && phnum > 0) {
    if (phentsize < phMin) throw new ElfError(`program header size ${phentsize} is too small`);
    within(phoff, phnum * phentsize, 'the program header table');
    for (let i = 0; i < phnum; i++) {
      const o = phoff + i * phentsize;
      if (u32(o) !== PT_LOAD) continue;
      segments.push(
        is64
          ? { offset: addr(o + 8), vaddr: addr(o + 16), filesz: addr(o + 32) }
          : { offset: u32(o + 4), vaddr: u32(o + 8), filesz: u32(o + 16) },
      );
    }
  }
  return { bytes, is64, littleEndian: le, machine, sections, segments };
}

function sectionName(bytes: Uint8Array, strtab: Omit<ElfSection, 'name'>, at: number): string {
  const start = strtab.offset + at;
  const end = Math.min(strtab.offset + strtab.size, bytes.length, start + MAX_NAME);
  if (start >= end) return '';
  let stop = start;
  while (stop < end && bytes[stop] !== 0) stop++;
  return new TextDecoder('latin1').decode(bytes.subarray(start, stop));
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`offset ${v} is too large`);
  return Number(v);
}

export function findSection(elf: ElfFile, name: string): ElfSection | undefined {
  return elf.sections.find((s) => s.name === name);
}

/**
 * The contents of a section, inflated when it is SHF_COMPRESSED (zlib), never beyond `maxSize`
 * bytes (a decompression bomb throws). Throws ElfError when the section lies outside the file.
 */
export function sectionData(elf: ElfFile, section: ElfSection, maxSize = 64 * 1024 * 1024): Uint8Array {
  if (section.type === SHT_NOBITS) return new Uint8Array(0);
  const { bytes } = elf;
  if (section.offset + section.size > bytes.length)
    throw new ElfError(
      `section ${section.name} (bytes ${section.offset}..${section.offset + section.size}) lies beyond the end of the file (${bytes.length} bytes)`,
    );
  const data = bytes.subarray(section.offset, section.offset + section.size);
  if ((section.flags & SHF_COMPRESSED) === 0) return data;
  const headerSize = elf.is64 ? 24 : 12;
  if (data.length < headerSize) throw new ElfError(`compressed section ${section.name} is truncated`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const type = view.getUint32(0, elf.littleEndian);
  if (type !== 1) throw new ElfError(`section ${section.name} uses compression type ${type}, not zlib`);
  try {
    return inflateSync(data.subarray(headerSize), { maxOutputLength: maxSize });
  } catch (e) {
    throw new ElfError(`cannot inflate section ${section.name}: ${(e as Error).message}`);
  }
}

/**
 * File offset of a virtual address, through the PT_LOAD segments (sections as a fallback, for
 * files without program headers); undefined when no segment maps it.
 */
export function fileOffsetOf(elf: ElfFile, vaddr: number): number | undefined {
  for (const s of elf.segments) {
    if (vaddr >= s.vaddr && vaddr < s.vaddr + s.filesz) return s.offset + (vaddr - s.vaddr);
  }
  for (const s of elf.sections) {
    if (s.addr !== 0 && s.type !== SHT_NOBITS && vaddr >= s.addr && vaddr < s.addr + s.size)
      return s.offset + (vaddr - s.addr);
  }
  return undefined;
}
