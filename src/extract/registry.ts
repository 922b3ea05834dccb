import { classifierExtractor } from './binary/classifier/classifier.ts';
import { depsJsonExtractor } from './dotnet/deps-json/deps-json.ts';
import { packagesLockExtractor } from './dotnet/packages-lock/packages-lock.ts';
import type { Extractor } from './extractor.ts';
import { goBinaryExtractor } from './go/binary/go-binary.ts';
import { goModExtractor } from './go/mod/go-mod.ts';
import { javaArchive } from './java/archive/java-archive.ts';
import { gradleLockfileExtractor } from './java/gradle-lockfile/gradle-lockfile.ts';
import { pomXmlExtractor } from './java/pom/pom-xml.ts';
import { bunLockExtractor } from './javascript/bun-lock/bun-lock.ts';
import { nodeModulesExtractor } from './javascript/node-modules/node-modules.ts';
import { packageLockExtractor } from './javascript/package-lock/package-lock.ts';
import { pnpmLockExtractor } from './javascript/pnpm-lock/pnpm-lock.ts';
import { yarnLockExtractor } from './javascript/yarn-lock/yarn-lock.ts';
import { apkExtractor } from './os/apk/apk.ts';
import { dpkgExtractor } from './os/dpkg/dpkg.ts';
import { releaseExtractor } from './os/release/release.ts';
import { rpmExtractor } from './os/rpm/rpm.ts';
import { composerLockExtractor } from './php/composer-lock/composer-lock.ts';
import { installedJsonExtractor } from './php/installed-json/installed-json.ts';
import { distInfoExtractor } from './python/dist-info/dist-info.ts';
import { pipfileLockExtractor } from './python/pipfile-lock/pipfile-lock.ts';
import { poetryLockExtractor } from './python/poetry-lock/poetry-lock.ts';
import { requirementsExtractor } from './python/requirements/requirements.ts';
import { uvLockExtractor } from './python/uv-lock/uv-lock.ts';
import { gemfileLockExtractor } from './ruby/gemfile-lock/gemfile-lock.ts';
import { gemspecExtractor } from './ruby/gemspec/gemspec.ts';
import { auditableExtractor } from './rust/auditable/auditable.ts';
import { cargoLockExtractor } from './rust/cargo-lock/cargo-lock.ts';

/**
 * Every extractor, by name, in the order they run (OS providers run first regardless). Explicit
 * on purpose: no discovery, no side-effect registration. Later issues add language extractors.
 */
export const EXTRACTORS: ReadonlyMap<string, Extractor> = new Map(
  [
    releaseExtractor,
    dpkgExtractor,
    apkExtractor,
    rpmExtractor,
    javaArchive,
    pomXmlExtractor,
    gradleLockfileExtractor,
    packageLockExtractor,
    yarnLockExtractor,
    pnpmLockExtractor,
    bunLockExtractor,
    nodeModulesExtractor,
    distInfoExtractor,
    requirementsExtractor,
    pipfileLockExtractor,
    poetryLockExtractor,
    uvLockExtractor,
    goBinaryExtractor,
    goModExtractor,
    cargoLockExtractor,
    auditableExtractor,
    gemfileLockExtractor,
    gemspecExtractor,
    composerLockExtractor,
    installedJsonExtractor,
    packagesLockExtractor,
    depsJsonExtractor,
    // Last: a binary already identified by its build info keeps that identity (see runner dedupe).
    classifierExtractor,
  ].map((e) => [e.name, e]),
);

/** Named groups, as OSV-SCALIBR has them: `os` for OS packages; `default` for a normal scan. */
const OS = ['os/release', 'os/dpkg', 'os/apk', 'os/rpm'];
const JAVA = ['java/archive', 'java/pom-xml', 'java/gradle-lockfile'];
const JAVASCRIPT = [
  'javascript/package-lock',
  'javascript/yarn-lock',
  'javascript/pnpm-lock',
  'javascript/bun-lock',
  'javascript/node-modules',
];

const PYTHON = [
  'python/dist-info',
  'python/requirements',
  'python/pipfile-lock',
  'python/poetry-lock',
  'python/uv-lock',
];
const GO = ['go/binary', 'go/mod'];
const RUST = ['rust/cargo-lock', 'rust/auditable'];
const RUBY = ['ruby/gemfile-lock', 'ruby/gemspec'];
const PHP = ['php/composer-lock', 'php/installed-json'];
const DOTNET = ['dotnet/packages-lock', 'dotnet/deps-json'];
const BINARY = ['binary/classifier'];
const LANGUAGES = [...JAVA, ...JAVASCRIPT, ...PYTHON, ...GO, ...RUST, ...RUBY, ...PHP, ...DOTNET, ...BINARY];

export const EXTRACTOR_SETS: ReadonlyMap<string, readonly string[]> = new Map([
  ['os', OS],
  ['java', JAVA],
  ['javascript', JAVASCRIPT],
  ['python', PYTHON],
  ['go', GO],
  ['rust', RUST],
  ['ruby', RUBY],
  ['php', PHP],
  ['dotnet', DOTNET],
  ['binary', BINARY],
  ['languages', LANGUAGES],
  ['default', [...OS, ...LANGUAGES]],
]);

export function extractorSet(name = 'default'): Extractor[] {
  const names = EXTRACTOR_SETS.get(name);
  if (!names) throw new Error(`unknown extractor set "${name}"`);
  return names.map((n) => EXTRACTORS.get(n)!);
}
