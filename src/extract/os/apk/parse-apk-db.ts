/** One installed package of apk's database (lib/apk/db/installed). */
export interface ApkRecord {
  readonly name: string;
  /** As written; empty when the record has none (kept and reported). */
  readonly version: string;
  readonly arch?: string;
  readonly license?: string;
  /** `o:` origin: the aport (source package) it was built from. */
  readonly origin?: string;
  readonly maintainer?: string;
  /** `D:` dependencies as written (`so:libc.musl-x86_64.so.1`, `busybox=1.36.1-r15`, `!conflict`). */
  readonly depends: readonly string[];
  /** `p:` provides as written (`cmd:bash=5.2.21-r0`, `/bin/sh`). */
  readonly provides: readonly string[];
  /** Files (`F:` folder + `R:` name), without folders. */
  readonly files: readonly string[];
  readonly commit?: string;
  /** `t:` build time, seconds since the epoch. */
  readonly buildTime?: number;
  readonly checksum?: string;
  readonly size?: number;
  readonly installedSize?: number;
  readonly description?: string;
  readonly url?: string;
  readonly line: number;
}

export interface ParsedApkDb {
  readonly records: ApkRecord[];
  readonly warnings: string[];
}

/**
 * Parses apk's installed database: records separated by blank lines, one `X:value` per line
 * (single-letter keys; F/R/a/M/Z repeat, once per folder or file). A record with a line that is
 * not `X:value`, or without `P:`, is skipped with a warning; the others are kept. Never throws.
 */
export function parseApkDb(text: string): ParsedApkDb {
  const records: ApkRecord[] = [];
  const warnings: string[] = [];
  let lines: [string, string][] = [];
  let start = 0;
  let bad: string | undefined;

  const flush = () => {
    if (bad !== undefined) warnings.push(`record at line ${start} skipped: ${bad}`);
    else if (lines.length > 0) {
      const r = toRecord(lines, start);
      if (typeof r === 'string') warnings.push(r);
      else {
        if (r.version === '') warnings.push(`package ${r.name} (line ${start}) has no version (V:)`);
        records.push(r);
      }
    }
    lines = [];
    start = 0;
    bad = undefined;
  };

  const all = text.split(/\r?\n/);
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!;
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (start === 0) start = i + 1;
    if (bad !== undefined) continue;
    const m = /^([A-Za-z]):(.*)$/.exec(line);
    if (m) lines.push([m[1]!, m[2]!]);
    else bad = `line ${i + 1}: expected 'X:value', found '${clip(line)}'`;
  }
  flush();
  return { records, warnings };
}

function toRecord(lines: readonly [string, string][], line: number): ApkRecord | string {
  const one = new Map<string, string>();
  const files: string[] = [];
  let dir = '';
  for (const [key, value] of lines) {
    if (key === 'F') dir = value.replace(/^\/+|\/+$/g, '');
    else if (key === 'R') files.push(dir ? `${dir}/${value}` : value);
    else if (!one.has(key)) one.set(key, value);
  }
  const name = one.get('P')?.trim();
  if (!name) return `record at line ${line} skipped: it has no package name (P:)`;
  const words = (key: string) => (one.get(key) ?? '').split(/\s+/).filter(Boolean);
  const int = (key: string) => {
    const n = Number.parseInt(one.get(key) ?? '', 10);
    return Number.isFinite(n) ? n : undefined;
  };
  const text = (key: string) => one.get(key)?.trim() || undefined;
  const fields = {
    arch: text('A'),
    license: text('L'),
    origin: text('o'),
    maintainer: text('m'),
    commit: text('c'),
    buildTime: int('t'),
    checksum: text('C'),
    size: int('S'),
    installedSize: int('I'),
    description: text('T'),
    url: text('U'),
  };
  return {
    name,
    version: one.get('V')?.trim() ?? '',
    depends: words('D'),
    provides: words('p'),
    files,
    line,
    ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<
      typeof fields
    >),
  } as ApkRecord;
}

function clip(line: string): string {
  const printable = line.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return printable.length > 60 ? `${printable.slice(0, 57)}...` : printable;
}
