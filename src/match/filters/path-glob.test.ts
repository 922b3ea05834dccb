import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePathGlob } from './path-glob.ts';
import { parsePurlPattern, purlMatches } from './purl-pattern.ts';

describe('compilePathGlob', () => {
  const cases: [glob: string, path: string, matches: boolean][] = [
    ['app/lib/*.jar', 'app/lib/log4j-core-2.14.1.jar', true],
    ['app/lib/*.jar', 'app/lib/nested/x.jar', false],
    ['app/**', 'app/lib/nested/x.jar', true],
    ['**/*.jar', 'x.jar', true],
    ['**/*.jar', 'a/b/c/x.jar', true],
    ['**/*.jar', 'a/b/c/x.war', false],
    ['**', 'anything/at/all', true],
    ['/usr/lib/**', 'usr/lib/python3/x', true],
    ['./usr/lib/?.so', 'usr/lib/a.so', true],
    ['usr/lib/?.so', 'usr/lib/ab.so', false],
    ['var/lib/dpkg/status', 'var/lib/dpkg/status', true],
    ['var/lib/dpkg/status', 'var/lib/dpkg/status.d/x', false],
    ['lib/[a-c]*.jar', 'lib/b.jar', true],
    ['lib/[!a-c]*.jar', 'lib/b.jar', false],
    ['lib/[!a-c]*.jar', 'lib/z.jar', true],
    ['a+b/(x).jar', 'a+b/(x).jar', true],
    ['a.b', 'axb', false],
  ];
  for (const [glob, path, matches] of cases) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      const r = compilePathGlob(glob);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.value.test(path), matches);
    });
  }
  for (const [glob, why] of [
    ['', /empty/],
    ['/', /empty/],
    ['a**/b', /whole path segment/],
    ['a/**b', /whole path segment/],
    ['lib/[abc', /closing/],
  ] as const) {
    it(`refuses "${glob}"`, () => {
      const r = compilePathGlob(glob);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, why);
    });
  }
});

describe('purlMatches', () => {
  const pkg = 'pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12';
  const cases: [pattern: string, qualifiers: boolean, matches: boolean][] = [
    ['pkg:deb/debian/libc6', true, true],
    ['pkg:deb/debian/libc6@2.36-9+deb12u7', true, true],
    ['pkg:deb/debian/libc6@2.36-9', true, false],
    ['pkg:deb/debian/libc6?arch=amd64', true, true],
    ['pkg:deb/debian/libc6?arch=arm64', true, false],
    ['pkg:deb/debian/libc6?arch=arm64', false, true],
    ['pkg:deb/ubuntu/libc6', true, false],
    ['pkg:rpm/debian/libc6', true, false],
    ['pkg:deb/debian/libc-bin', true, false],
    ['pkg:DEB/debian/libc6', true, true],
  ];
  for (const [pattern, qualifiers, matches] of cases) {
    it(`${pattern} (qualifiers ${qualifiers ? 'compared' : 'ignored'}) → ${matches}`, () => {
      const p = parsePurlPattern(pattern);
      const q = parsePurlPattern(pkg);
      assert.ok(p.ok && q.ok);
      assert.equal(purlMatches(p.value, q.value, { qualifiers }), matches);
    });
  }
  it('PyPI names are normalised on both sides', () => {
    const p = parsePurlPattern('pkg:pypi/Django_Rest');
    const q = parsePurlPattern('pkg:pypi/django-rest@3.0');
    assert.ok(p.ok && q.ok);
    assert.ok(purlMatches(p.value, q.value, { qualifiers: true }));
  });
  it('refuses what is not a purl', () => {
    assert.equal(parsePurlPattern('log4j-core').ok, false);
    assert.equal(parsePurlPattern('pkg:').ok, false);
  });
});
