import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Location } from '../../../core/location.ts';
import type { Package } from '../../../core/package.ts';
import type { ReadonlyFs } from '../../../core/readonly-fs.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { decodeText, normalizePypiName, pypiPurl } from '../pypi-package.ts';
import { type CoreMetadata, parseCoreMetadata } from './parse-core-metadata.ts';
import { pypiLicenses } from './pypi-licenses.ts';
import { parseRecord, treePaths } from './record-files.ts';
import { needsExtra, parseRequirement } from './requires-dist.ts';
import { INFO_DIR, installedId, siteIndex } from './site-index.ts';

export const DIST_INFO_EXTRACTOR = 'python/dist-info';

/** Files beside METADATA / PKG-INFO that add to the package (read through input.fs). */
const SIDE_FILES = new Set(['RECORD', 'top_level.txt', 'direct_url.json', 'installed-files.txt']);

function infoDir(path: string): string | undefined {
  const dir = posix.dirname(path);
  return INFO_DIR.test(posix.basename(dir)) ? dir : undefined;
}

/**
 * Installed Python distributions: `*.dist-info/METADATA` (wheels), `*.egg-info/PKG-INFO` and
 * `*.egg-info` files (setuptools, distro packages). Adds files from RECORD (or the egg's
 * installed-files.txt), top-level modules, the VCS origin from direct_url.json, and dependency
 * edges from Requires-Dist resolved among the packages installed in the same site folder
 * (requirements that apply only with an extra make no edge: nothing records which extras were
 * asked for). Not selfContained: it reads siblings through input.fs.
 */
export const distInfoExtractor: Extractor = {
  name: DIST_INFO_EXTRACTOR,
  version: 1,
  // Core metadata is small; a larger file is not one.
  maxFileSize: 16 * 1024 * 1024,
  fileRequired(path, stat) {
    if (stat.type !== 'file') return false;
    const base = posix.basename(path);
    if (/\.egg-info$/i.test(base)) return true;
    const dir = infoDir(path);
    if (!dir) return false;
    return /egg-info$/i.test(dir) ? base === 'PKG-INFO' : base === 'METADATA';
  },
  fileNeeded(path) {
    return SIDE_FILES.has(posix.basename(path)) && infoDir(path) !== undefined;
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const meta = parseCoreMetadata(decodeText(await input.read(), 'Python metadata file'));
    if (!meta.name) throw new Error('not Python core metadata: no Name header');
    const isFile = /\.egg-info$/i.test(posix.basename(input.path));
    const dir = isFile ? undefined : posix.dirname(input.path);
    // Paths in RECORD are relative to the folder holding the .dist-info (site-packages).
    const siteRoot = parentOf(dir ?? input.path);
    const side = dir ? await readSideFiles(input.fs, dir) : {};
    throwIfAborted(input.signal);
    const index = await siteIndex(input.fs, siteRoot);
    const version = meta.version ?? '';
    const id = installedId(meta.name, version, siteRoot);
    const dependsOn = new Set<string>();
    for (const line of meta.requiresDist) {
      const req = parseRequirement(line);
      if (!req || needsExtra(req)) continue;
      const to = index.get(normalizePypiName(req.name));
      if (to && to !== id) dependsOn.add(to);
    }
    return { packages: [installedPackage(meta, { input, id, siteRoot, dir, side, dependsOn })] };
  },
};

function parentOf(path: string): string {
  const p = posix.dirname(path);
  return p === '.' ? '' : p;
}

interface SideFiles {
  record?: { text: string; location: Location };
  topLevel?: { text: string; location: Location };
  directUrl?: { text: string; location: Location };
  installedFiles?: { text: string; location: Location };
}

async function readSideFiles(fs: ReadonlyFs, dir: string): Promise<SideFiles> {
  const read = async (name: string) => {
    const path = posix.join(dir, name);
    const bytes = await fs.readFile(path);
    if (!bytes || bytes.includes(0)) return undefined;
    const layer = fs.stat(path)?.layer;
    return { text: new TextDecoder().decode(bytes), location: { path, ...(layer ? { layer } : {}) } };
  };
  const [record, topLevel, directUrl, installedFiles] = await Promise.all(
    ['RECORD', 'top_level.txt', 'direct_url.json', 'installed-files.txt'].map(read),
  );
  return {
    ...(record ? { record } : {}),
    ...(topLevel ? { topLevel } : {}),
    ...(directUrl ? { directUrl } : {}),
    ...(installedFiles ? { installedFiles } : {}),
  };
}

/** `git+https://host/repo.git@<commit>` from direct_url.json (PEP 610), as Syft puts it in the purl. */
function vcsUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const d = JSON.parse(text) as { url?: unknown; vcs_info?: { vcs?: unknown; commit_id?: unknown } };
    const { url, vcs_info: vcs } = d;
    if (typeof url !== 'string' || typeof vcs?.vcs !== 'string') return undefined;
    return `${vcs.vcs}+${url}${typeof vcs.commit_id === 'string' ? `@${vcs.commit_id}` : ''}`;
  } catch {
    return undefined;
  }
}

function installedPackage(
  meta: CoreMetadata,
  x: {
    input: Parameters<Extractor['extract']>[0];
    id: string;
    siteRoot: string;
    dir: string | undefined;
    side: SideFiles;
    dependsOn: Set<string>;
  },
): Package {
  const { side } = x;
  const vcs = vcsUrl(side.directUrl?.text);
  const files = side.record
    ? treePaths(
        x.siteRoot,
        parseRecord(side.record.text).map((r) => r.path),
      )
    : side.installedFiles && x.dir
      ? treePaths(
          x.dir,
          side.installedFiles.text.split(/\r?\n/).filter((l) => l.trim() !== ''),
        )
      : undefined;
  const topLevel = side.topLevel?.text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  const metadata: Record<string, unknown> = { name: meta.name, sitePackagesRoot: x.siteRoot || '.' };
  for (const key of [
    'summary',
    'homePage',
    'author',
    'authorEmail',
    'maintainer',
    'maintainerEmail',
    'platform',
    'requiresPython',
  ] as const) {
    if (meta[key] !== undefined) metadata[key] = meta[key];
  }
  if (meta.requiresDist.length > 0) metadata.requiresDist = meta.requiresDist;
  if (meta.providesExtra.length > 0) metadata.providesExtra = meta.providesExtra;
  if (topLevel?.length) metadata.topLevelPackages = topLevel;
  if (vcs) metadata.vcsUrl = vcs;
  const version = meta.version ?? '';
  return {
    id: x.id,
    name: normalizePypiName(meta.name!),
    version,
    type: 'pypi',
    ecosystem: 'PyPI',
    purl: pypiPurl(meta.name!, version, vcs ? { vcs_url: vcs } : undefined),
    licenses: pypiLicenses(meta),
    locations: [
      fileLocation(x.input),
      ...[side.record, side.topLevel, side.directUrl, side.installedFiles].flatMap((s) =>
        s ? [s.location] : [],
      ),
    ],
    ...(files ? { files } : {}),
    dependsOn: [...x.dependsOn].sort(),
    foundBy: DIST_INFO_EXTRACTOR,
    metadata,
  };
}
