/*
 * Test support: Debian's rpm 4.18 is built without the ndb backend, so no tool on a Debian
 * machine writes a real Packages.db. This packs real header blobs into ndb's layout exactly as
 * rpm's lib/backend/ndb/rpmpkg.c writes it (rpmpkgWriteHeader, rpmpkgWriteEmptySlotpage,
 * rpmpkgWriteslot, rpmpkgWriteBlob), so the reader can be tested on real packages.
 */

const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLK_SIZE = 16;
const HEADER_SLOTS = 2;

function adler32(bytes: Uint8Array, start = 1): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** An ndb Packages.db holding `blobs` as packages 1…n. */
export function packNdb(blobs: readonly Uint8Array[]): Uint8Array {
  const slotPages = Math.ceil((HEADER_SLOTS + blobs.length) / (PAGE_SIZE / SLOT_SIZE));
  const blockCounts = blobs.map((b) => Math.ceil((16 + b.length + 12) / BLK_SIZE));
  const total = slotPages * PAGE_SIZE + blockCounts.reduce((n, c) => n + c * BLK_SIZE, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  // Magics are four ASCII characters stored as a little-endian u32.
  const magic = (s: string) =>
    (s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24)) >>> 0;

  view.setUint32(0, magic('RpmP'), true);
  view.setUint32(4, 0, true); // version
  view.setUint32(8, blobs.length + 1, true); // generation
  view.setUint32(12, slotPages, true);
  view.setUint32(16, blobs.length + 1, true); // next package index
  for (let at = HEADER_SLOTS * SLOT_SIZE; at < slotPages * PAGE_SIZE; at += SLOT_SIZE) {
    view.setUint32(at, magic('Slot'), true);
  }

  let block = (slotPages * PAGE_SIZE) / BLK_SIZE;
  blobs.forEach((blob, i) => {
    const pkgIdx = i + 1;
    const slot = (HEADER_SLOTS + i) * SLOT_SIZE;
    view.setUint32(slot + 4, pkgIdx, true);
    view.setUint32(slot + 8, block, true);
    view.setUint32(slot + 12, blockCounts[i]!, true);

    const start = block * BLK_SIZE;
    const end = start + blockCounts[i]! * BLK_SIZE;
    view.setUint32(start, magic('BlbS'), true);
    view.setUint32(start + 4, pkgIdx, true);
    view.setUint32(start + 8, 1_700_000_000, true); // timestamp
    view.setUint32(start + 12, blob.length, true);
    out.set(blob, start + 16);
    // The checksum covers head, blob and zero padding, up to the tail.
    view.setUint32(end - 12, adler32(out.subarray(start, end - 12)), true);
    view.setUint32(end - 8, blob.length, true);
    view.setUint32(end - 4, magic('BlbE'), true);
    block += blockCounts[i]!;
  });
  return out;
}
