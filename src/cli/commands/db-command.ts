import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { bulwarkHome } from '../../core/bulwark-home.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { ImportSummary } from '../../vulndb/import/import-source.ts';
import { formatBytes, Progress } from '../progress.ts';
import { storeOptions } from '../store-options.ts';
import { textTable } from '../text-table.ts';

interface DbFlags {
  db?: string;
  quiet?: boolean;
}

interface ImportFlags extends DbFlags {
  source?: string;
  split?: boolean;
}

interface UpdateFlags extends DbFlags {
  config?: string;
  only?: string;
  cacheDir?: string;
}

const SOURCE_NAME = /^[A-Za-z0-9._-]+$/;

/** `bulwark db import|update|status`: the advisory database. */
export function registerDbCommand(program: Command, signal: AbortSignal): void {
  const db = program.command('db').description('the advisory database: import, update, status');
  const dbOption = (c: Command) =>
    c.option(
      '--db <url>',
      'postgres://… URL, or a directory for bulwark.db (default $BULWARK_DB, $BULWARK_HOME)',
    );

  dbOption(
    db
      .command('import')
      .description('import feeds from directories, files, zips (osv.dev all.zip) or URLs')
      .argument('<paths...>', 'each path is one source, named after it unless --source is given')
      .option('--source <name>', 'source name (only with one path)')
      .option('--split', 'treat each subdirectory of a directory as its own source')
      .option('-q, --quiet', 'no progress output'),
  ).action(async (paths: string[], flags: ImportFlags) => {
    if (flags.source !== undefined && (paths.length !== 1 || flags.split)) {
      throw new BulwarkError(
        ErrorCodes.USAGE,
        '--source names one source: give exactly one path, without --split',
      );
    }
    if (flags.source !== undefined && !SOURCE_NAME.test(flags.source)) {
      throw new BulwarkError(
        ErrorCodes.USAGE,
        `--source "${flags.source}": use letters, digits, '.', '_' or '-'`,
      );
    }
    const units: { source: string; path: string }[] = [];
    for (const p of paths) {
      if (/^https?:\/\//.test(p)) {
        units.push(...(await downloadedUnit(p, flags, signal)));
        continue;
      }
      const path = resolve(p);
      if (flags.split) {
        const st = await stat(path).catch(() => undefined);
        if (!st?.isDirectory()) throw new BulwarkError(ErrorCodes.USAGE, `--split needs a directory: ${p}`);
        for (const e of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
          a.name.localeCompare(b.name),
        )) {
          if (e.name.startsWith('.')) continue;
          const sub = join(path, e.name);
          const linkedDir = e.isSymbolicLink() && (await stat(sub).catch(() => undefined))?.isDirectory();
          if (e.isDirectory() || linkedDir) units.push({ source: e.name, path: sub });
        }
      } else {
        units.push({ source: flags.source ?? sourceNameOf(path), path });
      }
    }
    const { openStore } = await import('../../store/open-store.ts');
    const { importSource } = await import('../../vulndb/import/import-source.ts');
    const store = await openStore({ ...storeOptions(flags.db), signal });
    try {
      for (const u of units) {
        const progress = new Progress(flags.quiet);
        const started = Date.now();
        const summary = await importSource(store, u.source, u.path, {
          signal,
          onProgress: (p) =>
            progress.update(
              `Importing ${p.source}: ${p.files.toLocaleString('en')} files, ${formatBytes(p.bytes)}, ${p.advisories.toLocaleString('en')} records`,
            ),
        });
        progress.done();
        process.stdout.write(describeImport(summary, Date.now() - started));
      }
    } finally {
      await store.close();
    }
  });

  dbOption(
    db
      .command('update')
      .description('download every source from its upstream, then import what changed')
      .option('--config <file>', 'YAML list of sources and URLs replacing the defaults (see docs/vulndb.md)')
      .option('--only <sources>', 'comma-separated source names to update')
      .option('--cache-dir <dir>', 'where downloads are kept (default $BULWARK_HOME/feeds)')
      .option('-q, --quiet', 'no progress output'),
  ).action(async (flags: UpdateFlags) => {
    const { DEFAULT_UPSTREAMS, loadUpstreams } = await import('../../vulndb/update/upstreams.ts');
    const { downloadUpstream } = await import('../../vulndb/update/download-upstream.ts');
    const { importSource } = await import('../../vulndb/import/import-source.ts');
    const { openStore } = await import('../../store/open-store.ts');
    let upstreams = flags.config ? await loadUpstreams(flags.config) : [...DEFAULT_UPSTREAMS];
    if (flags.only) {
      const wanted = new Set(flags.only.split(',').map((s) => s.trim()));
      const unknown = [...wanted].filter((w) => !upstreams.some((u) => u.source === w));
      if (unknown.length > 0) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `--only: unknown source ${unknown.join(', ')}; known: ${upstreams.map((u) => u.source).join(', ')}`,
        );
      }
      upstreams = upstreams.filter((u) => wanted.has(u.source));
    }
    const cacheDir = resolve(flags.cacheDir ?? join(bulwarkHome(), 'feeds'));
    const store = await openStore({ ...storeOptions(flags.db), signal });
    const failed: string[] = [];
    try {
      for (const up of upstreams) {
        const progress = new Progress(flags.quiet);
        const started = Date.now();
        let dl: Awaited<ReturnType<typeof downloadUpstream>>;
        try {
          dl = await downloadUpstream(up, cacheDir, {
            signal,
            onProgress: (p) =>
              progress.update(
                `Downloading ${p.source}: ${formatBytes(p.bytes)}${p.total ? ` of ${formatBytes(p.total)}` : ''}`,
              ),
          });
        } catch (e) {
          progress.done();
          if (e instanceof BulwarkError && e.code === ErrorCodes.ABORTED) throw e;
          // One unreachable upstream must not cost the others their update; the old data stays.
          failed.push(up.source);
          process.stderr.write(
            `bulwark: ${e instanceof Error ? e.message : String(e)} (kept the previous data)\n`,
          );
          continue;
        }
        const summary = await importSource(store, up.source, dl.dir, {
          signal,
          origin: up.urls.length === 1 ? up.urls[0]! : `${up.urls[0]} (+${up.urls.length - 1})`,
          onProgress: (p) =>
            progress.update(`Importing ${p.source}: ${p.advisories.toLocaleString('en')} records`),
        });
        progress.done();
        process.stdout.write(describeImport(summary, Date.now() - started));
      }
    } finally {
      await store.close();
    }
    if (failed.length > 0) {
      throw new BulwarkError(
        ErrorCodes.REGISTRY_HTTP,
        `update failed for ${failed.join(', ')}; the rest is up to date`,
      );
    }
  });

  dbOption(
    db
      .command('status')
      .description('per source: records, newest modified date, when it was imported')
      .option('-f, --format <format>', 'table or json', 'table'),
  ).action(async (flags: DbFlags & { format: string }) => {
    if (flags.format !== 'table' && flags.format !== 'json') {
      throw new BulwarkError(ErrorCodes.USAGE, `Unknown format "${flags.format}": use table or json`);
    }
    const { openStore } = await import('../../store/open-store.ts');
    const store = await openStore({ ...storeOptions(flags.db), readonly: true, signal });
    try {
      const statuses = await store.sourceStatuses();
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ sources: statuses }, null, 2)}\n`);
        return;
      }
      if (statuses.length === 0) {
        process.stdout.write(
          'The advisory database is empty: run `bulwark db update` or `bulwark db import`.\n',
        );
        return;
      }
      const now = Date.now();
      const rows = statuses.map((s) => [
        s.source,
        s.kind,
        s.records.toLocaleString('en'),
        s.newestModified?.slice(0, 10) ?? '-',
        s.importedAt.replace('T', ' ').slice(0, 19),
        age(now - Date.parse(s.importedAt)),
      ]);
      process.stdout.write(textTable(['SOURCE', 'KIND', 'RECORDS', 'NEWEST', 'IMPORTED (UTC)', 'AGE'], rows));
    } finally {
      await store.close();
    }
  });
}

/** `db import https://…`: downloaded like an update source, then imported from the cache. */
async function downloadedUnit(url: string, flags: ImportFlags, signal: AbortSignal) {
  const { downloadUpstream, fileNameFor } = await import('../../vulndb/update/download-upstream.ts');

  const source = flags.source ?? sourceNameOf(fileNameFor(url));
  const dl = await downloadUpstream({ source, urls: [url] }, join(bulwarkHome(), 'feeds'), { signal });
  return [{ source, path: dl.dir }];
}

/** `…/osv-go` → `osv-go`; `known_exploited_vulnerabilities.json` → `known_exploited_vulnerabilities`. */
function sourceNameOf(path: string): string {
  const name = basename(path)
    .replace(/\.(zip|json|ya?ml|csv)$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return name === '' ? 'feed' : name;
}

function describeImport(s: ImportSummary, ms: number): string {
  const n = (v: number) => v.toLocaleString('en');
  const lines = [
    `${s.source}: ${n(s.records)} ${s.kind === 'advisories' ? 'advisories' : `${s.kind} rows`} ` +
      `(${n(s.written)} written, ${n(s.unchanged)} unchanged, ${n(s.deleted)} deleted, ${n(s.skipped)} skipped; ` +
      `${n(s.files)} files, ${n(s.unchangedFiles)} unchanged, ${n(s.ignoredFiles)} not feed files) in ${(ms / 1000).toFixed(1)} s`,
  ];
  for (const e of s.skippedExamples) lines.push(`  skipped ${e.path}: ${e.reason}`);
  if (s.skipped > s.skippedExamples.length)
    lines.push(`  … and ${n(s.skipped - s.skippedExamples.length)} more`);
  return `${lines.join('\n')}\n`;
}

function age(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 1) return `${Math.max(0, Math.round(ms / 60_000))} min`;
  if (h < 48) return `${Math.round(h)} h`;
  return `${Math.round(h / 24)} d`;
}
