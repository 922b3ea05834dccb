import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Package } from '../../../core/package.ts';
import { dirFs } from '../../../test-support/dir-fs.ts';
import { extractInput } from '../../../test-support/extract-input.ts';
import { memFs } from '../../../test-support/mem-fs.ts';
import { syftFixture } from '../../../test-support/syft-expected.ts';
import { parsePomXml } from './parse-pom-xml.ts';
import { pomXmlExtractor } from './pom-xml.ts';

const simple = (ps: Package[]) => ps.map((p) => [p.name, p.version, p.purl, p.dev ?? null]);

describe('java/pom-xml', () => {
  it('fileRequired: pom.xml files only', () => {
    const f = { type: 'file' as const, size: 1, mode: 0o644 };
    assert.equal(pomXmlExtractor.fileRequired('pom.xml', f), true);
    assert.equal(pomXmlExtractor.fileRequired('a/b/pom.xml', f), true);
    assert.equal(pomXmlExtractor.fileRequired('a/b/xpom.xml', f), false);
    assert.equal(pomXmlExtractor.fileRequired('a/pom.xml.bak', f), false);
  });

  it('Syft example-java-app-maven: the project and its two dependencies (Test_parsePomXML)', async () => {
    const fs = dirFs(syftFixture('java', 'testdata/pom/example-java-app-maven'));
    const inv = await pomXmlExtractor.extract(await extractInput(fs, 'pom.xml'));
    assert.deepEqual(simple(inv.packages), [
      ['example-java-app-maven', '0.1.0', 'pkg:maven/org.anchore/example-java-app-maven@0.1.0', null],
      ['joda-time', '2.9.2', 'pkg:maven/com.joda/joda-time@2.9.2', false],
      ['junit', '4.12', 'pkg:maven/junit/junit@4.12', true],
    ]);
    // Syft's edges: joda-time and junit are dependencies of the project.
    assert.deepEqual(inv.packages[0]!.dependsOn, [inv.packages[1]!.id, inv.packages[2]!.id]);
    assert.ok(inv.packages.slice(1).every((p) => p.direct === true));
  });

  it('Syft local/child-1: parents on disk give the version, managed versions and inherited dependencies', async () => {
    // Expected values are the `mvn dependency:tree` output recorded in the fixture's comment.
    const fs = dirFs(syftFixture('java', 'internal/maven/testdata/local'));
    const inv = await pomXmlExtractor.extract(await extractInput(fs, 'child-1/pom.xml'));
    const [project, ...deps] = inv.packages;
    assert.equal(project!.purl, 'pkg:maven/my.org/child-one@1.3.6');
    assert.deepEqual(deps.map((d) => `${d.purl}${d.dev ? ' (test)' : ''}`).sort(), [
      'pkg:maven/junit/junit@4.12 (test)',
      'pkg:maven/org.apache.commons/commons-collections4@4.2',
      'pkg:maven/org.apache.commons/commons-lang3@3.12.0',
      'pkg:maven/org.apache.commons/commons-text@1.12.0',
    ]);
    assert.equal(deps.find((d) => d.name === 'commons-lang3')!.metadata?.versionFrom, 'dependencyManagement');
  });

  it('Syft commons-text 1.10.0 offline: versions from the missing parent stay unresolved', async () => {
    const fs = dirFs(syftFixture('java', 'testdata/pom/commons-text-1.10.0'));
    const inv = await pomXmlExtractor.extract(await extractInput(fs, 'pom.xml'));
    assert.equal(inv.packages[0]!.purl, 'pkg:maven/org.apache.commons/commons-text@1.10.0');
    const lang3 = inv.packages.find((p) => p.name === 'commons-lang3')!;
    assert.equal(lang3.version, '3.12.0', 'from <properties>');
    const junit = inv.packages.find((p) => p.name === 'junit-jupiter')!;
    assert.deepEqual(junit.metadata?.unresolved, { version: '' }, 'managed by the parent BOM we do not have');
    assert.equal(junit.purl, 'pkg:maven/org.junit.jupiter/junit-jupiter');
  });

  it('never expands entities (billion laughs, XXE)', async () => {
    const pom = `<?xml version="1.0"?>
<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<project><groupId>g</groupId><artifactId>&b;</artifactId><version>1</version><name>a &amp; b &#65;</name></project>`;
    const p = parsePomXml(pom);
    assert.equal(p.artifactId, '&b;');
    assert.equal(p.name, 'a & b A');
    const xxe = `<?xml version="1.0"?><!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<project><artifactId>&xxe;</artifactId></project>`;
    assert.throws(() => parsePomXml(xxe), /invalid XML: External entities are not supported/);
  });

  it('a property cycle stays unresolved instead of looping', async () => {
    const fs = memFs({
      'pom.xml':
        '<project><groupId>g</groupId><artifactId>a</artifactId><version>$[x]</version><properties><x>$[y]</x><y>$[x]</y></properties></project>'.replace(
          /\$\[(\w)\]/g,
          '$${$1}',
        ),
    });
    const inv = await pomXmlExtractor.extract(await extractInput(fs, 'pom.xml'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Maven property syntax, not a template
    assert.deepEqual(inv.packages[0]!.metadata?.unresolved, { version: '${x}' });
  });

  it('bad input is a clear error', async () => {
    const bad = async (text: string) =>
      pomXmlExtractor.extract(await extractInput(memFs({ 'pom.xml': text }), 'pom.xml'));
    await assert.rejects(bad('<project><a></project>'), /invalid XML at line 1/);
    await assert.rejects(bad('<settings/>'), /not a Maven POM/);
    await assert.rejects(bad(''), /./);
    await assert.rejects(
      pomXmlExtractor.extract(await extractInput(dirFs(syftFixture('java', 'testdata/corrupt')), 'pom.xml')),
      /invalid XML|not a Maven POM/,
    );
  });
});
