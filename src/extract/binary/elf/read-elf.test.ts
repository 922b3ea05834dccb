import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { buildElf } from '../../../test-support/build-elf.ts';
import { elfGoArch } from './elf-go-arch.ts';
import { ElfError, fileOffsetOf, findSection, isElf, readElf, sectionData } from './read-elf.ts';

// Real program: Debian's runc package (apt-get install runc).
const RUNC = '/usr/sbin/runc';

describe('readElf', () => {
  it('reads the section and segment tables of a real program (runc)', () => {
    const elf = readElf(readFileSync(RUNC))!;
    assert.equal(elf.is64, true);
    assert.equal(elf.littleEndian, true);
    assert.equal(elfGoArch(elf), 'amd64');
    const names = elf.sections.map((s) => s.name);
    for (const n of ['.text', '.rodata', '.go.buildinfo', '.data', '.shstrtab'])
      assert.ok(names.includes(n), n);
    const bi = findSection(elf, '.go.buildinfo')!;
    assert.equal(fileOffsetOf(elf, bi.addr), bi.offset, 'PT_LOAD maps the section address to its offset');
  });

  it('returns undefined for non-ELF bytes, cheaply', () => {
    assert.equal(readElf(new TextEncoder().encode('#!/bin/sh\necho hi\n')), undefined);
    assert.equal(isElf(new Uint8Array([0x7f, 0x45])), false);
  });

  it('throws ElfError for a truncated header or section table', () => {
    const bytes = readFileSync(RUNC);
    assert.throws(() => readElf(bytes.subarray(0, 40)), ElfError);
    assert.throws(() => readElf(bytes.subarray(0, 4096)), /section header table.*beyond the end/);
  });

  it('a section past the end of the file is an error when read, not before', () => {
    const bytes = buildElf([{ name: '.x', data: new Uint8Array(64) }]);
    const elf = readElf(bytes)!;
    const bad = { ...findSection(elf, '.x')!, size: 1 << 30 };
    assert.throws(() => sectionData(elf, bad), /beyond the end of the file/);
  });

  it('inflates SHF_COMPRESSED sections within a bound', () => {
    const payload = new TextEncoder().encode('hello '.repeat(1000));
    const chdr = new Uint8Array(24);
    new DataView(chdr.buffer).setUint32(0, 1, true); // ELFCOMPRESS_ZLIB
    const data = new Uint8Array([...chdr, ...deflateSync(payload)]);
    const elf = readElf(buildElf([{ name: '.debug_x', data, flags: 0x800 }]))!;
    const s = findSection(elf, '.debug_x')!;
    assert.deepEqual(Buffer.from(sectionData(elf, s)), Buffer.from(payload));
    assert.throws(() => sectionData(elf, s, 100), /cannot inflate section \.debug_x/);
  });
});
