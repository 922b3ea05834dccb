import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseControl } from './parse-control.ts';

const fields = (text: string) => parseControl(text).stanzas.map((s) => Object.fromEntries(s.fields));

describe('parseControl', () => {
  it('splits paragraphs, lowercases names, joins continuation lines', () => {
    const text = 'Package: a\nDescription: short\n long line\n .\n more\n\n\nPackage: b\nDepends: x,\n y\n';
    assert.deepEqual(fields(text), [
      { package: 'a', description: 'short\nlong line\n.\nmore' },
      { package: 'b', depends: 'x,\ny' },
    ]);
    assert.deepEqual(
      parseControl(text).stanzas.map((s) => s.line),
      [1, 8],
    );
  });

  it('an empty field value followed by continuation lines (Conffiles:) keeps only the lines', () => {
    assert.deepEqual(fields('Conffiles:\n /etc/a 0123\n /etc/b 4567\n'), [
      { conffiles: '/etc/a 0123\n/etc/b 4567' },
    ]);
  });

  it('accepts a last paragraph without a trailing blank line (Syft rejects `Package: apt`)', () => {
    assert.deepEqual(fields('Package: apt'), [{ package: 'apt' }]);
  });

  it('CRLF and whitespace-only separator lines', () => {
    assert.deepEqual(fields('Package: a\r\n \t\r\nPackage: b\r\n'), [{ package: 'a' }, { package: 'b' }]);
  });

  // Syft's Test_parseDpkgStatus_negativeCases and Test_handleNewKeyValue, as paragraph errors.
  const bad: [string, string, string][] = [
    ['duplicated key', 'Package: apt\nPackage: apt-get\n\n', 'line 2: field Package given twice'],
    [
      'no match for continuation',
      '  Package: apt\n\n',
      "line 1: continuation line with no field before it: '  Package: apt'",
    ],
    ['cannot parse field', 'blabla', "line 1: expected 'Field: value', found 'blabla'"],
  ];
  for (const [name, text, message] of bad) {
    it(`drops a paragraph with an error: ${name}`, () => {
      const parsed = parseControl(text);
      assert.deepEqual(parsed.stanzas, []);
      assert.deepEqual(parsed.errors, [{ line: 1, message }]);
    });
  }

  it('keeps the paragraphs around a bad one', () => {
    const parsed = parseControl('Package: a\n\nthis is junk\nPackage: x\n\nPackage: b\n');
    assert.deepEqual(
      parsed.stanzas.map((s) => s.fields.get('package')),
      ['a', 'b'],
    );
    assert.equal(parsed.errors.length, 1);
    assert.equal(parsed.errors[0]!.line, 3);
  });

  it('quotes junk printably and briefly', () => {
    const parsed = parseControl(`\u0000\u0001${'x'.repeat(100)}`);
    assert.equal(
      parsed.errors[0]!.message,
      `line 1: expected 'Field: value', found '??${'x'.repeat(55)}...'`,
    );
  });
});
