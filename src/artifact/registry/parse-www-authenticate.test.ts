import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWwwAuthenticate } from './parse-www-authenticate.ts';

describe('parseWwwAuthenticate', () => {
  it('reads a Docker Hub bearer challenge', () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
      ),
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:library/alpine:pull',
          },
        },
      ],
    );
  });

  it('reads several challenges, token values, escapes and odd spacing', () => {
    assert.deepEqual(
      parseWwwAuthenticate(
        'Basic realm="a \\"b\\"", BEARER  realm = "https://x/t" , error=insufficient_scope',
      ),
      [
        { scheme: 'basic', params: { realm: 'a "b"' } },
        { scheme: 'bearer', params: { realm: 'https://x/t', error: 'insufficient_scope' } },
      ],
    );
  });

  it('takes header arrays and never throws on garbage', () => {
    assert.deepEqual(
      parseWwwAuthenticate(['Basic realm="r"', 'Bearer realm="s"']).map((c) => c.scheme),
      ['basic', 'bearer'],
    );
    assert.deepEqual(parseWwwAuthenticate(undefined), []);
    assert.deepEqual(parseWwwAuthenticate('"'), []);
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="unterminated'), [
      { scheme: 'bearer', params: { realm: 'unterminated' } },
    ]);
  });
});
