import type { Extractor } from './extractor.ts';
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

export const EXTRACTOR_SETS: ReadonlyMap<string, readonly string[]> = new Map([
  ['os', OS],
  ['java', JAVA],
  ['javascript', JAVASCRIPT],
  ['default', [...OS, ...JAVA, ...JAVASCRIPT]],
]);

export function extractorSet(name = 'default'): Extractor[] {
  const names = EXTRACTOR_SETS.get(name);
  if (!names) throw new Error(`unknown extractor set "${name}"`);
  return names.map((n) => EXTRACTORS.get(n)!);
}
