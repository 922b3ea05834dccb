import { throwIfAborted } from '../../core/errors.ts';
import type { FileError } from '../../core/inventory.ts';
import type { OsInfo } from '../../core/os-info.ts';
import type { Package } from '../../core/package.ts';
import type { Relationship, ScanResult } from '../../core/scan-result.ts';
import { TOOL_VERSION } from '../../core/tool-version.ts';
import { distroOs } from './distro-os.ts';
import { parsePurl, qualifier } from './parse-purl.ts';
import type { SbomDocument, SbomElement } from './sbom-document.ts';
import { sbomImage } from './sbom-image.ts';
import { sbomOs } from './sbom-os.ts';
import { sbomPackage } from './sbom-package.ts';
import { property } from './sbom-properties.ts';

/** At most this many per-element problems are listed; one more entry counts the rest. */
const MAX_WARNINGS = 100;

/**
 * The distribution most OS packages name in their purl `distro` qualifier (with a release), for
 * SBOMs with no operating-system element (Syft's SPDX has none).
 */
function osFromPurls(elements: readonly SbomElement[]): OsInfo | undefined {
  const counts = new Map<string, { os: OsInfo; n: number }>();
  for (const el of elements) {
    const purl = parsePurl(el.purl);
    if (!purl || !['deb', 'apk', 'rpm'].includes(purl.type)) continue;
    const os = distroOs(qualifier(purl, 'distro'), purl.namespace);
    if (!os?.versionId) continue;
    const key = `${os.id}\n${os.versionId}`;
    const entry = counts.get(key) ?? { os, n: 0 };
    entry.n++;
    counts.set(key, entry);
  }
  let best: { os: OsInfo; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.os;
}

/**
 * Package ids: our `bulwark:package:id` when the element has one (so a Bulwark SBOM gives back
 * the scan's ids), else the element's ref; made unique with `-2`, `-3`… suffixes.
 */
function allocateIds(elements: readonly SbomElement[]): Map<string, string> {
  const taken = new Set<string>();
  const idOf = new Map<string, string>();
  for (const el of elements) {
    let id = property(el.properties, 'bulwark:package:id') ?? el.ref;
    if (taken.has(id)) id = el.ref;
    for (let n = 2; taken.has(id); n++) id = `${el.ref}-${n}`;
    taken.add(id);
    idOf.set(el.ref, id);
  }
  return idOf;
}

/**
 * Turns a decoded SBOM into the ScanResult every later stage uses (target kind `sbom`, named by
 * `path`). The OS comes from the SBOM's operating-system element, else from the packages' purl
 * `distro` qualifiers; the image from a container subject. Edges to or from elements that are not
 * packages (the subject, the OS) are dropped. Per-element problems become `errors` entries.
 */
export function sbomScanResult(doc: SbomDocument, path: string, signal?: AbortSignal): ScanResult {
  const stage = `sbom/${doc.format}`;
  const errors: FileError[] = [];
  let dropped = 0;
  const warn = (message: string) => {
    if (errors.length < MAX_WARNINGS) errors.push({ path, stage, message });
    else dropped++;
  };
  for (const w of doc.warnings) warn(w);

  const image = doc.subject?.container ? sbomImage(doc.subject.element) : undefined;
  const os = doc.os ? sbomOs(doc.os, path) : osFromPurls(doc.packages);
  // Trivy lists each scanned target (`usr/local/bin/app`, `alpine`) as a component without a purl
  // whose Class says what it holds: a grouping, not a package.
  const elements = doc.packages.filter(
    (el) => el.purl || !property(el.properties, 'aquasecurity:trivy:Class', 'Class'),
  );
  const idOf = allocateIds(elements);
  const ctx = { os, layers: image?.layers ?? [], foundBy: stage };

  const deps = new Map<string, Set<string>>();
  for (const ref of doc.dependenciesKnown) if (idOf.has(ref)) deps.set(ref, new Set());
  const relationships: Relationship[] = [];
  const contains = new Set<string>();
  for (const e of doc.edges) {
    const from = idOf.get(e.from);
    const to = idOf.get(e.to);
    if (from === undefined || to === undefined || from === to) continue;
    if (e.type === 'depends-on') {
      const set = deps.get(e.from) ?? new Set<string>();
      set.add(to);
      deps.set(e.from, set);
    } else if (!contains.has(`${from}\n${to}`)) {
      contains.add(`${from}\n${to}`);
      relationships.push({ from, to, type: 'contains' });
    }
  }

  const packages: Package[] = elements.map((el, i) => {
    if (i % 1000 === 0) throwIfAborted(signal);
    const pkg = sbomPackage(el, idOf.get(el.ref)!, ctx, warn);
    const dependsOn = deps.get(el.ref);
    return dependsOn ? { ...pkg, dependsOn: [...dependsOn] } : pkg;
  });
  const dependencyEdges: Relationship[] = packages.flatMap((p) =>
    (p.dependsOn ?? []).map((to) => ({ from: p.id, to, type: 'depends-on' as const })),
  );
  if (dropped > 0) errors.push({ path, stage, message: `${dropped} more problems like the above` });

  return {
    target: { kind: 'sbom', name: path },
    ...(image ? { image } : {}),
    ...(os ? { os } : {}),
    packages,
    relationships: [...dependencyEdges, ...relationships],
    errors,
    createdAt: new Date().toISOString(),
    tool: { name: 'bulwark', version: TOOL_VERSION },
  };
}
