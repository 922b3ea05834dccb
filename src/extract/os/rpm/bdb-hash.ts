import { BulwarkError, ErrorCodes } from '../../../core/errors.ts';
import { err, ok, type Result } from '../../../core/result.ts';

/*
 * Berkeley DB hash databases, as rpm ≤ 4.15 wrote /var/lib/rpm/Packages (libdb 4.x/5.x).
 * Layout (db/db_page.h): page 0 is the hash metadata page; every page starts with a 26-byte
 * header, followed on hash pages by an array of 16-bit item offsets (key, value, key, value…)
 * and items packed from the end of the page. Values too big for a page (most rpm headers) are
 * HOFFPAGE items pointing to a chain of overflow pages. All integers are in the byte order of
 * the machine that created the file, told by which order reads the magic right.
 */

const HASH_MAGIC = 0x00061561;
const PAGE_HEADER = 26;
/**
 * With checksums enabled, pages carry libdb 5's PG_CHKSUM after the header (2 bytes of padding,
 * a 4-byte checksum). rpm never enables them; other tools may, and the cost is one constant.
 */
const CHECKSUM_SIZE = 6;
const DBMETA_CHKSUM = 0x01;

const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;

const H_KEYDATA = 1;
const H_DUPLICATE = 2;
const H_OFFPAGE = 3;
const H_OFFDUP = 4;
const HOFFPAGE_SIZE = 12;

interface Layout {
  readonly view: DataView;
  readonly littleEndian: boolean;
  readonly pageSize: number;
  readonly pageCount: number;
  /** Bytes before a page's item index or overflow data. */
  readonly overhead: number;
}

/**
 * Yields every value of a Berkeley DB hash database: for an rpm Packages file, one header blob
 * per installed package (rpm's bookkeeping record under key 0 is skipped). Pages are visited in
 * file order, so every stored pair is seen once without walking bucket chains. A damaged record
 * yields an error and the walk goes on; overflow chains are bounded by the file size and cycles
 * are detected, so no input loops forever.
 *
 * @throws BulwarkError (E_PARSE) when the metadata page is not that of a usable hash database.
 */
export function* bdbHashValues(db: Uint8Array): Generator<Result<Uint8Array>> {
  const layout = readMetadata(db);
  const { view, littleEndian: le, pageSize, pageCount } = layout;
  const lastPage = view.getUint32(32, le);
  if (lastPage >= pageCount) {
    yield err(`database is truncated: metadata says ${lastPage + 1} pages, the file holds ${pageCount}`);
  }
  for (let page = 1; page < pageCount; page++) {
    const type = view.getUint8(page * pageSize + 25);
    if (type === P_HASH || type === P_HASH_UNSORTED) yield* hashPageValues(layout, page);
  }
}

function readMetadata(db: Uint8Array): Layout {
  const fail = (why: string) =>
    new BulwarkError(ErrorCodes.PARSE, `not a readable Berkeley DB hash database: ${why}`);
  if (db.length < 512) throw fail(`${db.length} bytes is smaller than one page`);
  const view = new DataView(db.buffer, db.byteOffset, db.byteLength);
  let le: boolean;
  if (view.getUint32(12, true) === HASH_MAGIC) le = true;
  else if (view.getUint32(12, false) === HASH_MAGIC) le = false;
  else throw fail(`bad magic 0x${view.getUint32(12, true).toString(16)}`);
  const pageSize = view.getUint32(20, le);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw fail(`invalid page size ${pageSize}`);
  }
  if (view.getUint8(24) !== 0) throw fail('the database is encrypted');
  if (view.getUint8(25) !== P_HASHMETA) throw fail(`page 0 has type ${view.getUint8(25)}, not hash metadata`);
  const overhead = PAGE_HEADER + ((view.getUint8(26) & DBMETA_CHKSUM) !== 0 ? CHECKSUM_SIZE : 0);
  return { view, littleEndian: le, pageSize, pageCount: Math.floor(db.length / pageSize), overhead };
}

/** The values of one hash page; items are (key, value) pairs in index order. */
function* hashPageValues(layout: Layout, page: number): Generator<Result<Uint8Array>> {
  const { view, littleEndian: le, pageSize, overhead } = layout;
  const start = page * pageSize;
  const entries = view.getUint16(start + 20, le);
  const indexEnd = overhead + entries * 2;
  if (entries % 2 !== 0 || indexEnd > pageSize) {
    yield err(`hash page ${page} has an invalid item count ${entries}; page skipped`);
    return;
  }
  const item = (i: number): { offset: number; length: number } | undefined => {
    const offset = view.getUint16(start + overhead + i * 2, le);
    const end = i === 0 ? pageSize : view.getUint16(start + overhead + (i - 1) * 2, le);
    if (offset < indexEnd || end > pageSize || end <= offset) return undefined;
    return { offset: start + offset, length: end - offset };
  };
  for (let i = 0; i < entries; i += 2) {
    const key = item(i);
    const value = item(i + 1);
    if (!key || !value) {
      yield err(`hash page ${page} item ${i} has an offset outside the page; item skipped`);
      continue;
    }
    if (isInstanceZero(view, key)) continue;
    yield readValue(layout, page, value);
  }
}

/** rpm keeps its "next header instance" counter under the 4-byte key 0; it is no package. */
function isInstanceZero(view: DataView, key: { offset: number; length: number }): boolean {
  return view.getUint8(key.offset) === H_KEYDATA && key.length === 5 && view.getUint32(key.offset + 1) === 0;
}

function readValue(
  layout: Layout,
  page: number,
  value: { offset: number; length: number },
): Result<Uint8Array> {
  const { view, littleEndian: le } = layout;
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const type = view.getUint8(value.offset);
  switch (type) {
    case H_KEYDATA:
      return ok(bytes.subarray(value.offset + 1, value.offset + value.length));
    case H_OFFPAGE: {
      if (value.length < HOFFPAGE_SIZE) return err(`hash page ${page} has a truncated overflow reference`);
      return readOverflow(layout, view.getUint32(value.offset + 4, le), view.getUint32(value.offset + 8, le));
    }
    case H_DUPLICATE:
    case H_OFFDUP:
      return err(`hash page ${page} holds duplicate records, which rpm never writes; skipped`);
    default:
      return err(`hash page ${page} has an item of unknown type ${type}`);
  }
}

/** Concatenates an overflow chain of `length` bytes starting at `first`. */
function readOverflow(layout: Layout, first: number, length: number): Result<Uint8Array> {
  const { view, littleEndian: le, pageSize, pageCount, overhead } = layout;
  const capacity = pageSize - overhead;
  if (length === 0 || length > pageCount * capacity) {
    return err(`overflow record at page ${first} claims an impossible length ${length}`);
  }
  const out = new Uint8Array(length);
  const seen = new Set<number>();
  let filled = 0;
  let page = first;
  while (filled < length) {
    if (page === 0 || page >= pageCount) {
      return err(`overflow chain from page ${first} points to page ${page}, outside the file`);
    }
    if (seen.has(page)) return err(`overflow chain from page ${first} loops back to page ${page}`);
    seen.add(page);
    const start = page * pageSize;
    if (view.getUint8(start + 25) !== P_OVERFLOW) {
      return err(`overflow chain from page ${first} reaches page ${page}, which is not an overflow page`);
    }
    // On overflow pages the header's free-offset field holds the bytes of data on that page.
    const onPage = Math.min(view.getUint16(start + 22, le), capacity, length - filled);
    if (onPage === 0) return err(`overflow page ${page} is empty`);
    out.set(new Uint8Array(view.buffer, view.byteOffset + start + overhead, onPage), filled);
    filled += onPage;
    page = view.getUint32(start + 16, le);
  }
  return ok(out);
}
