import type { PackageHash } from '../../../core/package.ts';
import { parseHashSpec } from '../pypi-package.ts';

/** One pinned line of a pip requirements file. */
export interface PinnedRequirement {
  /** As written (the package name is its PEP 503 normalisation). */
  readonly name: string;
  readonly version: string;
  /** The specifier as written (`== 1.0.0`, `===1.26.20`). */
  readonly constraint: string;
  readonly extras: string[];
  readonly marker?: string;
  readonly url?: string;
  readonly hashes: PackageHash[];
  /** 1-based line where the requirement starts. */
  readonly line: number;
}

export interface ParsedRequirements {
  readonly pins: PinnedRequirement[];
  /** Lines pip would read that name a package without a pin (`requests>=2`), and -r/-c includes. */
  readonly unpinned: { readonly line: number; readonly text: string }[];
  readonly includes: string[];
}

const REQ = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/s;
/** `==` / `===` and one exact version (no wildcard): the only specifiers that pin. */
const PIN = /^(===?)\s*([^\s,;*@]+)$/;

/**
 * pip's requirements format: `\` joins lines, `#` after whitespace starts a comment, options
 * (`-r`, `-c`, `-e`, `--index-url`…) are not packages. Only exact pins (`==`, `===`) make
 * packages; ranges and wildcards (`== 2.*`) cannot be matched to a version and are listed in
 * `unpinned`. Included files (`-r other.txt`) are not followed: each file is extracted on its
 * own when the walk meets it, and following would read outside the file's own bytes.
 */
export function parseRequirements(text: string): ParsedRequirements {
  const pins: PinnedRequirement[] = [];
  const unpinned: { line: number; text: string }[] = [];
  const includes: string[] = [];
  for (const { line, text: raw } of logicalLines(text)) {
    const clean = raw.replace(/(^|\s)#.*$/, '').trim();
    if (clean === '') continue;
    if (clean.startsWith('-')) {
      const inc = /^(?:-r|--requirements?|-c|--constraints?)(?:\s+|=)(\S+)/.exec(clean);
      if (inc) includes.push(inc[1]!);
      continue;
    }
    // Per-requirement options (`--hash=…`) come after the requirement and its marker.
    const optAt = clean.search(/\s--?[a-z]/);
    const req = optAt < 0 ? clean : clean.slice(0, optAt).trim();
    const options = optAt < 0 ? '' : clean.slice(optAt);
    const hashes = [...options.matchAll(/--hash[=\s]+(\S+)/g)].flatMap((m) => {
      const h = parseHashSpec(m[1]!);
      return h ? [h] : [];
    });
    const semi = req.indexOf(';');
    const head = (semi < 0 ? req : req.slice(0, semi)).trim();
    const marker = semi < 0 ? '' : req.slice(semi + 1).trim();
    const m = REQ.exec(head);
    if (!m) continue; // a URL, a path, or `==2.3.4` with no name
    let spec = m[3]!.trim();
    let url: string | undefined;
    // `name == 1.0 @ git+https://…` (seen in the wild) and PEP 508 `name @ url`.
    const at = spec.search(/(^|\s)@\s/);
    if (at >= 0) {
      url = spec.slice(at).replace(/^\s*@\s*/, '');
      spec = spec.slice(0, at).trim();
    }
    const pin = PIN.exec(spec);
    if (!pin) {
      unpinned.push({ line, text: head });
      continue;
    }
    const extras = (m[2] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    pins.push({
      name: m[1]!,
      version: pin[2]!,
      constraint: spec,
      extras,
      ...(marker ? { marker } : {}),
      ...(url ? { url } : {}),
      hashes,
      line,
    });
  }
  return { pins, unpinned, includes };
}

/** Physical lines joined at a trailing backslash, with the line each starts on. */
function logicalLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let current: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((physical, i) => {
    const cont = /\\\s*$/.test(physical);
    const body = cont ? physical.replace(/\\\s*$/, ' ') : physical;
    if (current) current.text += body;
    else current = { line: i + 1, text: body };
    if (!cont) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}
