import type { ConditionNode, ConditionValue, ValueItem } from './condition-ast.ts';
import { type ConditionResult, errorAt } from './condition-error.ts';

export interface ConditionDefinitions {
  /** Parsed macro conditions by name (positions within each macro's own text). */
  readonly macros: ReadonlyMap<string, ConditionNode>;
  /** List items as written; an item naming another list stands for that list's items. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
}

class ExpandFailure extends Error {
  constructor(readonly result: ReturnType<typeof errorAt>) {
    super(result.error.message);
  }
}

/**
 * Replaces macro references by their (expanded) conditions and list names by their items: unquoted
 * items inside `( … )` and an unquoted single value of `in`/`intersects`/`pmatch`. Nodes taken from a
 * macro are tagged with the macro's name so later errors can say where they are. A macro that refers
 * to itself (directly or not), a list that contains itself, or an unknown name is an error.
 */
export function expandCondition(
  ast: ConditionNode,
  defs: ConditionDefinitions,
): ConditionResult<ConditionNode> {
  const listCache = new Map<string, readonly string[]>();

  const listItems = (name: string, chain: readonly string[], item: ValueItem): readonly string[] => {
    const cached = listCache.get(name);
    if (cached !== undefined) return cached;
    if (chain.includes(name)) {
      throw new ExpandFailure(errorAt(item.pos, `List cycle: ${[...chain, name].join(' -> ')}`));
    }
    const out: string[] = [];
    for (const entry of defs.lists.get(name) ?? []) {
      if (defs.lists.has(entry)) out.push(...listItems(entry, [...chain, name], item));
      else out.push(entry);
    }
    listCache.set(name, out);
    return out;
  };

  const expandItems = (items: readonly ValueItem[]): ValueItem[] =>
    items.flatMap((item) =>
      !item.quoted && defs.lists.has(item.text)
        ? listItems(item.text, [], item).map((text) => ({ text, quoted: true, pos: item.pos }))
        : [item],
    );

  const expandValue = (value: ConditionValue, isSet: boolean): ConditionValue => {
    if (value.kind === 'list') return { kind: 'list', items: expandItems(value.items), pos: value.pos };
    if (isSet && !value.item.quoted && defs.lists.has(value.item.text)) {
      return { kind: 'list', items: expandItems([value.item]), pos: value.item.pos };
    }
    return value;
  };

  const tag = (node: ConditionNode, macro: string): ConditionNode => retag(node, macro);

  const expand = (node: ConditionNode, chain: readonly string[]): ConditionNode => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, items: node.items.map((n) => expand(n, chain)), pos: node.pos };
      case 'not':
        return { kind: 'not', operand: expand(node.operand, chain), pos: node.pos };
      case 'compare':
        return {
          ...node,
          value: expandValue(
            node.value,
            node.op === 'in' || node.op === 'intersects' || node.op === 'pmatch',
          ),
        };
      case 'exists':
      case 'field':
        return node;
      case 'macro': {
        const body = defs.macros.get(node.name);
        if (body === undefined) {
          const what = defs.lists.has(node.name)
            ? `'${node.name}' is a list, not a macro`
            : `Undefined macro '${node.name}'`;
          throw new ExpandFailure(errorAt(node.pos, what));
        }
        if (chain.includes(node.name)) {
          throw new ExpandFailure(errorAt(node.pos, `Macro cycle: ${[...chain, node.name].join(' -> ')}`));
        }
        return expand(tag(body, node.name), [...chain, node.name]);
      }
    }
  };

  try {
    return { ok: true, value: expand(ast, []) };
  } catch (e) {
    if (e instanceof ExpandFailure) return e.result;
    throw e;
  }
}

/** A copy of a macro's AST whose positions name the macro (nested macro tags are kept). */
function retag(node: ConditionNode, macro: string): ConditionNode {
  const pos = node.pos.macro === undefined ? { ...node.pos, macro } : node.pos;
  switch (node.kind) {
    case 'and':
    case 'or':
      return { kind: node.kind, items: node.items.map((n) => retag(n, macro)), pos };
    case 'not':
      return { kind: 'not', operand: retag(node.operand, macro), pos };
    case 'compare': {
      const field = { ...node.field, pos };
      const at = (item: ValueItem): ValueItem => ({ ...item, pos: { ...item.pos, macro } });
      const value: ConditionValue =
        node.value.kind === 'scalar'
          ? { kind: 'scalar', item: at(node.value.item) }
          : { kind: 'list', items: node.value.items.map(at), pos: { ...node.value.pos, macro } };
      return { ...node, field, value, pos };
    }
    case 'exists':
    case 'field':
      return { ...node, field: { ...node.field, pos }, pos };
    case 'macro':
      return { ...node, pos };
  }
}
