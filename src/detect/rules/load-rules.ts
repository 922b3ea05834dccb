import { isCollection, isSeq, LineCounter, parseDocument } from 'yaml';
import { type CompiledCorrelation, compileCorrelation } from '../correlate/compile-correlation.ts';
import type { CorrelationDef } from '../correlate/correlation-def.ts';
import type { FieldSource } from '../field-source.ts';
import {
  compileCondition,
  type EventPredicate,
  type SharedSubconditions,
} from '../language/compile-condition.ts';
import type { ConditionNode } from '../language/condition-ast.ts';
import { type ConditionError, formatConditionError } from '../language/condition-error.ts';
import { expandCondition } from '../language/expand-condition.ts';
import { parseCondition } from '../language/parse-condition.ts';
import { exceptionCondition, type RuleException } from './build-exceptions.ts';
import { compileOutput } from './render-output.ts';
import { applyItem, type RuleDef, type RulesState } from './rules-items.ts';
import { type ItemLocator, locateInSpans, scalarPositions, type TextSpan } from './scalar-positions.ts';

export interface RulesFile {
  readonly path: string;
  readonly text: string;
}

export interface RuleLoadError {
  readonly file: string;
  readonly rule?: string;
  readonly correlation?: string;
  /**
   * 1-based position in `file`. For a condition error, where the offending token was written (in
   * the rule's, the macro's or the appending item's `condition`; see scalarPositions for how exact
   * that is); the message also gives the position within the condition text.
   */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface CompiledRule {
  readonly name: string;
  /** The rules file that defined it (appends and overrides elsewhere do not change it). */
  readonly file: string;
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
  | { readonly ok: true; readonly rules: CompiledRule[]; readonly correlations: CompiledCorrelation[] }
  | { readonly ok: false; readonly errors: RuleLoadError[] };

/**
 * Loads Falco rules files in order (lists, macros, rules, `append`, `override`, exceptions, and
 * Bulwark's `correlation` items), then compiles every enabled rule and correlation whose source is
 * loaded. All-or-nothing: any error anywhere gives `{ ok: false }` with every error found, and no
 * rules.
 */
export function loadRules(
  files: readonly RulesFile[],
  sources: ReadonlyMap<string, FieldSource>,
): LoadRulesResult {
  const errors: RuleLoadError[] = [];
  const state: RulesState = {
    lists: new Map(),
    macros: new Map(),
    rules: new Map(),
    correlations: new Map(),
  };

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
      const line = lineOf(node, lineCounter) ?? 1;
      const locate: ItemLocator = (path) => {
        const target = isCollection(node) ? node.getIn(path, true) : undefined;
        return {
          line: lineOf(target, lineCounter) ?? line,
          at: scalarPositions(target, file.text, lineCounter),
        };
      };
      const problem = applyItem(state, (node as { toJSON(): unknown }).toJSON(), {
        file: file.path,
        line,
        locate,
      });
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
    else errors.push(conditionError(def.spans, def.line, undefined, { ...parsed.error, macro: name }, state));
  }
  const lists = new Map([...state.lists].map(([name, def]) => [name, def.items] as const));
  const defs: Defs = { macros, lists, state, shared: new Map() };

  const rules: CompiledRule[] = [];
  const byName = new Map<string, CompiledRule>();
  for (const def of state.rules.values()) {
    if (!def.enabled) continue;
    const source = sources.get(def.source);
    if (source === undefined) continue;
    const compiled = compileRule(def, source, defs, (e) => errors.push(e));
    if (compiled !== undefined) {
      rules.push(compiled);
      byName.set(def.name, compiled);
    }
  }
  const correlations: CompiledCorrelation[] = [];
  for (const def of state.correlations.values()) {
    if (!def.enabled) continue;
    const source = sources.get(def.source);
    if (source === undefined) continue;
    const compiled = compileCorrelationDef(def, source, defs, byName, (e) => errors.push(e));
    if (compiled !== undefined) correlations.push(compiled);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rules, correlations };
}

interface Defs {
  readonly macros: ReadonlyMap<string, ConditionNode>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly state: RulesState;
  /** One for the whole load: rules and correlation steps share their common subconditions. */
  readonly shared: SharedSubconditions;
}

function lineOf(node: unknown, lineCounter: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range === undefined ? undefined : lineCounter.linePos(range[0]).line;
}

/**
 * A correlation's steps as predicates: a `rule` step uses that rule's compiled match (a disabled
 * rule is compiled for the purpose, so a noisy rule can be silenced and still drive a sequence),
 * a `condition` step is compiled like a rule's condition, with every file's macros and lists.
 */
function compileCorrelationDef(
  def: CorrelationDef,
  source: FieldSource,
  defs: Defs,
  compiledRules: ReadonlyMap<string, CompiledRule>,
  fail: (e: RuleLoadError) => void,
): CompiledCorrelation | undefined {
  const what = `Correlation ${JSON.stringify(def.name)}`;
  const base = { file: def.file, correlation: def.name };
  const matchers: EventPredicate[] = [];
  const conditions: ConditionNode[] = [];
  let failed = false;
  for (const [i, step] of def.steps.entries()) {
    const where = def.kind === 'sequence' ? `step ${i + 1}` : 'count';
    if (step.rule !== undefined) {
      const ruleDef = defs.state.rules.get(step.rule);
      if (ruleDef === undefined) {
        fail({
          ...base,
          line: step.line,
          message: `${what}, ${where}: no rule named ${JSON.stringify(step.rule)}`,
        });
        failed = true;
        continue;
      }
      if (ruleDef.source !== def.source) {
        const message = `${what}, ${where}: rule ${JSON.stringify(step.rule)} has source ${ruleDef.source}, not ${def.source}`;
        fail({ ...base, line: step.line, message });
        failed = true;
        continue;
      }
      const compiled = compiledRules.get(step.rule) ?? compileRule(ruleDef, source, defs, fail);
      if (compiled === undefined) failed = true;
      else {
        matchers.push(compiled.match);
        conditions.push(compiled.condition);
      }
      continue;
    }
    const text = step.condition ?? '';
    const parsed = parseCondition(text);
    const expanded = parsed.ok ? expandCondition(parsed.value, defs) : parsed;
    const compiled = expanded.ok ? compileCondition(expanded.value, source, defs.shared) : expanded;
    if (!compiled.ok) {
      const e = compiled.error;
      const at = e.macro === undefined ? locateInSpans(step.spans, e.offset) : macroPosition(defs.state, e);
      fail({
        ...base,
        line: at?.line ?? step.line,
        ...(at?.column === undefined ? {} : { column: at.column }),
        ...(at === undefined ? {} : { file: at.file }),
        message: `${what}, ${where} (at line ${step.line}): condition ${formatConditionError(e)}`,
      });
      failed = true;
      continue;
    }
    matchers.push(compiled.fn);
    if (expanded.ok) conditions.push(expanded.value);
  }
  if (failed) return undefined;
  const done = compileCorrelation(def, matchers, conditions, source);
  if (done.ok) return done.value;
  for (const p of done.problems) fail({ ...base, line: p.line, message: p.message });
  return undefined;
}

function compileRule(
  def: RuleDef,
  source: FieldSource,
  defs: Defs,
  fail: (e: RuleLoadError) => void,
): CompiledRule | undefined {
  const parsed = parseCondition(def.condition);
  if (!parsed.ok)
    return void fail(conditionError(def.conditionSpans, def.line, def.name, parsed.error, defs.state));
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
      // The exception's condition text is generated, so its error is placed at the rule.
      return void fail({
        file: def.file,
        rule: def.name,
        line: def.line,
        message: `exception ${exc.name} (${built.text}), line ${e.line}, column ${e.column}: ${e.message}`,
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
  if (!expanded.ok)
    return void fail(conditionError(def.conditionSpans, def.line, def.name, expanded.error, defs.state));
  const compiled = compileCondition(expanded.value, source, defs.shared);
  if (!compiled.ok)
    return void fail(conditionError(def.conditionSpans, def.line, def.name, compiled.error, defs.state));
  const out = compileOutput(def.output, source);
  if (!out.ok) {
    return void fail({
      file: def.file,
      rule: def.name,
      line: def.line,
      message: `output (rule at line ${def.line}), column ${out.column}: ${out.message}`,
    });
  }
  return {
    name: def.name,
    file: def.file,
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

/** Where a macro-tagged condition error was written: in that macro's `condition`. */
function macroPosition(
  state: RulesState,
  e: ConditionError,
): { file: string; line: number; column?: number } | undefined {
  const macro = e.macro === undefined ? undefined : state.macros.get(e.macro);
  return macro === undefined ? undefined : locateInSpans(macro.spans, e.offset);
}

/**
 * A condition error at its place in the file: in the rule's condition (or the item that appended
 * that part of it), or, for a node that came from a macro, in that macro's condition. The message
 * keeps the rule's name and line and the position within the condition text.
 */
function conditionError(
  spans: readonly TextSpan[],
  itemLine: number,
  rule: string | undefined,
  e: ConditionError,
  state: RulesState,
): RuleLoadError {
  const what = rule === undefined ? `macro ${e.macro}` : `rule ${JSON.stringify(rule)}`;
  const at = e.macro === undefined ? locateInSpans(spans, e.offset) : macroPosition(state, e);
  const fallbackFile = spans[0]?.file ?? '';
  return {
    file: at?.file ?? fallbackFile,
    ...(rule === undefined ? {} : { rule }),
    line: at?.line ?? itemLine,
    ...(at?.column === undefined ? {} : { column: at.column }),
    message: `${what} (at line ${itemLine}): condition ${formatConditionError(e)}`,
  };
}
