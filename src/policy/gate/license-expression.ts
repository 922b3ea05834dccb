/** A parsed SPDX licence expression; a leaf is one licence, optionally with an exception. */
export type LicenseNode =
  | { readonly op: 'license'; readonly id: string; readonly exception?: string }
  | { readonly op: 'and' | 'or'; readonly left: LicenseNode; readonly right: LicenseNode };

const TOKEN_RE = /\(|\)|[^\s()]+/g;
const MAX_TOKENS = 512;

/**
 * Parses an SPDX licence expression (`MIT OR Apache-2.0`, `(A AND B) OR C`, `GPL-2.0-only WITH
 * Classpath-exception-2.0`, `GPL-2.0+`). Operators are upper-case as SPDX requires; AND binds
 * tighter than OR. Licence ids are not checked against the SPDX list (LicenseRef-… and
 * non-standard names are leaves like any other). Anything that is not a well-formed expression —
 * a declared text such as `GPL-2 or later`, `public domain` — is one leaf holding the whole text.
 */
export function parseLicenseExpression(text: string): LicenseNode {
  const whole: LicenseNode = { op: 'license', id: text.trim() };
  const tokens = text.match(TOKEN_RE) ?? [];
  if (tokens.length === 0) return whole;
  // Real expressions have a handful of terms; a huge one is not parsed (nor recursed into).
  if (tokens.length > MAX_TOKENS) return whole;

  let pos = 0;
  const isOperator = (t: string | undefined) => t === 'AND' || t === 'OR' || t === 'WITH';
  // Recursive descent; returns undefined on any syntax error.
  const primary = (): LicenseNode | undefined => {
    const t = tokens[pos];
    if (t === '(') {
      pos++;
      const inner = orExpr();
      if (!inner || tokens[pos] !== ')') return undefined;
      pos++;
      return inner;
    }
    if (t === undefined || t === ')' || isOperator(t)) return undefined;
    pos++;
    if (tokens[pos] === 'WITH') {
      const exception = tokens[pos + 1];
      if (exception === undefined || exception === '(' || exception === ')' || isOperator(exception))
        return undefined;
      pos += 2;
      return { op: 'license', id: t, exception };
    }
    return { op: 'license', id: t };
  };
  const binary = (op: 'and' | 'or', word: string, next: () => LicenseNode | undefined) => () => {
    let left = next();
    while (left && tokens[pos] === word) {
      pos++;
      const right = next();
      left = right ? { op, left, right } : undefined;
    }
    return left;
  };
  const andExpr = binary('and', 'AND', primary);
  const orExpr: () => LicenseNode | undefined = binary('or', 'OR', andExpr);
  const tree = orExpr();
  return tree && pos === tokens.length ? tree : whole;
}

/** A `deny`/`allow` entry: a licence id with `*` wildcards, optionally `… WITH <exception>`. */
export interface LicensePattern {
  readonly text: string;
  readonly withException: boolean;
  readonly regex: RegExp;
}

export function compileLicensePattern(text: string): LicensePattern {
  const source = text
    .trim()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
    .join('.*');
  return { text, withException: /\sWITH\s/i.test(text), regex: new RegExp(`^${source}$`, 'i') };
}

export interface LicenseLists {
  readonly deny: readonly LicensePattern[];
  /** When given, every licence must match one of these (an allow-list). */
  readonly allow?: readonly LicensePattern[];
}

function matches(p: LicensePattern, leaf: { id: string; exception?: string }): boolean {
  if (!p.withException) return p.regex.test(leaf.id);
  return leaf.exception !== undefined && p.regex.test(`${leaf.id} WITH ${leaf.exception}`);
}

/** Whether one licence (leaf) is denied; see docs/gate-policy.md for the order of the checks. */
function leafDenied(leaf: { id: string; exception?: string }, lists: LicenseLists): boolean {
  // An allow entry that names the exception is the most specific statement and wins.
  if (leaf.exception !== undefined && lists.allow?.some((p) => p.withException && matches(p, leaf)))
    return false;
  if (lists.deny.some((p) => matches(p, leaf))) return true;
  return lists.allow !== undefined && !lists.allow.some((p) => matches(p, leaf));
}

/**
 * True when the expression cannot be satisfied without a denied licence: a leaf is denied per the
 * lists; `A AND B` is denied when either side is; `A OR B` only when both are (the user may pick
 * the allowed option).
 */
export function licenseDenied(node: LicenseNode, lists: LicenseLists): boolean {
  switch (node.op) {
    case 'license':
      return leafDenied(node, lists);
    case 'and':
      return licenseDenied(node.left, lists) || licenseDenied(node.right, lists);
    case 'or':
      return licenseDenied(node.left, lists) && licenseDenied(node.right, lists);
  }
}
