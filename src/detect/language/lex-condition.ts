import { type ConditionResult, errorAt, positionFinder } from './condition-error.ts';

export type TokenKind = 'lparen' | 'rparen' | 'comma' | 'op' | 'word' | 'string';

export interface Token {
  readonly kind: TokenKind;
  /** The word or symbol as written; for `string`, the unquoted, unescaped value. */
  readonly text: string;
  /** 0-based offsets of the token in the condition, end exclusive. */
  readonly offset: number;
  readonly end: number;
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** Characters that end a bare word (field names, keywords, unquoted values). */
function endsWord(text: string, i: number): boolean {
  const c = text[i]!;
  if (isSpace(c) || c === '(' || c === ')' || c === ',' || c === '"' || c === "'") return true;
  if (c === '=' || c === '<' || c === '>') return true;
  return c === '!' && text[i + 1] === '=';
}

/**
 * Splits a Falco condition into tokens. Words are deliberately loose (`/healthz?`, `system:anonymous`,
 * `registry.k8s.io/x`, `ka.x[/json/pointer]`) because Falco's unquoted values are; the parser decides
 * whether a word is a keyword, a field, a macro or a value. A `[` inside a word runs to its `]`, so
 * field arguments may hold any character but `]`.
 */
export function lexCondition(text: string): ConditionResult<Token[]> {
  const at = positionFinder(text);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({
        kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma',
        text: c,
        offset: i,
        end: i + 1,
      });
      i++;
    } else if (c === '=' || c === '<' || c === '>' || (c === '!' && text[i + 1] === '=')) {
      const two = text.slice(i, i + 2);
      const op = two === '==' || two === '!=' || two === '<=' || two === '>=' ? two : c;
      tokens.push({ kind: 'op', text: op, offset: i, end: i + op.length });
      i += op.length;
    } else if (c === '"' || c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) return errorAt(at(start), `Unterminated string starting with ${c}`);
        const d = text[i]!;
        if (d === c) break;
        if (d === '\\' && i + 1 < text.length) {
          const e = text[i + 1]!;
          value += ESCAPES[e] ?? `\\${e}`;
          i += 2;
        } else {
          value += d;
          i++;
        }
      }
      i++;
      tokens.push({ kind: 'string', text: value, offset: start, end: i });
    } else {
      while (i < text.length && !endsWord(text, i)) {
        if (text[i] === '[') {
          const close = text.indexOf(']', i + 1);
          if (close < 0) return errorAt(at(i), "Unterminated '[' in field argument");
          i = close + 1;
        } else {
          i++;
        }
      }
      tokens.push({ kind: 'word', text: text.slice(start, i), offset: start, end: i });
    }
  }
  return { ok: true, value: tokens };
}
