import { err, ok, type Result } from '../../../core/result.ts';
import { RpmTag, RpmType } from './rpm-tags.ts';

/** One index entry: tag, type, offset into the data store, element count (all big-endian). */
const ENTRY_SIZE = 16;
/** rpm's own sanity limits (hdrchkTags, hdrchkData in lib/header.c): anything larger is corrupt. */
const MAX_TAGS = 0xffff;
const MAX_DATA = 0x00ffffff;
/** Element size per type; -1 for NUL-terminated strings. */
const TYPE_SIZE: readonly number[] = [0, 1, 1, 2, 4, 8, -1, 1, -1, -1];
const REGION_TAGS: ReadonlySet<number> = new Set([
  RpmTag.HEADERIMAGE,
  RpmTag.HEADERSIGNATURES,
  RpmTag.HEADERIMMUTABLE,
]);

interface Entry {
  readonly type: number;
  readonly offset: number;
  readonly count: number;
}

const utf8 = new TextDecoder('utf-8');

/**
 * A validated rpm header. Every entry was bounds-checked when the blob was parsed, so the
 * accessors never read outside the data store. Accessors return undefined when the tag is
 * absent or has a type that cannot give the asked-for value.
 */
export class RpmHeader {
  readonly #data: Uint8Array;
  readonly #entries: ReadonlyMap<number, Entry>;

  constructor(data: Uint8Array, entries: ReadonlyMap<number, Entry>) {
    this.#data = data;
    this.#entries = entries;
  }

  has(tag: number): boolean {
    return this.#entries.has(tag);
  }

  /** A STRING, or the first (untranslated, "C" locale) string of an I18NSTRING. */
  string(tag: number): string | undefined {
    const e = this.#entries.get(tag);
    if (!e || (e.type !== RpmType.STRING && e.type !== RpmType.I18NSTRING)) return undefined;
    return this.#strings(e, 1)[0];
  }

  /** A STRING_ARRAY (or the strings of a STRING / I18NSTRING). */
  strings(tag: number): string[] | undefined {
    const e = this.#entries.get(tag);
    if (!e || TYPE_SIZE[e.type] !== -1) return undefined;
    return this.#strings(e, e.count);
  }

  /** CHAR/INT8/INT16/INT32 as unsigned numbers; INT64 as numbers (exact below 2^53). */
  integers(tag: number): number[] | undefined {
    const e = this.#entries.get(tag);
    if (!e || e.type < RpmType.CHAR || e.type > RpmType.INT64) return undefined;
    const view = new DataView(this.#data.buffer, this.#data.byteOffset + e.offset);
    const out: number[] = new Array(e.count);
    for (let i = 0; i < e.count; i++) {
      switch (e.type) {
        case RpmType.INT16:
          out[i] = view.getUint16(i * 2);
          break;
        case RpmType.INT32:
          out[i] = view.getUint32(i * 4);
          break;
        case RpmType.INT64:
          out[i] = Number(view.getBigUint64(i * 8));
          break;
        default:
          out[i] = view.getUint8(i);
      }
    }
    return out;
  }

  #strings(e: Entry, count: number): string[] {
    const out: string[] = [];
    let pos = e.offset;
    for (let i = 0; i < count; i++) {
      const end = this.#data.indexOf(0, pos);
      out.push(utf8.decode(this.#data.subarray(pos, end)));
      pos = end + 1;
    }
    return out;
  }
}

/**
 * Parses an rpm header blob as stored in an rpmdb (BerkeleyDB value, ndb blob, sqlite row):
 * `il` and `dl` (big-endian u32), `il` index entries, then `dl` bytes of data. The checks follow
 * rpm's own hdrblobInit/hdrblobVerifyInfo, so a header rpm would reject is rejected here too:
 * the error says why. Later entries with the same tag win (dribble entries that rpm appends
 * after the immutable region replace region values).
 */
export function parseHeaderBlob(blob: Uint8Array): Result<RpmHeader> {
  if (blob.length < 8) return err(`header blob is ${blob.length} bytes, shorter than its 8-byte preamble`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il < 1 || il > MAX_TAGS) return err(`header has an implausible entry count ${il}`);
  if (dl > MAX_DATA) return err(`header has an implausible data size ${dl}`);
  const dataStart = 8 + il * ENTRY_SIZE;
  if (dataStart + dl > blob.length) {
    return err(
      `header blob is truncated: ${il} entries and ${dl} data bytes need ${dataStart + dl}, have ${blob.length}`,
    );
  }
  const data = blob.subarray(dataStart, dataStart + dl);

  let first = 0;
  let regionEnd = 0;
  if (REGION_TAGS.has(view.getUint32(8))) {
    const region = verifyRegion(view, data, il);
    if (!region.ok) return region;
    regionEnd = region.value;
    first = 1;
  }

  const entries = new Map<number, Entry>();
  let previousEnd = 0;
  for (let i = first; i < il; i++) {
    const at = 8 + i * ENTRY_SIZE;
    const tag = view.getUint32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    const count = view.getUint32(at + 12);
    const where = `header entry ${i} (tag ${tag})`;
    if (type === RpmType.NULL || type > RpmType.I18NSTRING) return err(`${where} has invalid type ${type}`);
    if (offset < 0 || offset >= dl) return err(`${where} has offset ${offset} outside the ${dl}-byte data`);
    if (count === 0 || count > dl) return err(`${where} has invalid count ${count}`);
    const size = TYPE_SIZE[type]!;
    if (size > 1 && offset % size !== 0) return err(`${where} is misaligned at offset ${offset}`);
    // rpm stores entries in data order; overlapping data means a forged or damaged header.
    if (offset < previousEnd) return err(`${where} overlaps the previous entry's data`);
    const length = dataLength(data, type, offset, count);
    if (length < 0) return err(`${where} (type ${type}, ${count} elements) runs past the end of the data`);
    previousEnd = offset + length;
    if (first && previousEnd > regionEnd - ENTRY_SIZE && offset < regionEnd) {
      return err(`${where} overlaps the region trailer`);
    }
    entries.set(tag, { type, offset, count });
  }
  return ok(new RpmHeader(data, entries));
}

/** Checks the region tag and its trailer; returns the region's data length (rpm's `rdl`). */
function verifyRegion(view: DataView, data: Uint8Array, il: number): Result<number> {
  const tag = view.getUint32(8);
  const type = view.getUint32(12);
  const offset = view.getInt32(16);
  const count = view.getUint32(20);
  if (type !== RpmType.BIN || count !== ENTRY_SIZE) return err(`region tag ${tag} is malformed`);
  if (offset < 0 || offset + ENTRY_SIZE > data.length)
    return err(`region tag ${tag} trailer is out of range`);
  const trailer = new DataView(data.buffer, data.byteOffset + offset, ENTRY_SIZE);
  let trailerTag = trailer.getUint32(0);
  // Some old packages carry HEADERIMAGE in the signature region trailer; rpm accepts it.
  if (tag === RpmTag.HEADERSIGNATURES && trailerTag === RpmTag.HEADERIMAGE) trailerTag = tag;
  const regionBytes = -trailer.getInt32(8);
  if (trailerTag !== tag || trailer.getUint32(4) !== RpmType.BIN || trailer.getUint32(12) !== ENTRY_SIZE) {
    return err(`region tag ${tag} has a malformed trailer`);
  }
  if (regionBytes <= 0 || regionBytes % ENTRY_SIZE !== 0 || regionBytes / ENTRY_SIZE > il) {
    return err(`region tag ${tag} claims an impossible size`);
  }
  return ok(offset + ENTRY_SIZE);
}

/** Bytes an entry's value occupies, or -1 when it does not fit in the data store. */
function dataLength(data: Uint8Array, type: number, offset: number, count: number): number {
  const size = TYPE_SIZE[type]!;
  if (size > 0) return offset + size * count <= data.length ? size * count : -1;
  // rpm allows exactly one element for STRING.
  if (type === RpmType.STRING && count !== 1) return -1;
  let pos = offset;
  for (let i = 0; i < count; i++) {
    const end = data.indexOf(0, pos);
    if (end < 0) return -1;
    pos = end + 1;
  }
  return pos - offset;
}
