import { throwIfAborted } from '../../core/errors.ts';
import {
  BLOCK,
  dataSize,
  decodeHeader,
  ExtendedHeaders,
  isZeroBlock,
  MAX_META_RECORD,
  memberType,
  type TarMemberType,
} from '../archive/tar-header.ts';

export type TarEntryType = TarMemberType;

export interface TarEntry {
  /** The name as stored in the archive (not normalised). */
  readonly name: string;
  readonly type: TarEntryType;
  /** Data size in the archive (0 for links and directories). */
  readonly size: number;
  readonly mode: number;
  readonly linkTarget?: string;
}

/** Return a sink to receive the member's whole content, or undefined to skip it (skipped data is never copied). */
export type TarVisitor = (
  entry: TarEntry,
) => Promise<((content: Buffer) => Promise<void> | void) | undefined>;

/** Thrown for a malformed stream; the message says what and at which byte of the uncompressed tar. */
export class TarFormatError extends Error {}

enum State {
  Header,
  Data,
  Padding,
  End,
}

/**
 * A streaming tar parser written for image layers: one pass, data of unwanted members skipped
 * without copying, content of wanted members handed over whole. A stream that ends cleanly after
 * a member's data without padding or end-of-archive blocks is accepted (umoci and some other
 * writers omit them, and Go's archive/tar, which the runtimes use, accepts it); a stream that ends
 * inside a header or inside member data is an error.
 */
export async function parseTarStream(
  src: AsyncIterable<Buffer>,
  visit: TarVisitor,
  signal?: AbortSignal,
): Promise<void> {
  let state = State.Header as State;
  let pos = 0;
  const header = Buffer.alloc(BLOCK);
  let headerLen = 0;
  let remaining = 0;
  let padding = 0;
  let entry: TarEntry | undefined;
  let metaFlag: string | undefined;
  let sink: ((content: Buffer) => Promise<void> | void) | undefined;
  // A wanted member's content is copied once into a buffer of its exact size: no chunk list and no
  // concat, so a large file costs its size once, not twice, at its peak.
  let content: Buffer | undefined;
  let filled = 0;
  const ext = new ExtendedHeaders();

  const finishData = async () => {
    const data = content ?? Buffer.alloc(0);
    content = undefined;
    filled = 0;
    if (metaFlag !== undefined) ext.consume(metaFlag, data);
    else if (sink) await sink(data);
    metaFlag = undefined;
    sink = undefined;
    state = padding > 0 ? State.Padding : State.Header;
  };

  const startMember = async () => {
    headerLen = 0;
    if (isZeroBlock(header)) {
      state = State.End;
      return;
    }
    const raw = decodeHeader(header);
    if (typeof raw === 'string') throw new TarFormatError(`${raw} at byte ${pos - BLOCK} of the tar stream`);
    if (ExtendedHeaders.isMeta(raw.flag)) {
      if (raw.size > MAX_META_RECORD)
        throw new TarFormatError(`metadata record of ${raw.size} bytes at byte ${pos - BLOCK}`);
      metaFlag = raw.flag;
      remaining = raw.size;
    } else {
      const h = ext.apply(raw);
      const type = h.sparse ? 'other' : memberType(h.flag);
      entry = {
        name: h.name,
        type,
        size: dataSize(type, h.size),
        mode: h.mode,
        ...(h.linkTarget ? { linkTarget: h.linkTarget } : {}),
      };
      remaining = entry.size;
      sink = await visit(entry);
    }
    padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
    if (remaining > 0) state = State.Data;
    else await finishData();
  };

  for await (const chunk of src) {
    throwIfAborted(signal);
    let off = 0;
    while (off < chunk.length) {
      const avail = chunk.length - off;
      if (state === State.Header) {
        const n = Math.min(BLOCK - headerLen, avail);
        chunk.copy(header, headerLen, off, off + n);
        headerLen += n;
        off += n;
        pos += n;
        if (headerLen === BLOCK) await startMember();
      } else if (state === State.Data) {
        const n = Math.min(remaining, avail);
        if (sink || metaFlag !== undefined) {
          content ??= Buffer.allocUnsafe(remaining);
          chunk.copy(content, filled, off, off + n);
          filled += n;
        }
        remaining -= n;
        off += n;
        pos += n;
        if (remaining === 0) await finishData();
      } else if (state === State.Padding) {
        const n = Math.min(padding, avail);
        padding -= n;
        off += n;
        pos += n;
        if (padding === 0) state = State.Header;
      } else {
        // After the end-of-archive block: the rest is zeros (or junk some writers append); ignored.
        pos += avail;
        off = chunk.length;
      }
    }
  }
  if (state === State.Data) {
    const what = metaFlag !== undefined ? 'a metadata record' : `"${entry?.name}"`;
    throw new TarFormatError(`tar stream is truncated: ${what} is missing ${remaining} bytes of data`);
  }
  if (state === State.Header && headerLen > 0) {
    throw new TarFormatError(`tar stream is truncated inside a header at byte ${pos - headerLen}`);
  }
}
