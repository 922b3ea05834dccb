import type { CompareOperator, ConditionNode, ConditionValue, FieldRef, ValueItem } from './condition-ast.ts';
import { SCALAR_OPERATORS, SET_OPERATORS } from './condition-ast.ts';
import {
  type ConditionError,
  type ConditionPosition,
  type ConditionResult,
  positionFinder,
} from './condition-error.ts';
import { lexCondition, type Token } from './lex-condition.ts';

const KEYWORDS = new Set(['and', 'or', 'not']);
const FIELD = /^([A-Za-z_][A-Za-z0-9_.-]*)(?:\[([^\]]*)\])?$/;

class ParseFailure extends Error {
  constructor(readonly condition: ConditionError) {
    super(condition.message);
  }
}

/**
 * Parses a Falco condition into an AST: `not` binds tighter than `and`, which binds tighter than
 * `or`. A bare name with a dot or an argument is a boolean field; without one it is a macro
 * reference, left for `expandCondition`. Never throws: a syntax error is returned with its position.
 */
export function parseCondition(text: string): ConditionResult<ConditionNode> {
  const lexed = lexCondition(text);
  if (!lexed.ok) return lexed;
  const tokens = lexed.value;
  const at = positionFinder(text);
  let i = 0;

  const fail = (offset: number, message: string): never => {
    throw new ParseFailure({ ...at(offset), message });
  };
  const describe = (t: Token | undefined): string =>
    t === undefined ? 'the end of the condition' : t.kind === 'string' ? `"${t.text}"` : `'${t.text}'`;
  const isWord = (t: Token | undefined, word: string): boolean => t?.kind === 'word' && t.text === word;

  const parseOr = (): ConditionNode => {
    const first = parseAnd();
    const items = [first];
    while (isWord(tokens[i], 'or')) {
      i++;
      items.push(parseAnd());
    }
    return items.length === 1 ? first : { kind: 'or', items, pos: first.pos };
  };

  const parseAnd = (): ConditionNode => {
    const first = parseNot();
    const items = [first];
    while (isWord(tokens[i], 'and')) {
      i++;
      items.push(parseNot());
    }
    return items.length === 1 ? first : { kind: 'and', items, pos: first.pos };
  };

  const parseNot = (): ConditionNode => {
    const t = tokens[i];
    if (isWord(t, 'not')) {
      i++;
      return { kind: 'not', operand: parseNot(), pos: at(t!.offset) };
    }
    return parsePrimary();
  };

  const parsePrimary = (): ConditionNode => {
    const t = tokens[i];
    if (t?.kind === 'lparen') {
      i++;
      const inner = parseOr();
      const close = tokens[i];
      if (close?.kind !== 'rparen')
        fail(close?.offset ?? text.length, `Expected ')' but found ${describe(close)}`);
      i++;
      return inner;
    }
    if (t?.kind !== 'word' || KEYWORDS.has(t.text)) {
      return fail(
        t?.offset ?? text.length,
        `Expected a field, a macro, 'not' or '(' but found ${describe(t)}`,
      );
    }
    i++;
    const pos = at(t.offset);
    const next = tokens[i];
    const op =
      next?.kind === 'op' ||
      (next?.kind === 'word' && (SCALAR_OPERATORS.has(next.text) || SET_OPERATORS.has(next.text)))
        ? next.text
        : undefined;
    if (op === undefined && !isWord(next, 'exists')) {
      if (!t.text.includes('.') && !t.text.includes('[')) {
        if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(t.text))
          fail(t.offset, `'${t.text}' is not a valid macro name`);
        return { kind: 'macro', name: t.text, pos };
      }
      return { kind: 'field', field: fieldRef(t, pos), pos };
    }
    const field = fieldRef(t, pos);
    i++;
    if (op === undefined) return { kind: 'exists', field, pos };
    if (!SCALAR_OPERATORS.has(op) && !SET_OPERATORS.has(op)) fail(next!.offset, `Unknown operator '${op}'`);
    const value = parseValue();
    if (value.kind === 'list' && SCALAR_OPERATORS.has(op)) {
      fail(value.pos.offset, `Operator '${op}' takes one value, not a list`);
    }
    return { kind: 'compare', field, op: op as CompareOperator, value, pos };
  };

  const fieldRef = (t: Token, pos: ConditionPosition): FieldRef => {
    const m = FIELD.exec(t.text);
    if (m === null) return fail(t.offset, `'${t.text}' is not a valid field name`);
    return { name: m[1]!, arg: m[2], pos };
  };

  const item = (t: Token): ValueItem => ({ text: t.text, quoted: t.kind === 'string', pos: at(t.offset) });

  const parseValue = (): ConditionValue => {
    const t = tokens[i];
    if (t?.kind === 'word' || t?.kind === 'string') {
      i++;
      return { kind: 'scalar', item: item(t) };
    }
    if (t?.kind !== 'lparen')
      return fail(t?.offset ?? text.length, `Expected a value but found ${describe(t)}`);
    i++;
    const items: ValueItem[] = [];
    for (;;) {
      const v = tokens[i];
      if (v?.kind === 'rparen') break;
      if (v?.kind !== 'word' && v?.kind !== 'string') {
        return fail(v?.offset ?? text.length, `Expected a list item or ')' but found ${describe(v)}`);
      }
      items.push(item(v));
      i++;
      const sep = tokens[i];
      if (sep?.kind === 'comma') i++;
      else if (sep?.kind !== 'rparen')
        fail(sep?.offset ?? text.length, `Expected ',' or ')' but found ${describe(sep)}`);
    }
    i++;
    return { kind: 'list', items, pos: at(t.offset) };
  };

  try {
    if (tokens.length === 0) return { ok: false, error: { ...at(0), message: 'The condition is empty' } };
    const ast = parseOr();
    const rest = tokens[i];
    if (rest !== undefined) fail(rest.offset, `Unexpected ${describe(rest)} after a complete condition`);
    return { ok: true, value: ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.condition };
    throw e;
  }
}
