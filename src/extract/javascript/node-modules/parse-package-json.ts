import { isRecord } from '../../../core/is-record.ts';

/** What an installed package's package.json says about it. */
export interface PackageJson {
  readonly name: string;
  readonly version: string;
  /** As declared: `license` (a string or the old `{type}` object) or the legacy `licenses` array. */
  readonly licenses: string[];
  /** author, authors, contributors and maintainers, each `Name <email> (url)`, in that order. */
  readonly author?: string;
  readonly description?: string;
  readonly homepage?: string;
  readonly repository?: string;
  readonly private?: boolean;
  /** dependencies and optionalDependencies: name → range, as declared. */
  readonly dependencies: Record<string, string>;
}

/**
 * package.json text → the fields that identify an installed package. Undefined when it has no
 * name or version (nested package.json files that only set `"type": "module"`). Throws on
 * invalid JSON.
 */
export function parsePackageJson(text: string): PackageJson | undefined {
  let json: unknown;
  try {
    // A BOM is common in Windows-published packages and JSON.parse refuses it.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`invalid package.json: ${(e as Error).message}`);
  }
  if (!isRecord(json)) throw new Error('invalid package.json: the top level is not an object');
  const { name, version } = json;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '')
    return undefined;
  const author = people(json);
  const repository = isRecord(json.repository) ? json.repository.url : json.repository;
  const dependencies: Record<string, string> = {};
  for (const f of ['optionalDependencies', 'dependencies'] as const) {
    const deps = json[f];
    if (isRecord(deps))
      for (const [k, v] of Object.entries(deps)) if (typeof v === 'string') dependencies[k] = v;
  }
  return {
    name,
    version,
    licenses: licenses(json),
    ...(author ? { author } : {}),
    ...(typeof json.description === 'string' && json.description ? { description: json.description } : {}),
    ...(typeof json.homepage === 'string' && json.homepage ? { homepage: json.homepage } : {}),
    ...(typeof repository === 'string' && repository ? { repository } : {}),
    ...(json.private === true ? { private: true } : {}),
    dependencies,
  };
}

function licenses(json: Record<string, unknown>): string[] {
  const one = (l: unknown): string[] =>
    typeof l === 'string' ? [l] : isRecord(l) && typeof l.type === 'string' ? [l.type] : [];
  const fromLicense = Array.isArray(json.license) ? json.license.flatMap(one) : one(json.license);
  if (fromLicense.length > 0) return fromLicense.map((l) => l.trim()).filter((l) => l !== '');
  return (Array.isArray(json.licenses) ? json.licenses.flatMap(one) : one(json.licenses))
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** A person field: `"Name <email> (url)"` already, or `{name, email, url}`. */
function person(p: unknown): string | undefined {
  if (typeof p === 'string') return p.trim() || undefined;
  if (!isRecord(p) || typeof p.name !== 'string' || !p.name) return undefined;
  return [
    p.name,
    typeof p.email === 'string' && p.email ? `<${p.email}>` : '',
    typeof p.url === 'string' && p.url ? `(${p.url})` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function people(json: Record<string, unknown>): string | undefined {
  const out: string[] = [];
  for (const field of ['author', 'authors', 'contributors', 'maintainers']) {
    const v = json[field];
    for (const p of Array.isArray(v) ? v : [v]) {
      const s = person(p);
      if (s && !out.includes(s)) out.push(s);
    }
  }
  return out.length > 0 ? out.join(', ') : undefined;
}
