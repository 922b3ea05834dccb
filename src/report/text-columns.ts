/** One column of a plain-text table. */
export interface TextColumn<T> {
  readonly title: string;
  /** Widest the column grows to; a longer cell overflows its own row rather than widening every row. */
  readonly max: number;
  readonly cell: (row: T) => string;
  /** ANSI SGR parameters (`1;31`) for the cell, applied only when colour is on. */
  readonly style?: (row: T) => string | undefined;
}

/** Scanned text may hold terminal escapes; show control characters instead of sending them. */
export function safe(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/** `text` in the given SGR style, or unchanged when there is no style. */
export function paint(text: string, style: string | undefined): string {
  return style && text ? `\u001b[${style}m${text}\u001b[0m` : text;
}

/**
 * Lays `items` out in aligned columns under a title row, two spaces apart, trailing spaces cut.
 * Cells are passed through safe(); styles are applied after padding, so colour never shifts a
 * column.
 */
export function renderColumns<T>(
  columns: readonly TextColumn<T>[],
  items: readonly T[],
  color = false,
): string[] {
  const rows = [
    columns.map((c) => ({ text: c.title, style: undefined as string | undefined })),
    ...items.map((item) =>
      columns.map((c) => ({ text: safe(c.cell(item)), style: color ? c.style?.(item) : undefined })),
    ),
  ];
  const widths = columns.map((c, i) =>
    Math.min(
      c.max,
      rows.reduce((w, r) => Math.max(w, r[i]!.text.length), 0),
    ),
  );
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((sum, w) => sum + w + 2, 0));
  return rows.map((row) => {
    // An overlong cell pushes the rest of its own row right; the next row is aligned again.
    let line = '';
    let visible = 0;
    row.forEach((cell, i) => {
      if (i > 0) {
        const pad = Math.max(starts[i]!, visible + 2) - visible;
        line += ' '.repeat(pad);
        visible += pad;
      }
      line += paint(cell.text, cell.style);
      visible += cell.text.length;
    });
    return line.trimEnd();
  });
}
