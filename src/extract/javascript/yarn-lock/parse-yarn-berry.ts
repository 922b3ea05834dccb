import { parseDocument } from 'yaml';
import { isRecord } from '../../../core/is-record.ts';

import { splitNameVersion } from '../split-name-version.ts';
import { splitSpecs, type YarnEntry, yarnPackageName } from './yarn-entry.ts';

/**
 * A Berry (yarn ≥ 2) yarn.lock → its blocks. It is YAML with a `__metadata` block; each other key
 * lists descriptors (`"ajv@npm:^6.10.2, ajv@npm:^6.5.5"`). The name comes from `resolution`
 * (`name@npm:1.2.3`), which also tells workspaces (`@workspace:`) apart. Throws on invalid YAML;
 * aliases are refused (a lockfile never needs them, and they are how YAML bombs work).
 */
export function parseYarnBerry(text: string): { entries: YarnEntry[]; warnings: string[] } {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`invalid yarn.lock (Berry YAML): ${doc.errors[0]!.message}`);
  const json: unknown = doc.toJS({ maxAliasCount: 0 });
  if (!isRecord(json)) throw new Error('invalid yarn.lock (Berry YAML): the top level is not a mapping');
  const entries: YarnEntry[] = [];
  const warnings: string[] = [];
  let index = 0;
  for (const [key, value] of Object.entries(json)) {
    index++;
    if (key === '__metadata' || !isRecord(value)) continue;
    const resolution = typeof value.resolution === 'string' ? value.resolution : undefined;
    const version = value.version === undefined ? undefined : String(value.version);
    const name = (resolution ? splitNameVersion(resolution)?.name : undefined) ?? yarnPackageName(key);
    if (!version || !name) {
      warnings.push(`entry ${index} "${key}" has no ${version ? 'name' : 'version'}; skipped`);
      continue;
    }
    const deps = ['dependencies', 'optionalDependencies'].flatMap((f) =>
      isRecord(value[f])
        ? Object.entries(value[f] as Record<string, unknown>).map(([n, r]) => [n, String(r)] as const)
        : [],
    );
    entries.push({
      specs: splitSpecs(key),
      name,
      version,
      ...(resolution ? { resolution } : {}),
      ...(typeof value.checksum === 'string' ? { checksum: value.checksum } : {}),
      deps,
      workspace: /@workspace:/.test(resolution ?? key),
      line: index,
    });
  }
  return { entries, warnings };
}
