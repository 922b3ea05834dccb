import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedData } from '../../../test-support/shared-data.ts';
import { parseOsRelease } from './parse-os-release.ts';

describe('parseOsRelease', () => {
  it('reads the Debian 12 os-release in the shared Syft fixture', () => {
    const text = readFileSync(
      sharedData('fixtures/syft/syft/pkg/cataloger/debian/testdata/image-dpkg/etc/os-release'),
      'utf8',
    );
    const vars = parseOsRelease(text);
    assert.equal(vars.get('ID'), 'debian');
    assert.equal(vars.get('VERSION_ID'), '12');
    assert.equal(vars.get('PRETTY_NAME'), 'Debian GNU/Linux 12 (bookworm)');
    assert.equal(vars.get('VERSION_CODENAME'), 'bookworm');
  });

  it("reads this machine's /usr/lib/os-release like the shell would", () => {
    const text = readFileSync('/usr/lib/os-release', 'utf8');
    const vars = parseOsRelease(text);
    // Every line is KEY=value or KEY="value" without escapes in the distro files we ship.
    for (const line of text.split('\n').filter((l) => /^[A-Z_]+=/.test(l))) {
      const [key, ...rest] = line.split('=');
      assert.equal(vars.get(key!), rest.join('=').replace(/^"(.*)"$/, '$1'), line);
    }
  });

  // The examples and rules of os-release(5): quoting, escaping, comments.
  const cases: [string, string, Record<string, string>][] = [
    ['double quotes', 'NAME="Fedora Linux"', { NAME: 'Fedora Linux' }],
    ['single quotes are literal', 'NAME=\'a \\"b\\" $c\'', { NAME: 'a \\"b\\" $c' }],
    [
      'escapes in double quotes',
      'PRETTY_NAME="a \\"quoted\\" \\$HOME \\\\ \\`x\\`"',
      { PRETTY_NAME: 'a "quoted" $HOME \\ `x`' },
    ],
    ['a backslash before another character stays', 'X="C:\\dir"', { X: 'C:\\dir' }],
    ['unquoted escape', 'X=a\\ b', { X: 'a b' }],
    ['comments and blank lines', '# comment\n\n  # indented comment\nID=arch\n', { ID: 'arch' }],
    ['CRLF line ends', 'ID=debian\r\nVERSION_ID="12"\r\n', { ID: 'debian', VERSION_ID: '12' }],
    ['later assignment wins', 'ID=a\nID=b', { ID: 'b' }],
    ['unterminated quote: variable skipped', 'NAME="broken\nID=x', { ID: 'x' }],
    ['lines that are not assignments are skipped', 'this is junk\nexport ID=nope\nID=ok', { ID: 'ok' }],
    ['control characters dropped', 'ID=deb\u0001ian', { ID: 'debian' }],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => assert.deepEqual(Object.fromEntries(parseOsRelease(text)), want));
  }
});
