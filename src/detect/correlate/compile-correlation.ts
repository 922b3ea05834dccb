import type { FieldAccessor, FieldSource } from '../field-source.ts';
import type { EventPredicate } from '../language/compile-condition.ts';
import type { ConditionNode } from '../language/condition-ast.ts';
import { compileOutput, showValue } from '../rules/render-output.ts';
import type { CorrelationDef } from './correlation-def.ts';

/** One compiled step: its match and the key (the values of its `by` fields) of an event. */
export interface CorrelationStep {
  /** The rule's name, or `step N` (1-based) for a bare condition: what an incident lists. */
  readonly name: string;
  /** The rule the step uses, when it names one. */
  readonly rule: string | undefined;
  readonly match: EventPredicate;
  readonly by: readonly string[];
  /** The `by` values as text, `undefined` when one is absent (such an event takes no part). */
  readonly key: (event: unknown) => string[] | undefined;
}

/** A correlation ready to run: see docs/audit-correlation.md. */
export interface CompiledCorrelation {
  readonly name: string;
  /** The rules file that defined it. */
  readonly file: string;
  readonly desc: string;
  readonly priority: string;
  readonly source: string;
  readonly tags: readonly string[];
  readonly kind: 'sequence' | 'count';
  /**
   * True when any step could match: the steps' expanded conditions joined by `or`. Never run; the
   * engine's dispatch reads it to skip correlations an event cannot advance, as it does for rules.
   */
  readonly condition: ConditionNode;
  readonly withinMs: number;
  /** Events needed: `count` for a count, the number of steps for a sequence. */
  readonly count: number;
  /** A sequence's steps in order, or a count's one matcher. */
  readonly steps: readonly CorrelationStep[];
  /** The output and its fields, rendered from the event that completes an incident. */
  readonly output: (event: unknown) => string;
  readonly outputFields: (event: unknown) => Record<string, unknown>;
  /** A short account of an event (user, verb, resource, namespace/name) for the incident's steps. */
  readonly describe: (event: unknown) => string;
}

/** A compile problem of one correlation, at a line of its file. */
export interface CorrelationProblem {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/**
 * Compiles a checked definition once its steps' predicates are known (`matchers[i]` for step i,
 * compiled from `conditions[i]`; the rules loader builds them from rules and conditions). Resolves every `by` field and the
 * output's `%fields` against the source; an unknown field is a problem at the step's line.
 */
export function compileCorrelation(
  def: CorrelationDef,
  matchers: readonly EventPredicate[],
  conditions: readonly ConditionNode[],
  source: FieldSource,
): { ok: true; value: CompiledCorrelation } | { ok: false; problems: CorrelationProblem[] } {
  const problems: CorrelationProblem[] = [];
  const what = `Correlation ${JSON.stringify(def.name)}`;
  const steps: CorrelationStep[] = [];
  const reported = new Set<string>(); // a shared `by` would otherwise be reported once per step
  for (const [i, step] of def.steps.entries()) {
    const getters: FieldAccessor['get'][] = [];
    for (const field of step.by) {
      const m = /^([^[\]]+)(?:\[([^\]]*)\])?$/.exec(field);
      const got = m === null ? { error: `bad field ${field}` } : source.resolve(m[1]!, m[2]);
      if (!('error' in got)) getters.push(got.get);
      else if (!reported.has(field)) {
        reported.add(field);
        problems.push({ line: step.line, message: `${what}: 'by' field ${field}: ${got.error}` });
      }
    }
    steps.push({
      name: step.rule ?? `step ${i + 1}`,
      rule: step.rule,
      match: matchers[i]!,
      by: step.by,
      key: (event) => {
        const out: string[] = [];
        for (const get of getters) {
          const v = get(event);
          if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return undefined;
          out.push(showValue(v));
        }
        return out;
      },
    });
  }
  const out = compileOutput(def.output, source);
  if (!out.ok)
    problems.push({ line: def.line, message: `${what}: output column ${out.column}: ${out.message}` });
  if (problems.length > 0 || !out.ok) return { ok: false, problems };
  return {
    ok: true,
    value: {
      name: def.name,
      file: def.file,
      desc: def.desc,
      priority: def.priority,
      source: def.source,
      tags: def.tags,
      kind: def.kind,
      condition:
        conditions.length === 1
          ? conditions[0]!
          : { kind: 'or', items: [...conditions], pos: conditions[0]!.pos },
      withinMs: def.withinMs,
      count: def.count,
      steps,
      output: out.output.render,
      outputFields: out.output.fields,
      describe: describer(source),
    },
  };
}

/** `user verb resource/subresource ns/name`, from whichever of those fields the source has. */
function describer(source: FieldSource): (event: unknown) => string {
  const get = (name: string): FieldAccessor['get'] | undefined => {
    const got = source.resolve(name, undefined);
    return 'error' in got ? undefined : got.get;
  };
  const text = (g: FieldAccessor['get'] | undefined, event: unknown): string | undefined => {
    const v = g?.(event);
    return v === undefined || v === null || v === '' ? undefined : showValue(v);
  };
  const user = get('ka.user.name');
  const verb = get('ka.verb');
  const resource = get('ka.target.resource');
  const sub = get('ka.target.subresource');
  const ns = get('ka.target.namespace');
  const name = get('ka.target.name');
  const respName = get('ka.resp.name');
  const uri = get('ka.uri');
  return (event) => {
    const res = text(resource, event);
    const subres = text(sub, event);
    const target = text(name, event) ?? text(respName, event);
    const nsText = text(ns, event);
    const object =
      res === undefined
        ? text(uri, event)
        : `${res}${subres === undefined ? '' : `/${subres}`}` +
          (target === undefined ? '' : ` ${nsText === undefined ? '' : `${nsText}/`}${target}`);
    return [text(user, event) ?? '<no user>', text(verb, event), object]
      .filter((p) => p !== undefined)
      .join(' ');
  };
}
