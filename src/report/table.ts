import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import type { EncodeOptions } from './encoder.ts';
import { sortPackages } from './sort-packages.ts';

/** Widest a column grows to; a longer cell overflows its own row rather than widening every row. */
const MAX_WIDTH = { name: 40, version: 32, type: 10, source: 36 } as const;
/** Errors listed in full; the rest are counted. */
const MAX_ERRORS = 20;

/** Scanned text may hold terminal escapes; show control characters instead of sending them. */
function safe(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

function sourceCell(p: Package): string {
  if (!p.source) return '';
  const v = p.source.version;
  return v && v !== p.version ? `${p.source.name} ${v}` : p.source.name;
}

function layerCell(p: Package): string {
  const layer = p.locations.find((l) => l.layer)?.layer;
  if (!layer) return '';
  const short = layer.diffId?.replace(/^[a-z0-9]+:/, '').slice(0, 12);
  return short ? `${layer.index} ${short}` : String(layer.index);
}

function header(result: ScanResult): string[] {
  const { image, os, target } = result;
  const rows: [string, string][] = [['Target', `${target.name} (${target.kind})`]];
  if (image) {
    if (image.manifestDigest) rows.push(['Digest', image.manifestDigest]);
    rows.push(['Image ID', image.configDigest]);
    const { os: pOs, architecture, variant } = image.platform;
    rows.push(['Platform', [pOs, architecture, variant].filter(Boolean).join('/')]);
  }
  if (os) {
    const name = os.prettyName ?? [os.id, os.versionId].filter(Boolean).join(' ');
    rows.push(['OS', os.distroless ? `${name} (distroless)` : name]);
  }
  rows.push(['Packages', String(result.packages.length)]);
  if (result.errors.length) rows.push(['Errors', String(result.errors.length)]);
  return rows.map(([k, v]) => `${`${k}:`.padEnd(10)}${safe(v)}`);
}

function errorLines(result: ScanResult): string[] {
  if (!result.errors.length) return [];
  const lines = ['', 'Errors:'];
  for (const e of result.errors.slice(0, MAX_ERRORS)) {
    const where = e.layer === undefined ? e.path : `${e.path} (layer ${e.layer})`;
    lines.push(`  ${safe(e.stage)}  ${safe(where)}: ${safe(e.message)}`);
  }
  if (result.errors.length > MAX_ERRORS) lines.push(`  … and ${result.errors.length - MAX_ERRORS} more`);
  return lines;
}

function packageLines(packages: readonly Package[]): string[] {
  if (packages.length === 0) return ['No packages found.'];
  const columns: { title: string; max: number; cell: (p: Package) => string }[] = [
    { title: 'NAME', max: MAX_WIDTH.name, cell: (p) => p.name },
    { title: 'VERSION', max: MAX_WIDTH.version, cell: (p) => p.version },
    { title: 'TYPE', max: MAX_WIDTH.type, cell: (p) => p.type },
  ];
  if (packages.some((p) => p.source))
    columns.push({ title: 'SOURCE', max: MAX_WIDTH.source, cell: sourceCell });
  if (packages.some((p) => p.locations.some((l) => l.layer))) {
    columns.push({ title: 'LAYER', max: Number.POSITIVE_INFINITY, cell: layerCell });
  }
  const rows = [columns.map((c) => c.title), ...packages.map((p) => columns.map((c) => safe(c.cell(p))))];
  const widths = columns.map((c, i) =>
    Math.min(
      c.max,
      rows.reduce((w, r) => Math.max(w, r[i]!.length), 0),
    ),
  );
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((sum, w) => sum + w + 2, 0));
  return rows.map((row) => {
    // An overlong cell pushes the rest of its own row right; the next row is aligned again.
    let line = '';
    row.forEach((cell, i) => {
      if (i > 0) line = line.padEnd(Math.max(starts[i]!, line.length + 2));
      line += cell;
    });
    return line.trimEnd();
  });
}

/**
 * `--format table`: a header (target, digests, platform, OS, counts), then one row per package
 * sorted by name, in aligned columns NAME VERSION TYPE, plus SOURCE and LAYER (index and short
 * diff id) when any package has them; then the file errors, if any. Plain text, no colour.
 */
export function encodeTable(result: ScanResult, _opts?: EncodeOptions): string {
  const lines = [
    ...header(result),
    '',
    ...packageLines(sortPackages(result.packages)),
    ...errorLines(result),
  ];
  return `${lines.join('\n')}\n`;
}
