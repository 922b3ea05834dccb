import type { Location } from '../../../core/location.ts';
import type { Package, PackageHash } from '../../../core/package.ts';
import { golangId, golangPurl } from '../golang-purl.ts';
import { pseudoVersion, versionFromLdflags } from './ldflags-version.ts';
import type { GoModInfo, GoModule } from './parse-modinfo.ts';

export const GO_BINARY_EXTRACTOR = 'go/binary';

const DEVEL = '(devel)';

export interface GoBinaryFacts {
  /** Runtime version as embedded: `go1.22.2`, possibly with ` X:experiments`. */
  readonly goVersion: string;
  readonly modinfo: GoModInfo;
  /** GOARCH from the ELF machine when the build settings lack it. */
  readonly elfArch?: string;
  readonly location: Location;
  /** The binary's own digest, given to the main module (the artifact it was identified from). */
  readonly hashes?: readonly PackageHash[];
}

/**
 * Packages of one Go binary, following Syft's go-module-binary-cataloger: every `dep` (its `=>`
 * replacement's path and version when the replacement is a module, not a local folder), the main
 * module (its `(devel)` version replaced by an `-ldflags -X` version or a VCS pseudo-version, else
 * empty), and `stdlib` for the toolchain. Where we differ from Syft on purpose: stdlib's version
 * is `1.21.5`, not `go1.21.5` (the purl is the same, and OSV's Go ecosystem lists stdlib that way).
 */
export function goBinaryPackages(f: GoBinaryFacts): Package[] {
  const [goVersion = '', ...rest] = f.goVersion.split(' ');
  const experiments = rest
    .filter((r) => r.startsWith('X:'))
    .flatMap((r) => r.slice(2).split(','))
    .filter((x) => x !== '');
  const settings = f.modinfo.settings;
  const setting = (key: string) => settings.find((s) => s.key === key)?.value;
  const arch = setting('GOARCH') ?? f.elfArch;

  let main = f.modinfo.main;
  let deps = f.modinfo.deps.filter((d) => d.path !== '');
  // `go build file.go` names the main module command-line-arguments; a (devel) dep is the real one.
  if (main?.path === 'command-line-arguments' && main.version !== DEVEL) {
    const real = deps.find((d) => d.version === DEVEL && !d.replace && d.path !== main?.path);
    if (real) {
      main = real;
      deps = deps.filter((d) => d !== real);
    }
  }
  const mainPath = main?.path ?? f.modinfo.path;

  const common = (): Record<string, unknown> => ({
    goCompiledVersion: goVersion,
    ...(arch ? { architecture: arch } : {}),
    ...(mainPath ? { mainModule: mainPath } : {}),
  });
  const packages: Package[] = [];
  const seen = new Set<string>();
  const add = (p: Package) => {
    if (seen.has(p.id)) return;
    seen.add(p.id);
    packages.push(p);
  };
  const pkg = (name: string, version: string, extra: Partial<Package>, metadata: Record<string, unknown>) =>
    ({
      id: golangId(name, version),
      name,
      version,
      type: 'golang',
      ecosystem: 'Go',
      purl: golangPurl(name, version),
      licenses: [],
      locations: [f.location],
      foundBy: GO_BINARY_EXTRACTOR,
      ...extra,
      metadata,
    }) satisfies Package;

  const depPackages = deps.map((d) => {
    const { name, version, sum } = resolved(d);
    return pkg(
      name,
      version,
      {},
      {
        ...common(),
        ...(sum ? { h1Digest: sum } : {}),
        ...(d.replace ? { replaces: { path: d.path, version: d.version } } : {}),
      },
    );
  });

  const std = stdlibVersion(goVersion);
  const stdlib = std
    ? pkg('stdlib', std, { licenses: ['BSD-3-Clause'] }, { goCompiledVersion: goVersion })
    : undefined;

  if (mainPath) {
    const raw = main ? resolved(main) : { name: mainPath, version: '', sum: undefined };
    let version = raw.version;
    if (version === '') {
      version =
        versionFromLdflags(setting('-ldflags') ?? '', mainPath) ??
        pseudoVersion(setting('vcs.revision'), setting('vcs.time')) ??
        '';
    }
    add(
      pkg(
        raw.name,
        version,
        {
          dependsOn: [...(stdlib ? [stdlib.id] : []), ...depPackages.map((d) => d.id)],
          ...(f.hashes ? { hashes: f.hashes } : {}),
        },
        {
          ...common(),
          ...(raw.sum ? { h1Digest: raw.sum } : {}),
          buildSettings: settings,
          ...(experiments.length > 0 ? { goExperiments: experiments } : {}),
        },
      ),
    );
  }
  for (const d of depPackages) add(d);
  if (stdlib && packages.length > 0) add(stdlib);
  return packages;
}

/** A module's name and version after its replacement; local-folder replacements keep the original path. */
function resolved(m: GoModule): { name: string; version: string; sum: string | undefined } {
  const r = m.replace;
  const local = r !== undefined && (r.path.startsWith('.') || r.path.startsWith('/'));
  const name = r && !local ? r.path : m.path;
  const version = r ? r.version : m.version;
  return { name, version: version === DEVEL ? '' : version, sum: r ? r.sum : m.sum };
}

/** `go1.21.5` → `1.21.5`, `go1.21rc2` → `1.21rc2`; devel toolchains → undefined (no stdlib, as in Syft). */
function stdlibVersion(goVersion: string): string | undefined {
  const m = /^go(\d+(?:\.\d+)*(?:(?:rc|beta|alpha)\d+)?)$/.exec(goVersion);
  return m?.[1];
}
