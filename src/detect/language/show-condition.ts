import type { ConditionNode, ConditionValue } from './condition-ast.ts';

/** A compact S-expression of a condition (`(and (= ka.verb get) macro:kevt)`), for tests and debugging; quoted values print quoted. */
export function showCondition(node: ConditionNode): string {
  const value = (v: ConditionValue): string =>
    v.kind === 'scalar'
      ? v.item.quoted
        ? JSON.stringify(v.item.text)
        : v.item.text
      : `(${v.items.map((i) => (i.quoted ? JSON.stringify(i.text) : i.text)).join(' ')})`;
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.kind} ${node.items.map(showCondition).join(' ')})`;
    case 'not':
      return `(not ${showCondition(node.operand)})`;
    case 'compare':
      return `(${node.op} ${fieldText(node.field)} ${value(node.value)})`;
    case 'exists':
      return `(exists ${fieldText(node.field)})`;
    case 'field':
      return `field:${fieldText(node.field)}`;
    case 'macro':
      return `macro:${node.name}`;
  }
}

function fieldText(f: { name: string; arg: string | undefined }): string {
  return f.arg === undefined ? f.name : `${f.name}[${f.arg}]`;
}
