import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BulwarkError } from '../../core/errors.ts';
import { loadK8sManifests } from './load-k8s-manifests.ts';

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers: [{name: c, image: nginx}]\n';
const pod = (name: string) => POD.replace('{name}', name);

describe('loadK8sManifests', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bulwark-k8s-'));
    await writeFile(join(dir, 'a.yaml'), `${pod('a1')}---\n${pod('a2')}`);
    await mkdir(join(dir, 'sub', 'deeper'), { recursive: true });
    await writeFile(
      join(dir, 'sub', 'b.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' } }),
    );
    await writeFile(join(dir, 'sub', 'deeper', 'c.YML'), pod('c'));
    await writeFile(join(dir, 'notes.txt'), pod('ignored-extension'));
    // Not Kubernetes: no error, no object.
    await writeFile(join(dir, 'ci.yml'), 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n');
    await writeFile(join(dir, 'values.yaml'), 'image:\n  tag: [broken\n');
    await writeFile(join(dir, 'package.json'), '{"name": "x", "version": "1.0.0"}');
    // Kubernetes, but broken: an error with its line.
    await writeFile(join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: tabbed\n');
    // An unrendered Helm chart template.
    await mkdir(join(dir, 'chart', 'templates'), { recursive: true });
    await writeFile(
      join(dir, 'chart', 'templates', 'deployment.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n',
    );
    await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'pkg', 'pod.yaml'), pod('vendored'));
    await symlink(join(dir, 'a.yaml'), join(dir, 'link.yaml'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('walks a directory: manifest files only, relative names, errors for broken manifests only', async () => {
    const { objects, errors } = await loadK8sManifests(dir);
    assert.deepEqual(
      objects.map((o) => [o.file, o.kind, o.name]),
      [
        ['a.yaml', 'Pod', 'a1'],
        ['a.yaml', 'Pod', 'a2'],
        ['sub/b.json', 'Service', 'b'],
        ['sub/deeper/c.YML', 'Pod', 'c'],
      ],
    );
    assert.equal(objects[1]!.docIndex, 1);
    assert.equal(objects[1]!.lineOf('metadata.name'), 4 + 7);
    assert.deepEqual(
      errors.map((e) => [e.file, e.line]),
      [
        ['broken.yaml', 4],
        ['chart/templates/deployment.yaml', undefined],
      ],
    );
    assert.match(errors[0]!.message, /^Invalid YAML/);
    assert.match(errors[1]!.message, /Helm chart template, not rendered: scan the output of `helm template`/);
  });

  it('reads one file as given, whatever its extension, and reports what it cannot use', async () => {
    const txt = await loadK8sManifests(join(dir, 'notes.txt'));
    assert.deepEqual(
      txt.objects.map((o) => [o.file, o.name]),
      [[join(dir, 'notes.txt'), 'ignored-extension']],
    );
    const values = await loadK8sManifests(join(dir, 'values.yaml'));
    assert.equal(
      values.errors.length,
      1,
      'a file named explicitly gets its errors even without apiVersion/kind',
    );
  });

  it('refuses files over the size limit without reading them', async () => {
    const { objects, errors } = await loadK8sManifests(join(dir, 'a.yaml'), { maxFileBytes: 16 });
    assert.deepEqual(objects, []);
    assert.equal(errors.length, 1);
    assert.match(
      errors[0]!.message,
      /^File is \d+ bytes, over the 16 bytes limit for one manifest file; not read$/,
    );
  });

  it('passes maxAliasCount to the parser', async () => {
    const file = join(dir, 'sub', 'alias.yaml');
    await writeFile(file, 'apiVersion: v1\nkind: ConfigMap\nbase: &b {x: 1}\ndata:\n  a: *b\n  c: *b\n');
    assert.equal((await loadK8sManifests(file)).objects.length, 1);
    const strict = await loadK8sManifests(file, { maxAliasCount: 0 });
    assert.equal(strict.objects.length, 0);
    assert.match(strict.errors[0]!.message, /too many alias references/);
    await rm(file);
  });

  it('throws a coded error for a missing path and for an aborted walk', async () => {
    await assert.rejects(
      loadK8sManifests(join(dir, 'nope')),
      (e: unknown) => e instanceof BulwarkError && e.code === 'E_INPUT_NOT_FOUND',
    );
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      loadK8sManifests(dir, { signal: ac.signal }),
      (e: unknown) => e instanceof BulwarkError && e.code === 'E_ABORTED',
    );
  });
});
