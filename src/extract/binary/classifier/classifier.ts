import { PackageURL } from 'packageurl-js';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import type { FileStat } from '../../../core/readonly-fs.ts';
import type { Extractor } from '../../extractor.ts';
import { binarySha256 } from '../binary-sha256.ts';
import type { ClassifierSpec } from './classifier-spec.ts';
import { CLASSIFIERS } from './classifiers.ts';
import { goProgramVersion } from './go-program-version.ts';
import { BinaryText, matchPatterns, withVersion } from './match-content.ts';

export const CLASSIFIER_EXTRACTOR = 'binary/classifier';

/** `libpython*.so*` → /^libpython[^/]*\.so[^/]*$/ (base names only). */
function globRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

interface Compiled {
  readonly spec: ClassifierSpec;
  readonly names: readonly RegExp[];
}

/**
 * Identifies well-known programs and libraries from their bytes (Syft's binary classifier idea):
 * a table of file-name globs and version patterns (classifiers.ts). One package per matching
 * classifier, with the file's SHA-256, CPEs and the evidence in metadata. fileRequired looks at
 * the base name only, so only candidate files are read; patterns are anchored on literals, so a
 * 100 MiB binary costs a few fast byte searches.
 */
export function createClassifierExtractor(specs: readonly ClassifierSpec[] = CLASSIFIERS): Extractor {
  const compiled: Compiled[] = specs.map((spec) => ({ spec, names: spec.fileNames.map(globRegExp) }));
  const candidates = (path: string) => {
    const base = path.slice(path.lastIndexOf('/') + 1);
    return compiled.filter((c) => c.names.some((n) => n.test(base)));
  };
  return {
    name: CLASSIFIER_EXTRACTOR,
    version: 1,
    maxFileSize: 512 * 1024 * 1024,
    selfContained: true,
    fileRequired(path: string, stat: FileStat) {
      return stat.type === 'file' && stat.size > 0 && candidates(path).length > 0;
    },
    async extract(input): Promise<Inventory> {
      throwIfAborted(input.signal);
      const base = input.path.slice(input.path.lastIndexOf('/') + 1);
      const matching = candidates(input.path);
      if (matching.length === 0) return { packages: [] };
      const bytes = await input.read();
      const text = new BinaryText(bytes);
      const location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
      const packages: Package[] = [];
      const groupsDone = new Set<string>();
      let hash: ReturnType<typeof binarySha256> | undefined;
      for (const { spec } of matching) {
        throwIfAborted(input.signal);
        if (spec.group && groupsDone.has(spec.group)) continue;
        const found = classify(spec, base, text);
        if (!found) continue;
        if (spec.group) groupsDone.add(spec.group);
        hash ??= binarySha256(bytes);
        const purl = PackageURL.fromString(
          spec.purl.replace('{{version}}', encodeURIComponent(found.version)),
        );
        const id = `binary:${spec.package}@${found.version}`;
        if (packages.some((p) => p.id === id)) continue;
        const golang = purl.type === 'golang';
        packages.push({
          id,
          name: spec.package,
          version: found.version,
          type: purl.type,
          ...(golang ? { ecosystem: 'Go' } : {}),
          purl: purl.toString(),
          licenses: [],
          locations: [location],
          hashes: [hash],
          foundBy: CLASSIFIER_EXTRACTOR,
          metadata: {
            class: spec.class,
            cpes: spec.cpes.map((c) => fillCpe(c, found.version)),
            evidence: found.evidence,
          },
        });
      }
      return { packages };
    },
  };
}

/** The default classifier set. */
export const classifierExtractor: Extractor = createClassifierExtractor();

function classify(
  spec: ClassifierSpec,
  base: string,
  text: BinaryText,
): { version: string; evidence: Record<string, unknown> } | undefined {
  const e = spec.evidence;
  if (e.kind === 'go-program') {
    const v = goProgramVersion(text);
    return (
      v && {
        version: v.version,
        evidence: { source: v.source, ...(v.raw !== v.version ? { raw: v.raw } : {}) },
      }
    );
  }
  let patterns = e.patterns;
  if (e.kind === 'file-name-version') {
    const nameVersion = e.fileNameVersion.exec(base)?.groups?.version;
    if (nameVersion === undefined) return undefined;
    patterns = patterns.map((p) => withVersion(p, nameVersion));
  }
  const m = matchPatterns(text, patterns);
  return m && { version: m.version, evidence: { pattern: m.pattern } };
}

/** Puts the version into a CPE 2.3 template's version slot (escaping what CPE requires). */
function fillCpe(template: string, version: string): string {
  const parts = template.split(':');
  // CPEs carry the release as NVD writes it: no Go-module `v`.
  parts[5] = version.replace(/^v(?=\d)/, '').replace(/([^A-Za-z0-9._-])/g, '\\$1');
  return parts.join(':');
}
