import { nameFromTarballUrl, splitSpecs, type YarnEntry, yarnPackageName } from './yarn-entry.ts';

/**
 * A classic (v1) yarn.lock → its blocks. The format is yarn's own: unindented key lines listing
 * descriptors, two-space `field value` lines, and four-space `name range` lines under
 * `dependencies:`/`optionalDependencies:`. Values are bare or double-quoted (JSON escapes).
 * Unparseable lines become warnings; blocks without a version are skipped with one.
 */
export function parseYarnClassic(text: string): { entries: YarnEntry[]; warnings: string[] } {
  const entries: YarnEntry[] = [];
  const warnings: string[] = [];
  let cur:
    | { specs: string[]; line: number; fields: Map<string, string>; deps: [string, string][] }
    | undefined;
  let section: string | undefined;
  const flush = () => {
    if (!cur) return;
    const version = cur.fields.get('version');
    const resolved = cur.fields.get('resolved');
    const name = nameFromTarballUrl(resolved) ?? yarnPackageName(cur.specs.join(', '));
    if (!version || !name) {
      warnings.push(
        `line ${cur.line}: "${cur.specs.join(', ')}" has no ${version ? 'name' : 'version'}; skipped`,
      );
    } else {
      const integrity = cur.fields.get('integrity');
      entries.push({
        specs: cur.specs,
        name,
        version,
        ...(resolved ? { resolved } : {}),
        ...(integrity ? { integrity } : {}),
        deps: cur.deps,
        workspace: false,
        line: cur.line,
      });
    }
    cur = undefined;
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (indent === 0) {
      flush();
      if (!body.endsWith(':')) {
        warnings.push(`line ${i + 1}: expected a package key ending in ":"`);
        continue;
      }
      cur = { specs: splitSpecs(body.slice(0, -1)), line: i + 1, fields: new Map(), deps: [] };
      section = undefined;
      continue;
    }
    if (!cur) continue;
    const tokens = tokenize(body);
    if (!tokens) {
      warnings.push(`line ${i + 1}: unbalanced quotes`);
      continue;
    }
    const [key, value] = tokens;
    if (key === undefined) continue;
    if (indent <= 2) {
      section = key.endsWith(':') && value === undefined ? key.slice(0, -1) : undefined;
      if (value !== undefined) cur.fields.set(key.replace(/:$/, ''), value);
    } else if (section === 'dependencies' || section === 'optionalDependencies') {
      if (value !== undefined) cur.deps.push([key.replace(/:$/, ''), value]);
    }
  }
  flush();
  return { entries, warnings };
}

/** `key "value"` / `key value` / `"key": value` → [key, value]; undefined on an unterminated quote. */
function tokenize(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return undefined;
      let token: string;
      try {
        token = JSON.parse(line.slice(i, j + 1)) as string;
      } catch {
        return undefined;
      }
      // `"key":` keeps its colon so a section header stays recognisable.
      if (line[j + 1] === ':') {
        token += ':';
        j++;
      }
      out.push(token);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < line.length && line[j] !== ' ') j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}
