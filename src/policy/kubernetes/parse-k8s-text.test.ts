import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseK8sText } from './parse-k8s-text.ts';

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string, from = 1): number {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  throw new Error(`${needle} not in text`);
}

describe('parseK8sText', () => {
  it('reads multi-document YAML and knows the line of every path', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  namespace: shop',
      '  annotations:',
      '    container.apparmor.security.beta.kubernetes.io/web: unconfined',
      '    bulwark.dev/ignore: BW-K8S-003',
      'spec:',
      '  containers:',
      '  - name: web',
      '    image: nginx:1.27',
      '    securityContext:',
      '      privileged: true',
      '  - name: side',
      '    image: busybox',
      '---',
      '# a comment',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  template:',
      '    spec:',
      '      hostNetwork: true',
      '      containers: [{name: api, image: "api:1"}]',
      '',
    ].join('\n');
    const { objects, errors } = parseK8sText(text, 'app.yaml');
    assert.deepEqual(errors, []);
    assert.equal(objects.length, 2);
    const [pod, dep] = objects as [(typeof objects)[0], (typeof objects)[0]];
    assert.deepEqual(
      {
        kind: pod.kind,
        apiVersion: pod.apiVersion,
        name: pod.name,
        namespace: pod.namespace,
        file: pod.file,
        docIndex: pod.docIndex,
      },
      { kind: 'Pod', apiVersion: 'v1', name: 'web', namespace: 'shop', file: 'app.yaml', docIndex: 0 },
    );
    assert.equal(pod.annotations['bulwark.dev/ignore'], 'BW-K8S-003');
    assert.equal(pod.lineOf(''), 1);
    assert.equal(
      pod.lineOf('spec.containers[0].securityContext.privileged'),
      lineOf(text, 'privileged: true'),
    );
    assert.equal(pod.lineOf('spec.containers[1]'), lineOf(text, '- name: side'));
    assert.equal(pod.lineOf('spec.containers[1].image'), lineOf(text, 'image: busybox'));
    assert.equal(
      pod.lineOf("metadata.annotations['container.apparmor.security.beta.kubernetes.io/web']"),
      lineOf(text, 'container.apparmor'),
    );
    // A missing field points at its nearest ancestor.
    assert.equal(pod.lineOf('spec.containers[1].securityContext.runAsNonRoot'), lineOf(text, '- name: side'));
    assert.equal(pod.lineOf('spec.containers[9].image'), lineOf(text, 'containers:'));
    assert.equal(dep.docIndex, 1);
    assert.equal(dep.name, 'api');
    assert.equal(dep.lineOf(''), lineOf(text, 'apiVersion: apps/v1'));
    assert.equal(dep.lineOf('spec.template.spec.hostNetwork'), lineOf(text, 'hostNetwork'));
    assert.equal(dep.lineOf('spec.template.spec.containers[0].image'), lineOf(text, 'containers: [{'));
  });

  it('reads YAML 1.1 as kubectl does: yes/on are true, 0777 is octal', () => {
    const { objects } = parseK8sText(
      'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: yes\n  hostIPC: on\n  x: 0777\n',
      'a.yaml',
    );
    assert.deepEqual(objects[0]!.raw.spec, { hostPID: true, hostIPC: true, x: 511 });
  });

  it('keeps raw plain JSON: dates and explicit !!set/!!binary tags become strings or mappings', () => {
    const { objects } = parseK8sText(
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  day: 2024-01-02\n  bin: !!binary aGVsbG8=\n',
      'a.yaml',
    );
    assert.deepEqual(objects[0]!.raw.data, { day: '2024-01-02', bin: 'aGVsbG8=' });
  });

  it('expands kind: List and typed lists, with lines of the items', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- apiVersion: v1',
      '  kind: Service',
      '  metadata: {name: svc}',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata: {name: p}',
      '  spec:',
      '    hostPID: true',
      '- 42',
      '---',
      'apiVersion: v1',
      'kind: PodList',
      'items:',
      '- metadata: {name: typed}',
      '  spec: {hostIPC: true}',
      '',
    ].join('\n');
    const { objects, errors } = parseK8sText(text, 'list.yaml');
    assert.deepEqual(
      objects.map((o) => [o.kind, o.apiVersion, o.name, o.docIndex]),
      [
        ['Service', 'v1', 'svc', 0],
        ['Pod', 'v1', 'p', 0],
        ['Pod', 'v1', 'typed', 1],
      ],
    );
    assert.equal(objects[1]!.lineOf(''), lineOf(text, '- apiVersion: v1', 5));
    assert.equal(objects[1]!.lineOf('spec.hostPID'), lineOf(text, 'hostPID'));
    assert.equal(objects[2]!.lineOf('spec.hostIPC'), lineOf(text, 'hostIPC'));
    assert.deepEqual(errors, [
      {
        file: 'list.yaml',
        line: lineOf(text, '- 42'),
        message: 'Item items[2] of List is not a mapping (it is a number scalar); skipped',
      },
    ]);
  });

  it('reads Helm-rendered output: # Source comments, empty templates', () => {
    const text = [
      '---',
      '# Source: shop/templates/serviceaccount.yaml',
      'apiVersion: v1',
      'kind: ServiceAccount',
      'metadata:',
      '  name: shop',
      '  labels:',
      '    helm.sh/chart: shop-0.1.0',
      '---',
      '# Source: shop/templates/empty.yaml',
      '---',
      '# Source: shop/templates/deployment.yaml',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: shop',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: shop',
      '          image: "shop:1.0.0"',
      '          securityContext:',
      '            privileged: true',
      '',
    ].join('\n');
    const { objects, errors } = parseK8sText(text, 'rendered.yaml');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      objects.map((o) => [o.kind, o.docIndex]),
      [
        ['ServiceAccount', 0],
        ['Deployment', 2],
      ],
    );
    assert.equal(
      objects[1]!.lineOf('spec.template.spec.containers[0].securityContext.privileged'),
      lineOf(text, 'privileged'),
    );
  });

  it('reads JSON with lines, JSON lists, and JSON the YAML parser refuses', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: { name: 'j', annotations: { 'a.b/c': 'd' } },
            spec: { hostNetwork: true },
          },
        ],
      },
      null,
      2,
    );
    const { objects, errors } = parseK8sText(json, 'pods.json');
    assert.deepEqual(errors, []);
    assert.equal(objects[0]!.name, 'j');
    assert.equal(objects[0]!.lineOf('spec.hostNetwork'), lineOf(json, '"hostNetwork"'));
    assert.equal(objects[0]!.lineOf("metadata.annotations['a.b/c']"), lineOf(json, '"a.b/c"'));
    // Tab indentation and the \/ escape: fine for JSON.parse.
    const tabbed = '{\n\t"apiVersion": "v1",\n\t"kind": "Pod",\n\t"metadata": {"name": "a\\/b"}\n}';
    const t = parseK8sText(tabbed, 't.json');
    assert.deepEqual(t.errors, []);
    assert.equal(t.objects[0]!.name, 'a/b');
  });

  it('reports malformed YAML with its line and keeps the other documents', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\nspec: {}\n';
    const { objects, errors } = parseK8sText(text, 'bad.yaml');
    assert.deepEqual(
      objects.map((o) => o.name),
      ['ok'],
    );
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.file, 'bad.yaml');
    assert.match(errors[0]!.message, /^Invalid YAML: /);
    assert.ok(errors[0]!.line !== undefined && errors[0]!.line >= 8, `line ${errors[0]!.line}`);
  });

  it('reports malformed JSON with its line', () => {
    const { objects, errors } = parseK8sText(
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {\n}}}\n',
      'bad.json',
    );
    assert.deepEqual(objects, []);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 5);
    assert.match(errors[0]!.message, /^Invalid JSON: /);
  });

  it('refuses an alias bomb ("billion laughs") quickly, with the line of the document', () => {
    const lol = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: ok}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
      'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
      '',
    ].join('\n');
    const started = Date.now();
    const { objects, errors } = parseK8sText(lol, 'lol.yaml');
    assert.ok(Date.now() - started < 2000);
    assert.deepEqual(
      objects.map((o) => o.name),
      ['ok'],
    );
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 5);
    assert.match(errors[0]!.message, /^Document 2 refused: too many alias references/);
  });

  it('accepts ordinary anchors and merge keys, and finds lines through them', () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: m}',
      'x-defaults: &sc',
      '  privileged: true',
      'spec:',
      '  containers:',
      '  - name: a',
      '    securityContext:',
      '      <<: *sc',
      '      runAsUser: 0',
      '',
    ].join('\n');
    const { objects, errors } = parseK8sText(text, 'm.yaml');
    assert.deepEqual(errors, []);
    assert.deepEqual((objects[0]!.raw.spec as { containers: unknown[] }).containers[0], {
      name: 'a',
      securityContext: { privileged: true, runAsUser: 0 },
    });
    assert.equal(
      objects[0]!.lineOf('spec.containers[0].securityContext.privileged'),
      lineOf(text, 'privileged: true'),
    );
    assert.equal(
      objects[0]!.lineOf('spec.containers[0].securityContext.runAsUser'),
      lineOf(text, 'runAsUser'),
    );
  });

  it('skips documents that are not mappings with an error, and mappings that are not objects silently', () => {
    const text = '- a\n- b\n---\njust text\n---\nfoo: bar\n---\nkind: Pod\n---\napiVersion: v1\n---\n';
    const { objects, errors } = parseK8sText(text, 'x.yaml');
    assert.deepEqual(objects, []);
    assert.deepEqual(errors, [
      { file: 'x.yaml', line: 1, message: 'Document 1 is not a mapping (it is a sequence); skipped' },
      { file: 'x.yaml', line: 4, message: 'Document 2 is not a mapping (it is a string scalar); skipped' },
    ]);
  });

  it('reports duplicate keys but keeps the object, with the last value (as the API server does)', () => {
    const { objects, errors } = parseK8sText(
      'apiVersion: v1\nkind: Pod\nspec:\n  hostPID: false\n  hostPID: true\n',
      'd.yaml',
    );
    assert.equal((objects[0]!.raw.spec as Record<string, unknown>).hostPID, true);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.line, 5);
    assert.match(errors[0]!.message, /^YAML warning: Map keys must be unique/);
  });

  it('refuses text over the size limit with a clear message', () => {
    const { objects, errors } = parseK8sText(
      `apiVersion: v1\nkind: Pod\n#${'x'.repeat(2048)}\n`,
      'big.yaml',
      { maxBytes: 1024 },
    );
    assert.deepEqual(objects, []);
    assert.deepEqual(errors, [
      { file: 'big.yaml', message: 'File is 2 KiB, over the 1 KiB limit for one manifest file; not read' },
    ]);
  });

  it('reads a 50 MB manifest within the default limit', () => {
    const doc =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: "' +
      'x'.repeat(50 * 1024 * 1024) +
      '"\n';
    const { objects, errors } = parseK8sText(doc, 'big.yaml');
    assert.deepEqual(errors, []);
    assert.equal(objects[0]!.name, 'big');
  });

  it('handles a BOM, an empty file, and comments only', () => {
    assert.equal(parseK8sText('\uFEFFapiVersion: v1\nkind: Pod\n', 'b.yaml').objects.length, 1);
    assert.deepEqual(parseK8sText('', 'e.yaml'), { objects: [], errors: [] });
    assert.deepEqual(parseK8sText('# nothing\n---\n', 'c.yaml'), { objects: [], errors: [] });
  });

  it('turns non-string annotation values into strings and ignores nested ones', () => {
    const { objects } = parseK8sText(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    a: 1\n    b: true\n    c: {d: e}\n',
      'a.yaml',
    );
    assert.deepEqual(objects[0]!.annotations, { a: '1', b: 'true' });
  });
});
