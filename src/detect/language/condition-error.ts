/** Where a condition node or error starts, within the condition text it was parsed from. */
export interface ConditionPosition {
  /** 0-based offset in the condition text. */
  readonly offset: number;
  /** 1-based line and column. */
  readonly line: number;
  readonly column: number;
  /** Set when the node came from a macro's condition (the offsets are then within that macro's text). */
  readonly macro?: string;
}

/** A load error in a condition (syntax, undefined macro or list, unknown field), with its position. */
export interface ConditionError extends ConditionPosition {
  readonly message: string;
}

export type ConditionResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ConditionError };

/** Maps offsets of one text to line/column positions (a line table built once per text). */
export function positionFinder(text: string): (offset: number) => ConditionPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { offset, line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

export function errorAt(pos: ConditionPosition, message: string): { ok: false; error: ConditionError } {
  return { ok: false, error: { ...pos, message } };
}

/** `macro k8s_x, line 1, column 5: message` — the part a rules loader prefixes with file and rule. */
export function formatConditionError(e: ConditionError): string {
  const where = `line ${e.line}, column ${e.column}`;
  return e.macro === undefined ? `${where}: ${e.message}` : `macro ${e.macro}, ${where}: ${e.message}`;
}
