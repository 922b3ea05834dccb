/** A section for buildElf: its name, contents, and (for pointer-based data) its virtual address. */
export interface TestElfSection {
  readonly name: string;
  readonly data: Uint8Array;
  readonly addr?: number;
  /** sh_flags; SHF_WRITE (1) by default, as Go's data sections. */
  readonly flags?: number;
  /** sh_type; SHT_PROGBITS (1) by default. */
  readonly type?: number;
}

/**
 * A minimal little-endian ELF64 x86-64 file holding the given sections (plus .shstrtab), for
 * tests that wrap real payloads (Go build info, cargo-auditable data) in a container the way a
 * linker would. Sections with an `addr` also get a PT_LOAD segment mapping it.
 */
export function buildElf(sections: readonly TestElfSection[]): Uint8Array {
  const names = ['', ...sections.map((s) => s.name), '.shstrtab'];
  const strtab: number[] = [];
  const nameOffsets = names.map((n) => {
    const at = strtab.length;
    strtab.push(...new TextEncoder().encode(n), 0);
    return at;
  });
  const loads = sections.filter((s) => s.addr !== undefined);
  const phoff = 64;
  let offset = phoff + loads.length * 56;
  const placed = sections.map((s) => {
    offset = Math.ceil(offset / 16) * 16;
    const at = offset;
    offset += s.data.length;
    return at;
  });
  const strOffset = offset;
  offset += strtab.length;
  const shoff = Math.ceil(offset / 8) * 8;
  const shnum = names.length;
  const out = new Uint8Array(shoff + shnum * 64);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 62, true); // x86-64
  v.setUint32(20, 1, true);
  v.setBigUint64(32, BigInt(loads.length > 0 ? phoff : 0), true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, loads.length, true);
  v.setUint16(58, 64, true);
  v.setUint16(60, shnum, true);
  v.setUint16(62, shnum - 1, true);
  let ph = phoff;
  sections.forEach((s, i) => {
    out.set(s.data, placed[i]!);
    if (s.addr === undefined) return;
    v.setUint32(ph, 1, true); // PT_LOAD
    v.setBigUint64(ph + 8, BigInt(placed[i]!), true);
    v.setBigUint64(ph + 16, BigInt(s.addr), true);
    v.setBigUint64(ph + 32, BigInt(s.data.length), true);
    v.setBigUint64(ph + 40, BigInt(s.data.length), true);
    ph += 56;
  });
  out.set(strtab, strOffset);
  const header = (i: number, type: number, flags: number, addr: number, off: number, size: number) => {
    const o = shoff + i * 64;
    v.setUint32(o, nameOffsets[i]!, true);
    v.setUint32(o + 4, type, true);
    v.setBigUint64(o + 8, BigInt(flags), true);
    v.setBigUint64(o + 16, BigInt(addr), true);
    v.setBigUint64(o + 24, BigInt(off), true);
    v.setBigUint64(o + 32, BigInt(size), true);
  };
  for (const [i, s] of sections.entries())
    header(i + 1, s.type ?? 1, s.flags ?? 1, s.addr ?? 0, placed[i]!, s.data.length);
  header(shnum - 1, 3, 0, 0, strOffset, strtab.length);
  return out;
}
