import { type ElfFile, fileOffsetOf, findSection, sectionData } from '../../binary/elf/read-elf.ts';

/** The two strings the Go linker embeds: runtime version (`go1.21.5`) and module info text. */
export interface RawGoBuildInfo {
  readonly goVersion: string;
  /** The module info between its 16-byte sentinels; '' when the binary was built without modules. */
  readonly modinfo: string;
}

/** Thrown when a build-info blob is present but unreadable (corrupt or truncated). */
export class GoBuildInfoError extends Error {
  override readonly name = 'GoBuildInfoError';
}

const MAGIC = Uint8Array.from([0xff, ...new TextEncoder().encode(' Go buildinf:')]);
const HEADER = 32;
const SHF_WRITE = 1;
/** Build info strings are a few hundred KiB at most; anything larger is corrupt. */
const MAX_STRING = 16 * 1024 * 1024;

/**
 * Finds and decodes the Go build info of an ELF file: the `.go.buildinfo` section when there is
 * one, else the magic searched for in writable data sections (older linkers, stripped headers).
 * Returns undefined when the binary was not built by Go ≥ 1.13's linker; throws
 * GoBuildInfoError when the blob is there but damaged.
 */
export function readGoBuildInfo(elf: ElfFile): RawGoBuildInfo | undefined {
  const section = findSection(elf, '.go.buildinfo');
  if (section) {
    const data = sectionData(elf, section);
    if (!startsWithMagic(data, 0))
      throw new GoBuildInfoError('section .go.buildinfo does not start with the Go build info magic');
    return decodeAt(elf, data, 0);
  }
  // The magic also appears as a string literal in programs that import debug/buildinfo (the go
  // tool itself), so every hit is tried and the first that decodes wins.
  const regions = elf.sections.filter((s) => (s.flags & SHF_WRITE) !== 0 && s.type === 1);
  const areas = regions.length > 0 ? regions.map((s) => sectionData(elf, s)) : [elf.bytes];
  let lastError: unknown;
  for (const area of areas) {
    for (let at = indexOfMagic(area, 0); at >= 0; at = indexOfMagic(area, at + 1)) {
      try {
        return decodeAt(elf, area, at);
      } catch (e) {
        lastError = e;
      }
    }
  }
  if (lastError) throw lastError;
  return undefined;
}

function decodeAt(elf: ElfFile, data: Uint8Array, at: number): RawGoBuildInfo {
  if (data.length < at + HEADER) throw new GoBuildInfoError('Go build info header is truncated');
  const ptrSize = data[at + 14]!;
  const flags = data[at + 15]!;
  let version: Uint8Array;
  let mod: Uint8Array;
  if ((flags & 2) !== 0) {
    // Go ≥ 1.18: two varint-prefixed strings follow the header.
    const [v, next] = varintString(data, at + HEADER);
    version = v;
    mod = varintString(data, next)[0];
  } else {
    if (ptrSize !== 4 && ptrSize !== 8) throw new GoBuildInfoError(`Go build info pointer size ${ptrSize}`);
    const bigEndian = (flags & 1) !== 0;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const ptr = (v: DataView, o: number) =>
      ptrSize === 8 ? Number(v.getBigUint64(o, !bigEndian)) : v.getUint32(o, !bigEndian);
    const readString = (vaddr: number): Uint8Array => {
      const header = fileOffsetOf(elf, vaddr);
      if (header === undefined || header + 2 * ptrSize > elf.bytes.length)
        throw new GoBuildInfoError(
          `Go build info string header at 0x${vaddr.toString(16)} is not in the file`,
        );
      const file = new DataView(elf.bytes.buffer, elf.bytes.byteOffset, elf.bytes.byteLength);
      const dataAddr = ptr(file, header);
      const length = ptr(file, header + ptrSize);
      if (length === 0) return new Uint8Array(0);
      const start = fileOffsetOf(elf, dataAddr);
      if (start === undefined || length > MAX_STRING || start + length > elf.bytes.length)
        throw new GoBuildInfoError(`Go build info string at 0x${dataAddr.toString(16)} is not in the file`);
      return elf.bytes.subarray(start, start + length);
    };
    if (data.length < at + 16 + 2 * ptrSize) throw new GoBuildInfoError('Go build info header is truncated');
    version = readString(ptr(view, at + 16));
    mod = readString(ptr(view, at + 16 + ptrSize));
  }
  const goVersion = new TextDecoder().decode(version);
  if (!/^(go|devel)/.test(goVersion))
    throw new GoBuildInfoError(`unexpected Go version string ${JSON.stringify(goVersion.slice(0, 40))}`);
  // Between sentinels: 16 bytes before, 16 after (the byte before the trailing one is a newline).
  const modinfo =
    mod.length >= 33 && mod[mod.length - 17] === 0x0a
      ? new TextDecoder().decode(mod.subarray(16, mod.length - 16))
      : '';
  return { goVersion, modinfo };
}

function varintString(data: Uint8Array, at: number): [Uint8Array, number] {
  let length = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    if (i >= data.length) throw new GoBuildInfoError('Go build info string length is truncated');
    const b = data[i++]!;
    length += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
    if (shift > 35) throw new GoBuildInfoError('Go build info string length is not a valid varint');
  }
  if (length > MAX_STRING || i + length > data.length)
    throw new GoBuildInfoError(`Go build info string of ${length} bytes runs past the end of its section`);
  return [data.subarray(i, i + length), i + length];
}

function startsWithMagic(data: Uint8Array, at: number): boolean {
  if (data.length < at + MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (data[at + i] !== MAGIC[i]) return false;
  return true;
}

function indexOfMagic(data: Uint8Array, from: number): number {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).indexOf(MAGIC, from);
}
