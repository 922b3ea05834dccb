import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { mavenPurl } from '../maven-coordinates.ts';
import { parseArchiveFilename } from './archive-filename.ts';
import { guessGroupId } from './group-id.ts';
import { identifyArchive } from './identify-archive.ts';
import type { JarManifest } from './parse-manifest.ts';
import { parseManifest } from './parse-manifest.ts';
import { parsePomProperties } from './parse-pom-properties.ts';
import { selectName, selectVersion } from './select-name.ts';

type KV = { Key: string; Value: string };
const record = (kvs: KV[] | undefined) => Object.fromEntries((kvs ?? []).map((kv) => [kv.Key, kv.Value]));
function manifestOf(m: unknown): JarManifest | undefined {
  if (!m || Array.isArray(m)) return undefined;
  const x = m as { Main?: KV[]; Sections?: KV[][] };
  return { main: record(x.Main), sections: (x.Sections ?? []).map(record) };
}
function archiveOf(a: unknown) {
  const call = a as { args?: string[] } | undefined;
  return call?.args?.[0] ? parseArchiveFilename(call.args[0]) : undefined;
}

describe('selectName / selectVersion (Syft TestSelectName, TestSelectVersion)', () => {
  for (const c of syftCases('java', 'TestSelectName')) {
    it(String(c.case.desc), () =>
      assert.equal(selectName(manifestOf(c.case.manifest), archiveOf(c.case.archive)), c.expected),
    );
  }
  for (const c of syftCases('java', 'TestSelectVersion')) {
    it(String(c.case.name), () =>
      assert.equal(selectVersion(manifestOf(c.case.manifest), archiveOf(c.case.archive)), c.expected),
    );
  }
});

describe('guessGroupId and mavenPurl (Syft Test_groupIDFromJavaMetadata, Test_packageURL)', () => {
  for (const c of syftCases('java', 'Test_groupIDFromJavaMetadata')) {
    it(String(c.case.name), () => {
      const md = c.case.metadata as Record<string, Record<string, unknown>>;
      const props = md.PomProperties as { GroupID?: string } | undefined;
      const project = md.PomProject as { GroupID?: string } | undefined;
      const manifest = manifestOf(md.Manifest);
      const got = guessGroupId(String(c.case.pkgName ?? ''), {
        ...(props ? { pomProperties: parsePomProperties('p', `groupId=${props.GroupID ?? ''}`) } : {}),
        ...(project?.GroupID ? { pomProject: { groupId: project.GroupID } } : {}),
        ...(manifest ? { manifest } : {}),
      });
      assert.equal(got, c.expect);
    });
  }
  for (const c of syftCases('java', 'Test_packageURL')) {
    it(String(c.case.name), () => {
      const pkg = c.case.pkg as { Name: string; Version: string; Metadata: Record<string, unknown> };
      const p = pkg.Metadata.PomProperties as { GroupID?: string; ArtifactID: string; Version: string };
      const proj = pkg.Metadata.PomProject as { GroupID?: string; Parent?: { GroupID?: string } } | undefined;
      const groupId = guessGroupId(pkg.Name, {
        pomProperties: {
          path: '',
          groupId: p.GroupID ?? '',
          artifactId: p.ArtifactID,
          version: p.Version,
          extra: {},
        },
        ...(proj
          ? {
              pomProject: {
                ...(proj.GroupID ? { groupId: proj.GroupID } : {}),
                ...(proj.Parent?.GroupID ? { parent: { groupId: proj.Parent.GroupID } } : {}),
              },
            }
          : {}),
      });
      assert.equal(mavenPurl({ groupId, artifactId: pkg.Name, version: pkg.Version }), c.expect);
    });
  }
});

describe('parsePomProperties (Syft TestParseJavaPomProperties)', () => {
  for (const c of syftCases('java', 'TestParseJavaPomProperties')) {
    const e = c.expected as {
      Path: string;
      GroupID: string;
      ArtifactID: string;
      Version: string;
      Name?: string;
      Extra?: Record<string, string>;
    };
    it(e.Path, () => {
      const got = parsePomProperties(e.Path, readFileSync(syftFixture('java', e.Path), 'utf8'));
      assert.deepEqual(
        { groupId: got.groupId, artifactId: got.artifactId, version: got.version },
        { groupId: e.GroupID, artifactId: e.ArtifactID, version: e.Version },
      );
      // Syft lifts `name` out of Extra; we keep every other key together.
      assert.deepEqual(got.extra, { ...(e.Name ? { name: e.Name } : {}), ...e.Extra });
    });
  }
});

/** The pom.properties and manifest of one of Syft's jar-metadata fixture folders (the jar's contents). */
function fixtureContents(name: string) {
  const root = syftFixture('java', 'testdata/jar-metadata', name);
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((n) => {
      const rel = dir ? `${dir}/${n}` : n;
      return statSync(join(root, rel)).isDirectory() ? walk(rel) : [rel];
    });
  const files = walk('');
  const pomProperties = files
    .filter((f) => f.endsWith('pom.properties'))
    .map((f) => parsePomProperties(f, readFileSync(join(root, f), 'utf8')));
  const mf = files.includes('META-INF/MANIFEST.MF')
    ? parseManifest(readFileSync(join(root, 'META-INF/MANIFEST.MF'), 'utf8'))
    : undefined;
  return { pomProperties, manifest: mf };
}

describe('identifyArchive', () => {
  for (const c of syftCases('java', 'Test_deterministicMatchingPomProperties')) {
    const fixture = String(c.case.fixture);
    it(`picks the main pom.properties deterministically: ${fixture}`, () => {
      const { pomProperties, manifest } = fixtureContents(fixture);
      const [g, a, v] = (c.expected as { args: string[] }).args;
      for (const order of [pomProperties, [...pomProperties].reverse()]) {
        const { main, shaded } = identifyArchive({
          file: parseArchiveFilename(`${fixture}.jar`),
          manifest,
          pomProperties: order,
        });
        assert.deepEqual([main?.groupId, main?.artifactId, main?.version], [g, a, v]);
        assert.equal(shaded.length, pomProperties.length - 1);
      }
    });
  }
  it('api-all sources jar: api-all is main, api-asn1-api is shaded in it (Syft regression pr 2231)', () => {
    const { pomProperties, manifest } = fixtureContents('api-all-2.0.0-sources');
    const { main, shaded } = identifyArchive({
      file: parseArchiveFilename('api-all-2.0.0-sources.jar'),
      manifest,
      pomProperties,
    });
    assert.equal(main?.artifactId, 'api-all');
    assert.deepEqual(
      shaded.map((p) => p.artifactId),
      ['api-asn1-api'],
    );
  });
  for (const c of syftCases('java', 'Test_parseJavaArchive_regressions').filter((c) =>
    String(c.case.name).startsWith('duplicate jar regression'),
  )) {
    it(String(c.case.name), () => {
      const fixture = String(c.case.fixtureName);
      const { pomProperties, manifest } = fixtureContents(fixture);
      const { main } = identifyArchive({
        file: parseArchiveFilename(`${fixture}.jar`),
        manifest,
        pomProperties,
      });
      const [want] = c.expectedPkgs as { Name: string; Version: string; PURL: string }[];
      assert.deepEqual(
        [main?.artifactId, main?.version, mavenPurl(main!)],
        [want!.Name, want!.Version, want!.PURL],
      );
    });
  }
  it('skips instrumentation jars with Weave-Classes (Syft regression)', () => {
    const { pomProperties, manifest } = fixtureContents('spring-instrumentation-4.3.0-1.0');
    const r = identifyArchive({
      file: parseArchiveFilename('spring-instrumentation-4.3.0-1.0.jar'),
      manifest,
      pomProperties,
    });
    assert.equal(r.main, undefined);
  });
  it('Jenkins plugin: group from Group-Id, version from Plugin-Version (Syft regression)', () => {
    const { pomProperties, manifest } = fixtureContents('jenkins-plugins/gradle/2.11');
    const { main } = identifyArchive({ file: parseArchiveFilename('gradle.hpi'), manifest, pomProperties });
    assert.equal(mavenPurl(main!), 'pkg:maven/org.jenkins-ci.plugins/gradle@2.11');
  });
  it('no pom.properties and no version anywhere: nothing to report', () =>
    assert.equal(
      identifyArchive({ file: parseArchiveFilename('classes.jar'), manifest: undefined, pomProperties: [] })
        .main,
      undefined,
    ));
});
