import { inflateRawSync } from 'node:zlib';

/**
 * A minimal, bounded ZIP reader over bytes already in memory (jars and the jars nested in them).
 *
 * Why not a library: we only need the central directory and a few small entries, synchronously,
 * from nested buffers, with hard caps on what each entry may inflate to. `inflateRawSync` with
 * `maxOutputLength` gives exactly that cap (a bomb stops at the cap, it is never inflated in
 * full); stream-based readers (yauzl) would need temp files or extra plumbing for nesting and still
 * leave the output cap to us. Encryption, multi-disk archives and methods other than stored and
 * deflate are refused per entry. CRCs are not checked (we never write the bytes anywhere).
 */

export interface ZipEntry {
  /** The name exactly as stored (may hold `../` or a leading `/`: it is only ever a name). */
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Offset of the local header, already shifted by any bytes prepended to the archive. */
  readonly localOffset: number;
}

export class ZipError extends Error {
  override readonly name = 'ZipError';
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const MAX_COMMENT = 0xffff;

/** Reads the central directory; throws ZipError when there is none or it is truncated. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view);
  if (eocd < 0) throw new ZipError('not a zip archive: no end of central directory record');
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  let cdEnd = eocd;
  if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0)
    throw new ZipError('multi-disk zip archives are not supported');
  const locator = eocd - 20;
  if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIG) {
    // The recorded offset ignores prepended bytes; the record normally sits right before the locator.
    const recorded = safeNumber(view.getBigUint64(locator + 8, true));
    const z =
      recorded + 56 <= bytes.length && view.getUint32(recorded, true) === ZIP64_EOCD_SIG
        ? recorded
        : locator - 56;
    if (z < 0 || z + 56 > bytes.length || view.getUint32(z, true) !== ZIP64_EOCD_SIG)
      throw new ZipError('zip64 end of central directory record is missing or truncated');
    count = safeNumber(view.getBigUint64(z + 32, true));
    cdSize = safeNumber(view.getBigUint64(z + 40, true));
    cdOffset = safeNumber(view.getBigUint64(z + 48, true));
    cdEnd = z;
  }
  if (count > maxEntries) throw new ZipError(`zip archive lists ${count} entries (limit ${maxEntries})`);
  // Bytes may be prepended (Spring Boot "fully executable" jars start with a shell script): the
  // recorded offsets are then short by the script's length, as Java's ZipFile also assumes.
  const shift = cdEnd - cdSize - cdOffset;
  const start = cdOffset + shift;
  if (shift < 0 || start < 0 || start + cdSize > bytes.length)
    throw new ZipError('zip central directory lies outside the file (truncated archive?)');
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdEnd || view.getUint32(p, true) !== CENTRAL_SIG)
      throw new ZipError(`zip central directory is corrupt at entry ${i + 1} of ${count}`);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    let compressedSize = view.getUint32(p + 20, true);
    let uncompressedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const nameEnd = p + 46 + nameLen;
    if (nameEnd + extraLen + commentLen > cdEnd)
      throw new ZipError(`zip central directory is truncated at entry ${i + 1} of ${count}`);
    const name = decoder.decode(bytes.subarray(p + 46, nameEnd));
    // zip64: the extra field holds the 64-bit values of those fields set to 0xffffffff, in order.
    let q = nameEnd;
    const extraEnd = nameEnd + extraLen;
    while (q + 4 <= extraEnd) {
      const id = view.getUint16(q, true);
      const size = view.getUint16(q + 2, true);
      if (id === 0x0001) {
        let r = q + 4;
        const next = (): number => {
          if (r + 8 > q + 4 + size) throw new ZipError(`zip64 extra field of "${name}" is truncated`);
          const v = safeNumber(view.getBigUint64(r, true));
          r += 8;
          return v;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      q += 4 + size;
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localOffset: localOffset + shift });
    p = extraEnd + commentLen;
  }
  return entries;
}

/**
 * The entry's bytes, inflated to at most `maxBytes` (a ZipError past that: the output is cut at
 * the cap, so a bomb costs at most `maxBytes`). Also refuses entries whose declared size is
 * over the cap or whose compression ratio is over `maxRatio` before inflating anything.
 */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: { readonly maxBytes: number; readonly maxRatio: number },
): Uint8Array {
  if (entry.flags & 0x1) throw new ZipError(`"${entry.name}" is encrypted`);
  if (entry.uncompressedSize > limits.maxBytes)
    throw new ZipError(
      `"${entry.name}" inflates to ${entry.uncompressedSize} bytes (limit ${limits.maxBytes})`,
    );
  if (
    entry.uncompressedSize > 1024 * 1024 &&
    entry.uncompressedSize > Math.max(entry.compressedSize, 1) * limits.maxRatio
  )
    throw new ZipError(
      `"${entry.name}" has a compression ratio over ${limits.maxRatio}:1 (${entry.compressedSize} → ${entry.uncompressedSize} bytes): a zip bomb?`,
    );
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at < 0 || at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIG)
    throw new ZipError(`local header of "${entry.name}" is missing (truncated or corrupt archive)`);
  const dataStart = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) throw new ZipError(`data of "${entry.name}" is truncated`);
  const data = bytes.subarray(dataStart, dataEnd);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize)
      throw new ZipError(`stored entry "${entry.name}" has mismatched sizes`);
    return data;
  }
  if (entry.method !== 8)
    throw new ZipError(`"${entry.name}" uses unsupported compression method ${entry.method}`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(limits.maxBytes, 1) });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new ZipError(
        `"${entry.name}" inflates past ${limits.maxBytes} bytes (declared ${entry.uncompressedSize})`,
      );
    throw new ZipError(`"${entry.name}" is not valid deflate data: ${(e as Error).message}`);
  }
  if (out.length !== entry.uncompressedSize)
    throw new ZipError(
      `"${entry.name}" inflated to ${out.length} bytes but the directory says ${entry.uncompressedSize}`,
    );
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function findEocd(bytes: Uint8Array, view: DataView): number {
  const min = Math.max(0, bytes.length - 22 - MAX_COMMENT);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD_SIG && i + 22 + view.getUint16(i + 20, true) <= bytes.length)
      return i;
  }
  return -1;
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('zip64 value is out of range');
  return Number(v);
}
