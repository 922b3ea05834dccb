import { BulwarkError, ErrorCodes } from '../../../core/errors.ts';
import { err, ok, type Result } from '../../../core/result.ts';

/*
 * rpm's own "ndb" package database (Packages.db, SUSE since 15.3 / openSUSE Tumbleweed), as
 * written by lib/backend/ndb/rpmpkg.c. Everything is little-endian:
 *   - a 32-byte file header: magic 'RpmP', version 0, generation, slot page count, next index;
 *   - `slotnpages` 4 KiB slot pages right after it (the header takes the first two 16-byte
 *     slots of page 0), each slot: magic 'Slot', package index, block offset, block count;
 *   - blobs at block offsets (16-byte blocks): head ('BlbS', package index, timestamp, length),
 *     the header blob, padding, tail (adler32, length, 'BlbE').
 */

const PAGE_SIZE = 4096;
const SLOT_SIZE = 16;
const BLK_SIZE = 16;
const HEADER_SIZE = 32;
const BLOBHEAD_SIZE = 16;
const BLOBTAIL_SIZE = 12;

const PKGDB_MAGIC = 0x506d7052; // 'RpmP'
const SLOT_MAGIC = 0x746f6c53; // 'Slot'
const BLOBHEAD_MAGIC = 0x53626c42; // 'BlbS'
const BLOBTAIL_MAGIC = 0x45626c42; // 'BlbE'

/**
 * Yields the header blob of every occupied slot of an ndb Packages.db. A bad slot or blob
 * yields an error and the others are still read. Work is bounded by the file size: the slot
 * pages must fit in the file and every blob must lie inside it.
 *
 * @throws BulwarkError (E_PARSE) when the file header is not that of an ndb package database.
 */
export function* ndbBlobs(db: Uint8Array): Generator<Result<Uint8Array>> {
  const fail = (why: string) => new BulwarkError(ErrorCodes.PARSE, `not a readable rpm ndb database: ${why}`);
  if (db.length < HEADER_SIZE) throw fail(`${db.length} bytes is smaller than the file header`);
  const view = new DataView(db.buffer, db.byteOffset, db.byteLength);
  if (view.getUint32(0, true) !== PKGDB_MAGIC) throw fail('bad magic');
  const version = view.getUint32(4, true);
  if (version !== 0) throw fail(`unsupported version ${version}`);
  const slotPages = view.getUint32(12, true);
  if (slotPages === 0 || slotPages * PAGE_SIZE > db.length) {
    throw fail(`${slotPages} slot pages do not fit in ${db.length} bytes`);
  }
  const fileBlocks = Math.floor(db.length / BLK_SIZE);
  // Blobs live after the slot pages (rpm's minblkoff).
  const firstBlock = (slotPages * PAGE_SIZE) / BLK_SIZE;
  for (let at = HEADER_SIZE; at < slotPages * PAGE_SIZE; at += SLOT_SIZE) {
    const slot = at / SLOT_SIZE;
    if (view.getUint32(at, true) !== SLOT_MAGIC) {
      yield err(`slot ${slot} has a bad magic; slot skipped`);
      continue;
    }
    const pkgIdx = view.getUint32(at + 4, true);
    const blkOff = view.getUint32(at + 8, true);
    const blkCnt = view.getUint32(at + 12, true);
    if (blkOff === 0) continue; // free slot
    if (pkgIdx === 0 || blkCnt === 0 || blkOff < firstBlock || blkOff + blkCnt > fileBlocks) {
      yield err(`slot ${slot} (package ${pkgIdx}) points outside the blob area; slot skipped`);
      continue;
    }
    yield readBlob(view, pkgIdx, blkOff, blkCnt);
  }
}

function readBlob(view: DataView, pkgIdx: number, blkOff: number, blkCnt: number): Result<Uint8Array> {
  const start = blkOff * BLK_SIZE;
  const where = `blob of package ${pkgIdx} at block ${blkOff}`;
  if (blkCnt * BLK_SIZE < BLOBHEAD_SIZE + BLOBTAIL_SIZE) return err(`${where} is too small`);
  if (view.getUint32(start, true) !== BLOBHEAD_MAGIC) return err(`${where} has a bad head magic`);
  if (view.getUint32(start + 4, true) !== pkgIdx) return err(`${where} belongs to another package`);
  const length = view.getUint32(start + 12, true);
  if (blkCnt !== Math.ceil((BLOBHEAD_SIZE + length + BLOBTAIL_SIZE) / BLK_SIZE)) {
    return err(`${where} has length ${length}, which does not match its ${blkCnt} blocks`);
  }
  const tail = start + blkCnt * BLK_SIZE - BLOBTAIL_SIZE;
  if (view.getUint32(tail + 4, true) !== length || view.getUint32(tail + 8, true) !== BLOBTAIL_MAGIC) {
    return err(`${where} has a damaged tail`);
  }
  return ok(new Uint8Array(view.buffer, view.byteOffset + start + BLOBHEAD_SIZE, length));
}
