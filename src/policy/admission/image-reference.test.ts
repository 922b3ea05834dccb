import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageDigest, referenceCandidates } from './image-reference.ts';

const DIGEST = `sha256:${'ab'.repeat(32)}`;

describe('imageDigest', () => {
  it('reads a pinned sha256 digest only', () => {
    assert.equal(imageDigest(`nginx@${DIGEST}`), DIGEST);
    assert.equal(imageDigest(`ghcr.io/a/b:1.0@${DIGEST}`), DIGEST);
    assert.equal(imageDigest('nginx:1.25'), undefined);
    assert.equal(imageDigest('nginx@sha256:short'), undefined);
  });
});

describe('referenceCandidates', () => {
  const cases: [string, string[]][] = [
    ['nginx:1.25', ['nginx:1.25', 'docker.io/library/nginx:1.25']],
    ['docker.io/library/nginx:1.25', ['docker.io/library/nginx:1.25', 'nginx:1.25']],
    [
      'index.docker.io/bitnami/redis:7',
      ['index.docker.io/bitnami/redis:7', 'docker.io/bitnami/redis:7', 'bitnami/redis:7'],
    ],
    ['nginx', ['nginx', 'docker.io/library/nginx', 'docker.io/library/nginx:latest', 'nginx:latest']],
    ['registry.k8s.io/pause:3.9', ['registry.k8s.io/pause:3.9']],
    ['localhost:5000/app:dev', ['localhost:5000/app:dev']],
    [`ghcr.io/a/b@${DIGEST}`, [`ghcr.io/a/b@${DIGEST}`]],
    [`alpine:3.19@${DIGEST}`, [`alpine:3.19@${DIGEST}`, `docker.io/library/alpine:3.19@${DIGEST}`]],
    ['', ['']],
  ];
  for (const [image, want] of cases) {
    it(`${image || '(empty)'} → ${want.length} spelling(s), the given one first`, () => {
      assert.deepEqual(referenceCandidates(image), want);
    });
  }
});
