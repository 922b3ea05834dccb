import { throwIfAborted } from '../../../core/errors.ts';
import type { FileError, Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import type { Extractor } from '../../extractor.ts';
import { golangId, golangPurl } from '../golang-purl.ts';
import { parseGoMod } from './parse-go-mod.ts';
import { parseGoSum } from './parse-go-sum.ts';

export const GO_MOD_EXTRACTOR = 'go/mod';

const MAX_SIZE = 8 * 1024 * 1024;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Go modules required by a go.mod (as Syft's go-module-file-cataloger reports them): each
 * `require` after `replace` (a local-folder replacement keeps the path and drops the version)
 * and `exclude`; `// indirect` → direct: false. The module's own h1 hash comes from the go.sum
 * beside it, when there is one. The main module itself is not a package (it is the project).
 */
export const goModExtractor: Extractor = {
  name: GO_MOD_EXTRACTOR,
  version: 1,
  maxFileSize: MAX_SIZE,
  fileRequired(path, stat) {
    return stat.type === 'file' && baseName(path) === 'go.mod';
  },
  fileNeeded(path) {
    return baseName(path) === 'go.sum';
  },
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const layer = input.stat.layer?.index;
    const warn = (message: string): FileError => ({
      path: input.path,
      stage: GO_MOD_EXTRACTOR,
      message,
      ...(layer === undefined ? {} : { layer }),
    });
    const bytes = await input.read();
    if (bytes.includes(0)) return { packages: [], warnings: [warn('not a go.mod file: the file is binary')] };
    const mod = parseGoMod(new TextDecoder().decode(bytes));

    const sumPath = `${input.path.slice(0, input.path.lastIndexOf('/') + 1)}go.sum`;
    const sumBytes = await input.fs.readFile(sumPath);
    const sums =
      sumBytes && sumBytes.length <= MAX_SIZE ? parseGoSum(new TextDecoder().decode(sumBytes)) : new Map();

    const excluded = new Set(mod.excludes.map((e) => `${e.path}@${e.version}`));
    const location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const r of mod.requires) {
      if (excluded.has(`${r.path}@${r.version}`)) continue;
      // A version-specific replacement wins over one for all versions, as in the go command.
      const rep =
        mod.replaces.find((x) => x.oldPath === r.path && x.oldVersion === r.version) ??
        mod.replaces.find((x) => x.oldPath === r.path && x.oldVersion === undefined);
      const local = rep !== undefined && rep.newVersion === undefined;
      const name = rep && !local ? rep.newPath : r.path;
      const version = rep ? (rep.newVersion ?? '') : r.version;
      const id = golangId(name, version);
      if (seen.has(id)) continue;
      seen.add(id);
      const h1 = version ? sums.get(`${name} ${version}`) : undefined;
      packages.push({
        id,
        name,
        version,
        type: 'golang',
        ecosystem: 'Go',
        purl: golangPurl(name, version),
        licenses: [],
        locations: [location],
        direct: !r.indirect,
        foundBy: GO_MOD_EXTRACTOR,
        metadata: {
          ...(h1 ? { h1Digest: h1 } : {}),
          ...(rep
            ? { replaces: { path: r.path, version: r.version }, ...(local ? { localPath: rep.newPath } : {}) }
            : {}),
          ...(mod.module ? { mainModule: mod.module } : {}),
          ...(mod.go ? { goVersion: mod.go } : {}),
        },
      });
    }
    const problems = mod.problems.slice(0, 20).map(warn);
    return { packages, ...(problems.length > 0 ? { warnings: problems } : {}) };
  },
};
