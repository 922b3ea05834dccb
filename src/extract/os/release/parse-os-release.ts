/**
 * Parses os-release(5) text (also used for lsb-release, which has the same syntax) into its
 * variables. Follows the format: one `KEY=value` per line, `#` comments, values optionally in
 * single quotes (literal) or double quotes (backslash escapes `\\ \" \$ \``), backslash escapes
 * outside quotes. Unparseable lines are skipped, as systemd does; NUL bytes and other control
 * characters are dropped from values. Later assignments win.
 */
export function parseOsRelease(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const value = unquote(m[2]!);
    if (value !== undefined) vars.set(m[1]!, value.replace(/[\u0000-\u001f\u007f]/g, ''));
  }
  return vars;
}

/** The shell-quoted value, or undefined when a quote is left open. */
function unquote(raw: string): string | undefined {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < raw.length && '\\"$`'.includes(raw[i + 1]!)) out += raw[++i];
      else out += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '\\' && i + 1 < raw.length) {
      out += raw[++i];
    } else {
      out += c;
    }
  }
  return quote === undefined ? out.trim() : undefined;
}
