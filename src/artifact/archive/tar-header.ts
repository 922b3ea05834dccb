/** ustar / GNU / PAX header decoding shared by the archive indexer and the layer stream parser. */

export const BLOCK = 512;
/** PAX and GNU long-name records are tiny; a larger one is a corrupt or hostile archive. */
export const MAX_META_RECORD = 1024 * 1024;

export type TarMemberType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface RawHeader {
  readonly name: string;
  readonly linkTarget: string;
  readonly size: number;
  readonly mode: number;
  /** The type flag character ('0', '5', 'x', 'L'…). */
  readonly flag: string;
  /**
   * A GNU sparse file (PAX `GNU.sparse.*` records): the stored data is a sparse map plus the
   * non-hole blocks, not the file's bytes, so it is never handed to an extractor as content.
   */
  readonly sparse?: boolean;
}

export function cstring(buf: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && buf[end] !== 0) end++;
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8');
}

export function parseNumber(buf: Uint8Array, start: number, len: number): number {
  // GNU base-256 for values over the octal field's range: high bit of the first byte set.
  if (buf[start]! & 0x80) {
    let n = buf[start]! & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + buf[start + i]!;
    return n;
  }
  const text = cstring(buf, start, len).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 8);
}

export function isZeroBlock(h: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (h[i] !== 0) return false;
  return true;
}

function checksumOk(h: Uint8Array): boolean {
  const stored = parseNumber(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return stored === sum;
}

/** Decodes one 512-byte header; returns an error text for a block that is not a tar header. */
export function decodeHeader(h: Uint8Array): RawHeader | string {
  if (!checksumOk(h)) return 'not a tar header (bad checksum)';
  const size = parseNumber(h, 124, 12);
  if (!Number.isSafeInteger(size) || size < 0) return 'invalid size field';
  const magic = cstring(h, 257, 5);
  const prefix = magic === 'ustar' ? cstring(h, 345, 155) : '';
  const base = cstring(h, 0, 100);
  return {
    name: prefix ? `${prefix}/${base}` : base,
    linkTarget: cstring(h, 157, 100),
    size,
    mode: parseNumber(h, 100, 8) || 0,
    flag: String.fromCharCode(h[156]!),
  };
}

export function parsePax(data: Uint8Array): Map<string, string> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.length);
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < buf.length) {
    const sp = buf.indexOf(0x20, pos);
    if (sp < 0) break;
    const len = Number.parseInt(buf.toString('ascii', pos, sp), 10);
    if (!Number.isSafeInteger(len) || len <= 0 || pos + len > buf.length) break;
    const record = buf.toString('utf8', sp + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

export function memberType(flag: string): TarMemberType {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'dir';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Links carry no data whatever their size field says; every other type (incl. unknown ones) does. */
export function dataSize(type: TarMemberType, size: number): number {
  return type === 'dir' || type === 'symlink' || type === 'hardlink' ? 0 : size;
}

/** Pending extended-header state (PAX `x`, GNU `L`/`K`) applied to the next member. */
export class ExtendedHeaders {
  private pax = new Map<string, string>();
  private longName: string | undefined;
  private longLink: string | undefined;

  /** True when `flag` is a metadata record this class consumes. */
  static isMeta(flag: string): boolean {
    return flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K';
  }

  consume(flag: string, data: Uint8Array): void {
    if (flag === 'x') this.pax = parsePax(data);
    else if (flag === 'L') this.longName = cstring(data, 0, data.length);
    else if (flag === 'K') this.longLink = cstring(data, 0, data.length);
  }

  /** Applies and clears the pending records. */
  apply(h: RawHeader): RawHeader {
    const paxSize = this.pax.get('size');
    const out: RawHeader = {
      ...h,
      // PAX sparse 1.0 stores the real name in GNU.sparse.name (the header has GNUSparseFile.N/…).
      name: this.pax.get('GNU.sparse.name') ?? this.pax.get('path') ?? this.longName ?? h.name,
      linkTarget: this.pax.get('linkpath') ?? this.longLink ?? h.linkTarget,
      size: paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : h.size,
      ...([...this.pax.keys()].some((k) => k.startsWith('GNU.sparse.')) || h.flag === 'S'
        ? { sparse: true }
        : {}),
    };
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    return out;
  }
}
