import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isBulwarkError } from '../../core/errors.ts';
import { type ImageReference, parseReference } from './parse-reference.ts';

const D = `sha256:${'a'.repeat(64)}`;

const valid: [string, { [K in keyof ImageReference]?: ImageReference[K] | undefined }][] = [
  [
    'alpine',
    {
      registry: 'docker.io',
      endpoint: 'registry-1.docker.io',
      repository: 'library/alpine',
      tag: 'latest',
      familiarName: 'alpine',
    },
  ],
  ['alpine:3.19', { repository: 'library/alpine', tag: '3.19', familiarName: 'alpine' }],
  ['docker.io/alpine', { registry: 'docker.io', repository: 'library/alpine', familiarName: 'alpine' }],
  ['docker.io/library/alpine:edge', { repository: 'library/alpine', tag: 'edge', familiarName: 'alpine' }],
  [
    'index.docker.io/library/alpine',
    { registry: 'docker.io', endpoint: 'registry-1.docker.io', repository: 'library/alpine' },
  ],
  [
    'bitnami/redis:7.2',
    { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2', familiarName: 'bitnami/redis' },
  ],
  [
    'ghcr.io/org/team/app:v1.2.3',
    {
      registry: 'ghcr.io',
      endpoint: 'ghcr.io',
      repository: 'org/team/app',
      tag: 'v1.2.3',
      familiarName: 'ghcr.io/org/team/app',
    },
  ],
  ['localhost/app', { registry: 'localhost', repository: 'app', tag: 'latest' }],
  [
    'localhost:5000/app',
    { registry: 'localhost:5000', endpoint: 'localhost:5000', repository: 'app', tag: 'latest' },
  ],
  [
    '127.0.0.1:5000/ns/app:1',
    { registry: '127.0.0.1:5000', repository: 'ns/app', tag: '1', familiarName: '127.0.0.1:5000/ns/app' },
  ],
  ['[::1]:5000/app', { registry: '[::1]:5000', repository: 'app', tag: 'latest' }],
  ['Registry/app', { registry: 'Registry', repository: 'app' }],
  ['localhost:5000', { registry: 'docker.io', repository: 'library/localhost', tag: '5000' }],
  [`alpine@${D}`, { repository: 'library/alpine', digest: D, tag: undefined }],
  [`alpine:3.19@${D}`, { repository: 'library/alpine', tag: '3.19', digest: D }],
  [`127.0.0.1:5000/app:v1@${D}`, { registry: '127.0.0.1:5000', repository: 'app', tag: 'v1', digest: D }],
  ['a/b_c__d-e--f.g:T_1.x-y', { repository: 'a/b_c__d-e--f.g', tag: 'T_1.x-y' }],
  [`app@sha512:${'b'.repeat(128)}`, { digest: `sha512:${'b'.repeat(128)}` }],
];

const invalid: [string, RegExp][] = [
  ['', /empty/],
  ['Alpine', /lowercase/],
  ['docker.io/Library/alpine', /lowercase/],
  ['alpine:', /not a valid tag/],
  ['alpine:-x', /not a valid tag/],
  [`alpine:${'t'.repeat(129)}`, /not a valid tag/],
  ['alpine@sha256:abc', /digest/],
  ['alpine@md5:d41d8cd98f00b204e9800998ecf8427e', /digest/],
  ['https://ghcr.io/org/app', /URL scheme/],
  ['ghcr.io/', /repository name is missing/],
  [':tag', /repository name is missing/],
  ['app//x', /path component/],
  ['app-/x', /path component/],
  ['-bad.example/app', /registry host/],
  ['my app', /whitespace/],
  ['a'.repeat(64), /image ID/],
  [`x/${'a'.repeat(260)}`, /longer than 255/],
];

describe('parseReference', () => {
  for (const [ref, want] of valid) {
    it(`parses ${JSON.stringify(ref).slice(0, 60)}`, () => {
      const got = parseReference(ref);
      for (const [k, v] of Object.entries(want)) {
        assert.equal(got[k as keyof ImageReference], v, `${k} of ${ref}`);
      }
    });
  }
  for (const [ref, why] of invalid) {
    it(`rejects ${JSON.stringify(ref).slice(0, 60)}`, () => {
      assert.throws(
        () => parseReference(ref),
        (e: unknown) => isBulwarkError(e) && e.code === 'E_REFERENCE_INVALID' && why.test(e.message),
      );
    });
  }
});
