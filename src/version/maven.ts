import { err, ok, type Result } from '../core/result.ts';
import type { Ordering, VersionScheme } from './version-scheme.ts';

/**
 * Maven versions, ordered like Maven's ComparableVersion (the ordering Maven Central metadata and
 * OSV ranges assume). A version is a tree: '.' separates items of one list, while '-' and every
 * digit/letter transition open a nested list. Items are numbers, qualifiers or sub-lists.
 *
 * Known limit, inherited from Maven 3 and required by the osv-scalibr vectors (".RC1" must sort
 * before "-RC0"): the order is not transitive when a '.'-qualifier follows zeros, e.g.
 * "1" < "1a" < "1.0.0.Beta1" < "1". Treating ".Beta1" as "-Beta1" (Maven 3.9+) would fix that
 * but breaks 20 vector rows, so real-world inputs keep Maven 3's answers.
 */
export type MavenItem =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'list'; readonly items: readonly MavenItem[] };

export interface MavenVersion {
  readonly raw: string;
  readonly items: readonly MavenItem[];
}

/** Known qualifiers in ascending order; '' is the release itself, so alpha..snapshot sort before it. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_RANK = QUALIFIERS.indexOf('');
/** Spellings Maven treats as the same qualifier. */
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };

type Mutable = { kind: 'list'; items: MavenItem[] };

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** a/b/m are only shorthands when a number follows directly ("1.0b2"), never on their own ("1.0-b"). */
function qualifier(text: string, followedByDigit: boolean): MavenItem {
  let value = text;
  if (followedByDigit && value.length === 1) {
    value = value === 'a' ? 'alpha' : value === 'b' ? 'beta' : value === 'm' ? 'milestone' : value;
  }
  return { kind: 'str', value: ALIASES[value] ?? value };
}

function item(text: string, digits: boolean): MavenItem {
  return digits ? { kind: 'int', value: BigInt(text) } : qualifier(text, false);
}

/** "Null" items (0, release qualifier, empty list) are what a shorter version is padded with. */
function isNull(i: MavenItem): boolean {
  if (i.kind === 'int') return i.value === 0n;
  if (i.kind === 'str') return i.value === '';
  return i.items.length === 0;
}

/** Trailing nulls carry no meaning ("1.0.0" is "1"), but the scan stops at the first real non-list item. */
function normalize(list: Mutable, root: Mutable): void {
  for (let i = list.items.length - 1; i >= 0; i--) {
    const last = list.items[i]!;
    if (isNull(last)) list.items.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
  // A dropped null before a '-' ("1-ga-1", "1-0-1") must leave no extra nesting behind: the version
  // equals "1-1", so a list holding only a sub-list takes over that sub-list's items.
  while (list !== root && list.items.length === 1) {
    const only = list.items[0]!;
    if (only.kind !== 'list') break;
    list.items = [...only.items];
  }
}

function parse(raw: string): Result<MavenVersion> {
  if (raw.trim() === '') return err('empty Maven version');
  if (/\s/.test(raw)) return err('Maven version contains whitespace');
  const text = raw.toLowerCase();
  const root: Mutable = { kind: 'list', items: [] };
  let list = root;
  const stack: Mutable[] = [root];
  const openSublist = (): void => {
    const sub: Mutable = { kind: 'list', items: [] };
    list.items.push(sub);
    list = sub;
    stack.push(sub);
  };
  let digits = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.' || c === '-') {
      // An empty component ("1..2", "1-") counts as 0.
      list.items.push(i === start ? { kind: 'int', value: 0n } : item(text.slice(start, i), digits));
      start = i + 1;
      if (c === '-') openSublist();
    } else if (isDigit(c)) {
      if (!digits && i > start) {
        // letters then digits ("rc1"): the qualifier is a shorthand candidate, the number nests under it
        list.items.push(qualifier(text.slice(start, i), true));
        start = i;
        openSublist();
      }
      digits = true;
    } else {
      if (digits && i > start) {
        list.items.push(item(text.slice(start, i), true));
        start = i;
        openSublist();
      }
      digits = false;
    }
  }
  if (text.length > start) list.items.push(item(text.slice(start), digits));
  // Innermost lists first, so an emptied sub-list becomes null for its parent's normalisation.
  for (let i = stack.length - 1; i >= 0; i--) normalize(stack[i]!, root);
  return ok({ raw, items: root.items });
}

function rank(q: string): number {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? QUALIFIERS.length : i;
}

function compareQualifiers(a: string, b: string): Ordering {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  // Unknown qualifiers sort after all known ones, alphabetically among themselves.
  if (ra === QUALIFIERS.length && a !== b) return a < b ? -1 : 1;
  return 0;
}

function negate(o: Ordering): Ordering {
  return o === 0 ? 0 : o === 1 ? -1 : 1;
}

/** Compares an item with "nothing" (the padding of a shorter list). */
function compareWithNull(a: MavenItem): Ordering {
  if (a.kind === 'int') return a.value === 0n ? 0 : 1;
  if (a.kind === 'str') {
    const r = rank(a.value);
    return r === RELEASE_RANK ? 0 : r < RELEASE_RANK ? -1 : 1;
  }
  const first = a.items[0];
  return first === undefined ? 0 : compareWithNull(first);
}

/** Mixed kinds: number > list > qualifier, so "1.1" > "1-1" > "1.alpha". */
const KIND_ORDER = { str: 0, list: 1, int: 2 } as const;

function compareItems(a: MavenItem, b: MavenItem): Ordering {
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] < KIND_ORDER[b.kind] ? -1 : 1;
  if (a.kind === 'int' && b.kind === 'int') return a.value === b.value ? 0 : a.value < b.value ? -1 : 1;
  if (a.kind === 'str' && b.kind === 'str') return compareQualifiers(a.value, b.value);
  if (a.kind === 'list' && b.kind === 'list') return compareLists(a.items, b.items);
  return 0;
}

function compareLists(a: readonly MavenItem[], b: readonly MavenItem[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    const r =
      x === undefined
        ? y === undefined
          ? 0
          : negate(compareWithNull(y))
        : y === undefined
          ? compareWithNull(x)
          : compareItems(x, y);
    if (r !== 0) return r;
  }
  return 0;
}

export const mavenVersion: VersionScheme<MavenVersion> = {
  name: 'maven',
  parse,
  compare: (a, b) => compareLists(a.items, b.items),
};
