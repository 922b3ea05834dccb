/** A PEP 508 requirement as Requires-Dist writes it: `name[extras] (>=1) ; marker`. */
export interface Requirement {
  readonly name: string;
  readonly extras: string[];
  readonly specifier: string;
  readonly marker?: string;
}

const NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s;

/** undefined when the line does not start with a project name. */
export function parseRequirement(line: string): Requirement | undefined {
  const semi = line.indexOf(';');
  const head = semi < 0 ? line : line.slice(0, semi);
  const marker = semi < 0 ? '' : line.slice(semi + 1).trim();
  const m = NAME.exec(head);
  if (!m) return undefined;
  const extras = (m[2] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const specifier = m[3]!
    .trim()
    .replace(/^\((.*)\)$/, '$1')
    .trim();
  return { name: m[1]!, extras, specifier, ...(marker ? { marker } : {}) };
}

/**
 * True when the marker makes the requirement depend on an extra (`extra == "socks"`): such a
 * requirement is installed only when someone asked for that extra, which the installed metadata
 * does not record, so it makes no dependency edge.
 */
export function needsExtra(r: Requirement): boolean {
  return r.marker !== undefined && /\bextra\s*===?\s*["']/.test(r.marker);
}
