import type { ConditionPosition } from './condition-error.ts';

/** Operators that compare a field with one value. */
export type ScalarOperator =
  | '='
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'contains'
  | 'icontains'
  | 'startswith'
  | 'endswith'
  | 'glob';

/** Operators that compare a field with a set of values. */
export type SetOperator = 'in' | 'intersects' | 'pmatch';

export type CompareOperator = ScalarOperator | SetOperator;

export const SCALAR_OPERATORS: ReadonlySet<string> = new Set<ScalarOperator>([
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'icontains',
  'startswith',
  'endswith',
  'glob',
]);
export const SET_OPERATORS: ReadonlySet<string> = new Set<SetOperator>(['in', 'intersects', 'pmatch']);

/** `ka.req.pod.containers.image[0]` → name `ka.req.pod.containers.image`, arg `0`. */
export interface FieldRef {
  readonly name: string;
  readonly arg: string | undefined;
  readonly pos: ConditionPosition;
}

/** One value as written: `quoted` values are never taken for list names. */
export interface ValueItem {
  readonly text: string;
  readonly quoted: boolean;
  readonly pos: ConditionPosition;
}

export type ConditionValue =
  | { readonly kind: 'scalar'; readonly item: ValueItem }
  | { readonly kind: 'list'; readonly items: readonly ValueItem[]; readonly pos: ConditionPosition };

export type ConditionNode =
  | { readonly kind: 'and'; readonly items: readonly ConditionNode[]; readonly pos: ConditionPosition }
  | { readonly kind: 'or'; readonly items: readonly ConditionNode[]; readonly pos: ConditionPosition }
  | { readonly kind: 'not'; readonly operand: ConditionNode; readonly pos: ConditionPosition }
  | {
      readonly kind: 'compare';
      readonly field: FieldRef;
      readonly op: CompareOperator;
      readonly value: ConditionValue;
      readonly pos: ConditionPosition;
    }
  | { readonly kind: 'exists'; readonly field: FieldRef; readonly pos: ConditionPosition }
  /** A bare field used as a boolean. */
  | { readonly kind: 'field'; readonly field: FieldRef; readonly pos: ConditionPosition }
  /** A bare name without a dot: a macro reference, replaced by `expandCondition`. */
  | { readonly kind: 'macro'; readonly name: string; readonly pos: ConditionPosition };
