import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Advisory } from '../../core/advisory.ts';
import { throwIfAborted } from '../../core/errors.ts';
import type { AdvisoryRow, FeedSink, FeedTransaction, SourceStatus } from '../feed-sink.ts';
import { advisoryFingerprint } from './advisory-fingerprint.ts';
import { listFeedFiles } from './feed-files.ts';
import type { FeedFormat, FeedInput, FeedKind, FeedOutput } from './feed-format.ts';
import { feedFormatNamed, sniffFeedFormat } from './feed-formats.ts';

export interface ImportProgress {
  readonly source: string;
  readonly files: number;
  readonly bytes: number;
  readonly advisories: number;
}

export interface ImportOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Import time to record (tests pin it). */
  readonly now?: () => Date;
  /** What to record as the origin (default: the path imported). */
  readonly origin?: string;
}

/** What one import did; `skippedExamples` holds the first few reasons of `skipped`. */
export interface ImportSummary {
  readonly source: string;
  readonly origin: string;
  readonly kind: FeedKind;
  readonly files: number;
  readonly unchangedFiles: number;
  readonly ignoredFiles: number;
  readonly parsed: number;
  readonly written: number;
  readonly unchanged: number;
  readonly deleted: number;
  readonly records: number;
  readonly skipped: number;
  readonly skippedExamples: readonly { readonly path: string; readonly reason: string }[];
}

const BATCH = 500;
const MAX_EXAMPLES = 5;

/**
 * Imports one source (a directory, a file or a zip of one feed) into the store, in one
 * transaction: if anything fails or the signal fires, the previous contents stay as they were.
 *
 * Incremental at two levels. Each file's content hash is recorded with its format; a `file`-format
 * file whose hash is unchanged is not even parsed. Every advisory parsed is compared by
 * fingerprint with the stored one and rewritten only when it differs. Advisories whose file is gone,
 * or that a changed file no longer contains, are deleted. Malformed records are skipped and
 * counted; they never abort the import.
 */
export async function importSource(
  sink: FeedSink,
  source: string,
  root: string,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  return sink.transaction((tx) => new SourceImport(tx, source, opts).run(root));
}

class SourceImport {
  /** Stored fingerprints, loaded on first need: an unchanged source never reads them. */
  private prevFpsLoaded: Map<string, { readonly fingerprint: string; readonly file: string }> | undefined;
  private readonly keptFiles = new Set<string>();
  private readonly produced = new Set<string>();
  private readonly batch = new Map<string, AdvisoryRow>();
  private readonly kinds = new Set<FeedKind>();
  private rowCounts = new Map<FeedKind, number>();
  private newestModified: string | undefined;
  private files = 0;
  private bytes = 0;
  private unchangedFiles = 0;
  private ignoredFiles = 0;
  private parsed = 0;
  private written = 0;
  private unchanged = 0;
  private skipped = 0;
  private readonly skippedExamples: { path: string; reason: string }[] = [];
  /** Files that produced each id in this run. */
  private readonly idFiles = new Map<string, string[]>();
  private root = '';

  constructor(
    private readonly tx: FeedTransaction,
    private readonly source: string,
    private readonly opts: ImportOptions,
  ) {}

  async run(root: string): Promise<ImportSummary> {
    const { tx, source, opts } = this;
    this.root = root;
    const prevHashes = await tx.fileHashes(source);
    const previous = await tx.sourceStatus(source);
    const newHashes = new Map<string, string>();
    const groups = new Map<FeedFormat, { inputs: FeedInput[]; changed: boolean }>();

    for await (const f of listFeedFiles(root, opts.signal)) {
      throwIfAborted(opts.signal);
      this.files++;
      this.bytes += f.size;
      // Recorded per file: `<format>|<content hash>|<stat stamp>`.
      const [prevFormat, prevHash, prevStat] = (prevHashes.get(f.path) ?? '').split('|');
      const previousFormat = prevFormat ? feedFormatNamed(prevFormat) : undefined;
      if (previousFormat?.grouping === 'file' && f.statStamp !== undefined && prevStat === f.statStamp) {
        newHashes.set(f.path, prevHashes.get(f.path)!);
        this.keep(f.path, previousFormat);
        continue;
      }
      const hash = await f.hash();
      if (previousFormat?.grouping === 'file' && prevHash === hash) {
        newHashes.set(f.path, `${prevFormat}|${hash}|${f.statStamp ?? ''}`);
        this.keep(f.path, previousFormat);
        continue;
      }
      const bytes = await f.read();
      const format = sniffFeedFormat(f.path, bytes);
      if (!format) {
        this.ignoredFiles++;
        continue;
      }
      this.kinds.add(format.kind);
      newHashes.set(f.path, `${format.name}|${hash}|${f.statStamp ?? ''}`);
      if (format.grouping === 'group') {
        const g = groups.get(format) ?? { inputs: [], changed: false };
        g.inputs.push({ path: f.path, bytes });
        g.changed ||= prevFormat !== format.name || prevHash !== hash;
        groups.set(format, g);
        continue;
      }
      await this.consume(await format.parse([{ path: f.path, bytes }], source));
      this.progress();
    }

    // A group whose membership shrank changed too.
    for (const [path, stamp] of prevHashes) {
      if (newHashes.has(path)) continue;
      for (const [format, g] of groups) if (stamp.startsWith(`${format.name}|`)) g.changed = true;
    }
    for (const [format, g] of groups) {
      throwIfAborted(opts.signal);
      if (g.changed) {
        await this.consume(await format.parse(g.inputs, source));
      } else {
        for (const i of g.inputs) this.keptFiles.add(i.path);
        if (format.kind !== 'advisories' && previous?.kind === format.kind) {
          this.rowCounts.set(format.kind, previous.records);
        }
        this.unchangedFiles += g.inputs.length;
      }
      this.progress();
    }
    await this.flush();

    const untouched =
      previous !== undefined &&
      this.parsed === 0 &&
      this.rowCounts.size === 0 &&
      newHashes.size === prevHashes.size &&
      [...newHashes].every(([path, stamp]) => prevHashes.get(path) === stamp);
    let gone: string[] = [];
    let kind: FeedKind;
    let records: number;
    if (untouched) {
      kind = previous.kind;
      records = previous.records;
    } else {
      const prevFps = await this.prevFps();
      gone = [...prevFps]
        .filter(([id, { file }]) => !this.isKept(file) && !this.produced.has(id))
        .map(([id]) => id);
      for (let i = 0; i < gone.length; i += BATCH)
        await tx.deleteAdvisories(source, gone.slice(i, i + BATCH));
      await tx.setFileHashes(source, newHashes);
      const finalIds = new Set(this.produced);
      for (const [id, { file }] of prevFps) if (this.isKept(file)) finalIds.add(id);
      kind = finalIds.size > 0 ? 'advisories' : ([...this.kinds][0] ?? 'advisories');
      records = kind === 'advisories' ? finalIds.size : (this.rowCounts.get(kind) ?? 0);
    }
    // Unchanged files were not parsed: their newest date is the one recorded last time.
    const newest = maxDate(
      this.newestModified,
      this.unchangedFiles > 0 ? previous?.newestModified : undefined,
    );
    const origin = opts.origin ?? root;
    const status: SourceStatus = {
      source,
      kind,
      origin,
      records,
      ...(newest ? { newestModified: newest } : {}),
      importedAt: (opts.now?.() ?? new Date()).toISOString(),
    };
    await tx.setSourceStatus(status);
    return {
      source,
      origin,
      kind,
      files: this.files,
      unchangedFiles: this.unchangedFiles,
      ignoredFiles: this.ignoredFiles,
      parsed: this.parsed,
      written: this.written,
      unchanged: this.unchanged,
      deleted: gone.length,
      records,
      skipped: this.skipped,
      skippedExamples: this.skippedExamples,
    };
  }

  private async consume(out: FeedOutput): Promise<void> {
    const { tx, source } = this;
    for (const s of out.skipped) {
      this.skipped++;
      if (this.skippedExamples.length < MAX_EXAMPLES) this.skippedExamples.push(s);
    }
    for (const parsed of out.advisories ?? []) {
      const { advisory, file } = await this.mergeParts(parsed.advisory, parsed.file);
      this.parsed++;
      this.produced.add(advisory.id);
      if (!advisory.modified.startsWith('1970-'))
        this.newestModified = maxDate(this.newestModified, advisory.modified);
      const fingerprint = advisoryFingerprint(advisory);
      const prev = (await this.prevFps()).get(advisory.id);
      if (prev && prev.fingerprint === fingerprint && prev.file === file && !this.batch.has(advisory.id)) {
        this.unchanged++;
        continue;
      }
      this.batch.set(advisory.id, { advisory, file, fingerprint });
      if (this.batch.size >= BATCH) await this.flush();
    }
    if (out.kev) {
      await tx.replaceKev(source, out.kev);
      this.rowCounts.set('kev', out.kev.length);
    }
    if (out.epss) {
      await tx.replaceEpss(source, out.epss);
      this.rowCounts.set('epss', out.epss.length);
    }
    if (out.cvss && out.cvss.length > 0) {
      await tx.upsertCvss(source, out.cvss);
      this.rowCounts.set('cvss', (this.rowCounts.get('cvss') ?? 0) + out.cvss.length);
    }
  }

  private async prevFps() {
    this.prevFpsLoaded ??= new Map(await this.tx.advisoryFingerprints(this.source));
    return this.prevFpsLoaded;
  }

  private keep(path: string, format: FeedFormat): void {
    this.keptFiles.add(path);
    this.kinds.add(format.kind);
    this.unchangedFiles++;
    this.progress();
  }

  /** Whether a stored advisory stays: one of its files (one per line) was left unchanged. */
  private isKept(file: string): boolean {
    return file.split('\n').some((f) => this.keptFiles.has(f));
  }

  /**
   * One id published by several files of a source (AlmaLinux repeats an ALSA id in its release
   * folders with different packages) is one advisory with every file's `affected` entries; its
   * `file` lists them all, one per line. The other parts come from the batch when still there,
   * else are parsed again from disk — also on an incremental import, when only one part changed.
   */
  private async mergeParts(advisory: Advisory, file: string): Promise<{ advisory: Advisory; file: string }> {
    const earlier = this.idFiles.get(advisory.id);
    const previous = (await this.prevFps()).get(advisory.id)?.file.split('\n') ?? [];
    const others = [...new Set([...(earlier ?? []), ...previous])].filter((f) => f !== file);
    if (others.length === 0) {
      this.idFiles.set(advisory.id, [file]);
      return { advisory, file };
    }
    const parts: { file: string; advisory: Advisory }[] = [{ file, advisory }];
    for (const other of others) {
      const pending = this.batch.get(advisory.id);
      const part = pending?.file.split('\n').includes(other)
        ? pending.advisory
        : await this.reparse(other, advisory.id);
      if (part) parts.push({ file: other, advisory: part });
    }
    // In path order, so the result does not depend on which part changed.
    parts.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
    const merged = parts.map((p) => p.advisory).reduce((acc, next) => mergeAdvisory(acc, next));
    const files = parts.map((p) => p.file);
    this.idFiles.set(advisory.id, files);
    return { advisory: merged, file: files.join('\n') };
  }

  /** The advisory `id` as a file of this source holds it now, parsed again (plain files only). */
  private async reparse(path: string, id: string): Promise<Advisory | undefined> {
    if (path.includes('!/')) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(join(this.root, path)));
    } catch {
      return undefined; // gone: its part is dropped
    }
    const format = sniffFeedFormat(path, bytes);
    if (format?.grouping !== 'file') return undefined;
    const out = await format.parse([{ path, bytes }], this.source);
    return out.advisories?.find((a) => a.advisory.id === id)?.advisory;
  }

  private async flush(): Promise<void> {
    if (this.batch.size === 0) return;
    const rows = [...this.batch.values()];
    this.batch.clear();
    await this.tx.upsertAdvisories(this.source, rows);
    this.written += rows.length;
  }

  private progress(): void {
    this.opts.onProgress?.({
      source: this.source,
      files: this.files,
      bytes: this.bytes,
      advisories: this.parsed + this.keptFiles.size,
    });
  }
}

/** `a` with `b`'s affected entries, aliases and references added (b's other fields win). */
function mergeAdvisory(a: Advisory, b: Advisory): Advisory {
  const key = (x: unknown) => JSON.stringify(x);
  const union = <T>(xs: readonly T[], ys: readonly T[]) => {
    const seen = new Set(xs.map(key));
    return [...xs, ...ys.filter((y) => !seen.has(key(y)))];
  };
  const affected = union(a.affected, b.affected).sort((x, y) => (key(x) < key(y) ? -1 : 1));
  return {
    ...b,
    aliases: union(a.aliases, b.aliases).sort(),
    related: union(a.related, b.related).sort(),
    affected,
    references: union(a.references, b.references),
    modified: maxDate(a.modified, b.modified) ?? b.modified,
  };
}

function maxDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
