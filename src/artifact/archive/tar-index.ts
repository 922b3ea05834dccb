import { type FileHandle, open } from 'node:fs/promises';
import { BulwarkError, ErrorCodes, throwIfAborted } from '../../core/errors.ts';
import { normalizeEntryPath } from '../tree/tree-path.ts';
import {
  BLOCK,
  dataSize,
  decodeHeader,
  ExtendedHeaders,
  isZeroBlock,
  MAX_META_RECORD,
  memberType,
  type TarMemberType,
} from './tar-header.ts';

export interface TarMember {
  readonly name: string;
  /** Byte offset of the member's data in the archive. */
  readonly offset: number;
  readonly size: number;
  readonly type: TarMemberType;
  readonly linkTarget?: string;
}

/**
 * Reads only the headers of an uncompressed tar (seeking over member data), so members can later
 * be streamed by offset. Throws E_ARCHIVE_INVALID naming the file and the offset of a corrupt header.
 */
export async function indexTar(file: string, signal?: AbortSignal): Promise<Map<string, TarMember>> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `${file}: ${(e as Error).message}`, {
      subject: file,
      cause: e,
    });
  }
  const members = new Map<string, TarMember>();
  try {
    const { size: fileSize } = await fh.stat();
    const block = Buffer.alloc(BLOCK);
    const ext = new ExtendedHeaders();
    let pos = 0;
    const bad = (why: string): never => {
      throw new BulwarkError(ErrorCodes.ARCHIVE_INVALID, `${file}: ${why} at byte ${pos}`, { subject: file });
    };
    while (pos + BLOCK <= fileSize) {
      throwIfAborted(signal);
      const { bytesRead } = await fh.read(block, 0, BLOCK, pos);
      if (bytesRead < BLOCK) bad('truncated header');
      if (isZeroBlock(block)) break;
      const raw = decodeHeader(block);
      if (typeof raw === 'string') return bad(raw);
      if (ExtendedHeaders.isMeta(raw.flag)) {
        if (raw.size > MAX_META_RECORD) bad(`metadata record of ${raw.size} bytes`);
        const data = Buffer.alloc(raw.size);
        if ((await fh.read(data, 0, raw.size, pos + BLOCK)).bytesRead < raw.size)
          bad('truncated metadata record');
        ext.consume(raw.flag, data);
        pos += BLOCK + Math.ceil(raw.size / BLOCK) * BLOCK;
        continue;
      }
      const h = ext.apply(raw);
      const type = h.sparse ? 'other' : memberType(h.flag);
      const stored = dataSize(type, h.size);
      if (pos + BLOCK + stored > fileSize) bad(`member "${h.name}" runs past the end of the file`);
      const name = normalizeEntryPath(h.name) ?? h.name;
      members.set(name, {
        name,
        offset: pos + BLOCK,
        size: stored,
        type,
        ...(h.linkTarget ? { linkTarget: h.linkTarget } : {}),
      });
      pos += BLOCK + Math.ceil(stored / BLOCK) * BLOCK;
    }
  } finally {
    await fh.close();
  }
  return members;
}
