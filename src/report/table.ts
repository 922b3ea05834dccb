import type { Package } from '../core/package.ts';
import type { ScanResult } from '../core/scan-result.ts';
import type { EncodeOptions } from './encoder.ts';
import { findingLines } from './findings-table.ts';
import { misconfigurationLines } from './misconfiguration-table.ts';
import { sortPackages } from './sort-packages.ts';
import { renderColumns, safe, type TextColumn } from './text-columns.ts';

/** Widest a column grows to; a longer cell overflows its own row rather than widening every row. */
const MAX_WIDTH = { name: 40, version: 32, type: 10, source: 36 } as const;
/** Errors listed in full; the rest are counted. */
const MAX_ERRORS = 20;

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
  // A `bulwark config` run reads no packages: a count of 0 would suggest it looked for some.
  if (target.kind !== 'config') rows.push(['Packages', String(result.packages.length)]);
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
  const columns: TextColumn<Package>[] = [
    { title: 'NAME', max: MAX_WIDTH.name, cell: (p) => p.name },
    { title: 'VERSION', max: MAX_WIDTH.version, cell: (p) => p.version },
    { title: 'TYPE', max: MAX_WIDTH.type, cell: (p) => p.type },
  ];
  if (packages.some((p) => p.source))
    columns.push({ title: 'SOURCE', max: MAX_WIDTH.source, cell: sourceCell });
  if (packages.some((p) => p.locations.some((l) => l.layer))) {
    columns.push({ title: 'LAYER', max: Number.POSITIVE_INFINITY, cell: layerCell });
  }
  return renderColumns(columns, packages);
}

/**
 * `--format table`: a header (target, digests, platform, OS, counts), then one row per package
 * sorted by name, in aligned columns NAME VERSION TYPE, plus SOURCE and LAYER (index and short
 * diff id) when any package has them; then the file errors, if any.
 *
 * A matched scan (one with `vulnerabilities`) lists findings instead of packages, as Trivy does:
 * one table per package class with PACKAGE VULNERABILITY SEVERITY STATUS INSTALLED FIXED, KEV and
 * EPSS when any finding has them, and TITLE; then `Total: N (CRITICAL: a, …)`, the suppressed
 * count and the packages that could not be compared. The package list stays available from the
 * same scan as `--format json` or an SBOM format, and from `bulwark sbom`.
 *
 * Configuration findings (`misconfigurations`) follow in one table per file (see
 * misconfigurationLines) with their own summary line. A `config` target (`bulwark config`) has no
 * packages: no package count and no package list, only the configuration findings.
 *
 * Plain text; severities are coloured with ANSI codes only when `opts.color` is true.
 */
export function encodeTable(result: ScanResult, opts: EncodeOptions = {}): string {
  const color = opts.color === true;
  const config = result.misconfigurations;
  const body =
    result.target.kind === 'config'
      ? misconfigurationLines(config ?? [], color)
      : [
          ...(result.vulnerabilities
            ? findingLines(result, color)
            : packageLines(sortPackages(result.packages))),
          ...(config ? ['', ...misconfigurationLines(config, color)] : []),
        ];
  const lines = [...header(result), '', ...body, ...errorLines(result)];
  return `${lines.join('\n')}\n`;
}
