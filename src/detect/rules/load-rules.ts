import { isSeq, LineCounter, parseDocument } from 'yaml';
import type { FieldSource } from '../field-source.ts';
import { compileCondition } from '../language/compile-condition.ts';
import type { ConditionNode } from '../language/condition-ast.ts';
import { type ConditionError, formatConditionError } from '../language/condition-error.ts';
import { expandCondition } from '../language/expand-condition.ts';
import { parseCondition } from '../language/parse-condition.ts';
import { exceptionCondition, type RuleException } from './build-exceptions.ts';
import { compileOutput } from './render-output.ts';
import { applyItem, type RuleDef, type RulesState } from './rules-items.ts';

export interface RulesFile {
  readonly path: string;
  readonly text: string;
}

export interface RuleLoadError {
  readonly file: string;
  readonly rule?: string;
  /** 1-based position: in the condition (or macro) text for condition errors, else in the file. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface CompiledRule {
  readonly name: string;
  readonly desc: string;
  readonly priority: string;
  readonly source: string;
  readonly tags: readonly string[];
  /** The condition with macros, lists and exceptions expanded: what `match` was compiled from. */
  readonly condition: ConditionNode;
  readonly match: (event: unknown) => boolean;
  readonly output: (event: unknown) => string;
  readonly outputFields: (event: unknown) => Record<string, unknown>;
}

export type LoadRulesResult =
  | { readonly ok: true; readonly rules: CompiledRule[] }
  | { readonly ok: false; readonly errors: RuleLoadError[] };

/**
 * Loads Falco rules files in order (lists, macros, rules, `append`, `override`, exceptions), then
 * compiles every enabled rule whose source is loaded. All-or-nothing: any error anywhere gives
 * `{ ok: false }` with every error found, and no rules.
 */
export function loadRules(
  files: readonly RulesFile[],
  sources: ReadonlyMap<string, FieldSource>,
): LoadRulesResult {
  const errors: RuleLoadError[] = [];
  const state: RulesState = { lists: new Map(), macros: new Map(), rules: new Map() };

  for (const file of files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(file.text, { lineCounter, prettyErrors: false });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lineCounter.linePos(e.pos[0]);
        errors.push({ file: file.path, line: pos.line, column: pos.col, message: e.message });
      }
      continue;
    }
    if (doc.contents === null) continue;
    if (!isSeq(doc.contents)) {
      errors.push({ file: file.path, line: 1, column: 1, message: 'Rules content is not a YAML sequence' });
      continue;
    }
    for (const node of doc.contents.items) {
      const offset = (node as { range?: [number, number, number] }).range?.[0] ?? 0;
      const line = lineCounter.linePos(offset).line;
      const problem = applyItem(state, (node as { toJSON(): unknown }).toJSON(), file.path, line);
      if (problem !== undefined) {
        errors.push({ file: file.path, line, column: 1, ...problem });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const macros = new Map<string, ConditionNode>();
  for (const [name, def] of state.macros) {
    const parsed = parseCondition(def.condition);
    if (parsed.ok) macros.set(name, parsed.value);
    else errors.push(conditionError(def.file, def.line, undefined, { ...parsed.error, macro: name }));
  }
  const lists = new Map([...state.lists].map(([name, def]) => [name, def.items] as const));
  const defs = { macros, lists };

  const rules: CompiledRule[] = [];
  for (const def of state.rules.values()) {
    if (!def.enabled) continue;
    const source = sources.get(def.source);
    if (source === undefined) continue;
    const compiled = compileRule(def, source, defs, (e) => errors.push(e));
    if (compiled !== undefined) rules.push(compiled);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules };
}

function compileRule(
  def: RuleDef,
  source: FieldSource,
  defs: Parameters<typeof expandCondition>[1],
  fail: (e: RuleLoadError) => void,
): CompiledRule | undefined {
  const parsed = parseCondition(def.condition);
  if (!parsed.ok) return void fail(conditionError(def.file, def.line, def.name, parsed.error));
  let ast = parsed.value;
  const excluded: ConditionNode[] = [];
  for (const exc of def.exceptions) {
    const built = exceptionCondition(exc as RuleException);
    if ('error' in built)
      return void fail({ file: def.file, rule: def.name, line: def.line, message: built.error });
    if (built.text === undefined) continue;
    const p = parseCondition(built.text);
    if (!p.ok) {
      const e = p.error;
      return void fail({
        file: def.file,
        rule: def.name,
        line: e.line,
        column: e.column,
        message: `exception ${exc.name} (${built.text}): ${e.message}`,
      });
    }
    excluded.push(p.value);
  }
  if (excluded.length > 0) {
    const pos = ast.pos;
    const not: ConditionNode = {
      kind: 'not',
      operand: excluded.length === 1 ? excluded[0]! : { kind: 'or', items: excluded, pos },
      pos,
    };
    ast = { kind: 'and', items: [ast, not], pos };
  }
  const expanded = expandCondition(ast, defs);
  if (!expanded.ok) return void fail(conditionError(def.file, def.line, def.name, expanded.error));
  const compiled = compileCondition(expanded.value, source);
  if (!compiled.ok) return void fail(conditionError(def.file, def.line, def.name, compiled.error));
  const out = compileOutput(def.output, source);
  if (!out.ok) {
    return void fail({
      file: def.file,
      rule: def.name,
      line: 1,
      column: out.column,
      message: `output (rule at line ${def.line}): ${out.message}`,
    });
  }
  return {
    name: def.name,
    desc: def.desc,
    priority: def.priority,
    source: def.source,
    tags: def.tags,
    condition: expanded.value,
    match: compiled.fn,
    output: out.output.render,
    outputFields: out.output.fields,
  };
}

function conditionError(
  file: string,
  itemLine: number,
  rule: string | undefined,
  e: ConditionError,
): RuleLoadError {
  const what = rule === undefined ? `macro ${e.macro}` : `rule ${JSON.stringify(rule)}`;
  return {
    file,
    ...(rule === undefined ? {} : { rule }),
    line: e.line,
    column: e.column,
    message: `${what} (at line ${itemLine}): condition ${formatConditionError(e)}`,
  };
}
