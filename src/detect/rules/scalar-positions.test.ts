import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { sharedData } from '../../test-support/shared-data.ts';
import { k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import { loadRules, type RuleLoadError } from './load-rules.ts';
import { scalarPositions } from './scalar-positions.ts';

const sources = new Map([['k8s_audit', k8sAuditSource]]);

/** The errors of loading `files` (path → text); fails when they load. */
function errors(files: Record<string, string>): RuleLoadError[] {
  const r = loadRules(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    sources,
  );
  assert.equal(r.ok, false, 'expected load errors');
  return r.ok ? [] : r.errors;
}

/** The 1-based line and column of the first `needle` in `text`. */
function find(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Every character of every `condition` scalar in `text` must map to the same character in the file. */
function checkEveryCharacter(text: string): number {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const fileLines = text.split('\n');
  let checked = 0;
  assert.ok(isSeq(doc.contents));
  for (const item of doc.contents.items) {
    if (!isMap(item)) continue;
    const node = item.get('condition', true);
    const at = scalarPositions(node, text, lines);
    if (at === undefined) continue;
    const value = String((node as { value: unknown }).value);
    for (let i = 0; i < value.length; i++) {
      if (/\s/.test(value[i]!)) continue;
      const p: { line: number; column: number } = at(i);
      const written: string | undefined = fileLines[p.line - 1]![p.column - 1];
      // An escaped character (`\"`, `\u0041`) maps to its backslash.
      if (written !== '\\') assert.equal(written, value[i], `offset ${i} of ${JSON.stringify(value)}`);
      checked++;
    }
  }
  return checked;
}

describe('scalarPositions', () => {
  it('maps every character of plain, quoted, literal and folded conditions back to the file', () => {
    const text = [
      '- macro: plain',
      '  condition: ka.verb=create and',
      '     ka.user.name=bob',
      '',
      '     and ka.uri=/x',
      '- macro: dq',
      '  condition: "ka.verb=\\"create\\" and\\tka.uri=/a\\u0041 and',
      '    ka.uri startswith /b"',
      '- macro: sq',
      "  condition: 'ka.user.name=''o''neil'' and",
      "    ka.verb=get'",
      '- macro: literal',
      '  condition: |',
      '    ka.verb=create',
      '',
      '      and ka.uri=/y',
      '    and ka.user.name=z',
      '- macro: folded',
      '  condition: >-',
      '    ka.verb=create',
      '    and (ka.uri=/z',
      '',
      '       or ka.uri=/w)',
      '    and ka.user.name=q',
      '',
    ].join('\n');
    assert.ok(checkEveryCharacter(text) > 150);
  });

  it("maps every character of Falco's own k8s_audit conditions", () => {
    const path = sharedData(
      'k8s/audit-falco/current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml',
    );
    assert.ok(checkEveryCharacter(readFileSync(path, 'utf8')) > 1000);
  });
});

describe('condition errors point into the rules file', () => {
  const rule = (condition: string): string =>
    `- rule: R\n  desc: d\n  condition: ${condition}\n  output: o\n  priority: INFO\n  source: k8s_audit\n`;

  it('an error on the 3rd line of a folded > condition is on that file line', () => {
    const text = rule(
      '>\n    ka.verb=create\n    and ka.target.resource=pods\n    and ka.nope=1\n    and ka.uri=/x',
    );
    const [e, ...more] = errors({ 'r.yaml': text });
    assert.equal(more.length, 0);
    assert.deepEqual([e!.file, e!.rule, e!.line, e!.column], ['r.yaml', 'R', 6, 9]);
    assert.deepEqual({ line: e!.line, column: e!.column }, find(text, 'ka.nope'));
    assert.match(e!.message, /rule "R" \(at line 1\)/);
  });

  it('an error in a literal | condition, with indentation kept', () => {
    const text = rule('|\n    ka.verb=create and\n      (ka.uri=/a or ka.uri=(');
    const [e] = errors({ 'r.yaml': text });
    assert.equal(e!.line, 5);
    assert.match(e!.message, /rule "R"/);
  });

  it('a syntax error in a plain multi-line and a double-quoted condition', () => {
    const plain = rule('ka.verb=create\n    and ka.target.resource=pods\n    and ka.bad.field=1');
    const [p] = errors({ 'p.yaml': plain });
    assert.deepEqual({ line: p!.line, column: p!.column }, find(plain, 'ka.bad.field'));
    const quoted = rule('"ka.uri=\\"/a\\" and ka.nope exists"');
    const [q] = errors({ 'q.yaml': quoted });
    assert.deepEqual({ line: q!.line, column: q!.column }, find(quoted, 'ka.nope'));
  });

  it("an error inside a macro points at the macro's condition, in the macro's file", () => {
    const macros = '- macro: m1\n  condition: >\n    ka.verb=create\n    and ka.wrong=1\n';
    const [e] = errors({ 'macros.yaml': macros, 'rules.yaml': rule('m1 and ka.uri=/x') });
    assert.deepEqual([e!.file, e!.line, e!.column], ['macros.yaml', 4, 9]);
    assert.match(e!.message, /rule "R" \(at line 1\): condition macro m1, line 1, column 20/);
  });

  it('an error in an appended condition points at the appending item', () => {
    const base = rule('ka.verb=create');
    const more = '- rule: R\n  condition: and ka.missing=1\n  append: true\n';
    const [e] = errors({ 'base.yaml': base, 'local.yaml': more });
    assert.deepEqual([e!.file, e!.line, e!.column], ['local.yaml', 2, 18]);
    const broken = '- rule: R\n  condition: and (\n  override: { condition: append }\n';
    const [s] = errors({ 'base.yaml': base, 'local.yaml': broken });
    assert.deepEqual([s!.file, s!.line], ['local.yaml', 2]);
  });

  it("a correlation step's condition error points into that step", () => {
    const text = [
      '- correlation: C',
      '  within: 1m',
      '  by: [ka.user.name]',
      '  sequence:',
      '    - condition: ka.verb=create',
      '    - condition: >',
      '        ka.verb=delete',
      '        and ka.nope=x',
      '  output: o',
      '  priority: INFO',
      '',
    ].join('\n');
    const [e] = errors({ 'c.yaml': text });
    assert.deepEqual([e!.file, e!.correlation, e!.line, e!.column], ['c.yaml', 'C', 8, 13]);
    assert.match(e!.message, /Correlation "C", step 2/);
  });
});
