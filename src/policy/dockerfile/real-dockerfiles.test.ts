import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { sharedData } from '../../test-support/shared-data.ts';
import { checkDockerfile } from './check-dockerfile.ts';
import { parseDockerfile } from './parse-dockerfile.ts';

const root = sharedData();
const cataloger = sharedData('fixtures', 'syft', 'syft', 'pkg', 'cataloger');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((p) => /^dockerfile/i.test(p.slice(p.lastIndexOf('/') + 1)))
  .sort();

/** Findings of one fixture (path under Syft's cataloger folder) as `ruleId messageId stage lines`. */
function findingsOf(path: string, ...ruleIds: string[]): string[] {
  const r = checkDockerfile(readFileSync(join(cataloger, path), 'utf8'), path);
  assert.deepEqual(r.errors, []);
  return r.findings
    .filter((f) => ruleIds.includes(f.ruleId))
    .map(
      (f) => `${f.ruleId} ${f.messageId} ${f.resource.name} ${f.location.startLine}-${f.location.endLine}`,
    );
}

describe('real Dockerfiles from ../shared/data', () => {
  it('finds them', () => assert.ok(files.length >= 40, `${files.length} Dockerfiles`));

  for (const f of files)
    it(`${relative(cataloger, join(root, f))} parses without errors`, () => {
      const text = readFileSync(join(root, f), 'utf8');
      const df = parseDockerfile(text);
      assert.deepEqual(df.errors, []);
      assert.ok(df.stages.length >= 1);
      assert.deepEqual(checkDockerfile(text, f).errors, []);
    });

  it('golang image-small: a platform builder and a scratch final stage', () => {
    const df = parseDockerfile(
      readFileSync(join(cataloger, 'golang/testdata/image-small/Dockerfile'), 'utf8'),
    );
    assert.deepEqual(
      df.stages.map((s) => [s.name, s.image, s.platform, s.startLine, s.endLine]),
      [
        ['builder', 'golang:1.23.2', 'linux/amd64', 1, 10],
        [undefined, 'scratch', undefined, 12, 15],
      ],
    );
    assert.deepEqual(
      findingsOf('golang/testdata/image-small/Dockerfile', 'BW-DF-001', 'BW-DF-002', 'BW-DF-010'),
      ['BW-DF-001 noUser 1 12-12', 'BW-DF-010 missing 1 12-12'],
    );
  });

  it('python image-multi-site-package: unpinned apt and pip installs, by line', () => {
    assert.deepEqual(findingsOf('python/testdata/image-multi-site-package/Dockerfile', 'BW-DF-007'), [
      'BW-DF-007 apt base 5-5',
      'BW-DF-007 pip base 8-8',
      'BW-DF-007 pip base 9-9',
      'BW-DF-007 pip base 27-27',
    ]);
  });

  it('php image-extensions: continuation lines with blank and comment lines inside', () => {
    const path = 'php/testdata/image-extensions/Dockerfile';
    const df = parseDockerfile(readFileSync(join(cataloger, path), 'utf8'));
    assert.deepEqual(
      df.stages[0]?.instructions.map((i) => [i.keyword, i.startLine, i.endLine]),
      [
        ['RUN', 5, 20],
        ['RUN', 24, 90],
      ],
    );
    assert.deepEqual(findingsOf(path, 'BW-DF-002', 'BW-DF-007', 'BW-DF-008'), [
      'BW-DF-007 apk builder 5-20',
      'BW-DF-007 apk builder 24-90',
      'BW-DF-002 latestTag 1 92-92',
    ]);
  });

  it('dotnet image-net8-app: untagged busybox; the stage ARG has its value', () => {
    const path = 'dotnet/testdata/image-net8-app/Dockerfile';
    const df = parseDockerfile(readFileSync(join(cataloger, path), 'utf8'));
    const arg = df.stages[0]?.instructions.find((i) => i.keyword === 'ARG');
    assert.deepEqual(
      arg?.pairs?.map((p) => [p.name, p.value]),
      [['RUNTIME', 'win-x64']],
    );
    assert.deepEqual(findingsOf(path, 'BW-DF-002'), ['BW-DF-002 noTag 1 78-78']);
  });

  it('binary image-dotnet-app: lower-case from, latest twice', () => {
    assert.deepEqual(findingsOf('binary/testdata/image-dotnet-app/Dockerfile', 'BW-DF-002', 'BW-DF-008'), [
      'BW-DF-002 latestTag builder 1-1',
      'BW-DF-002 latestTag 1 8-8',
    ]);
  });

  it('php image-apache: apt pinned by variables, in a builder, is not reported', () => {
    assert.deepEqual(findingsOf('php/testdata/image-apache/Dockerfile', 'BW-DF-007', 'BW-DF-008'), []);
  });
});
