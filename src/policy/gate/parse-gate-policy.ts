import { parseDocument } from 'yaml';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';
import type { GatePolicy, GateRule } from '../gate.ts';
import { GATE_RULE_KINDS } from './gate-rules.ts';

/** YAML aliases allowed in a policy; more is refused as an alias bomb. */
export const GATE_POLICY_MAX_ALIASES = 100;

function invalid(path: string, where: string, problem: string): BulwarkError {
  return new BulwarkError(ErrorCodes.POLICY_INVALID, `${path}: ${where}${problem}`, { subject: path });
}

/**
 * Parses a release-gate policy (YAML, docs/gate-policy.md): a `rules:` list whose entries each
 * hold exactly one rule kind key (`max-severity: HIGH`), an optional `name`, and the kind's
 * options. Throws POLICY_INVALID naming `path`, the rule (`rules[2] (no-critical)`) and the
 * problem: invalid YAML, alias bomb, no rules, an unknown rule kind or option, a bad value.
 */
export function parseGatePolicy(text: string, path: string): GatePolicy {
  let doc: unknown;
  try {
    const d = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    const first = d.errors[0];
    if (first) throw invalid(path, '', `not valid YAML (${first.message.split('\n')[0]})`);
    doc = d.toJS({ maxAliasCount: GATE_POLICY_MAX_ALIASES });
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    const why = e instanceof ReferenceError ? 'too many YAML aliases (an alias bomb?)' : String(e);
    throw invalid(path, '', `not usable YAML: ${why}`);
  }
  const kinds = [...GATE_RULE_KINDS.keys()].join(', ');
  if (!isRecord(doc) || doc.rules === undefined) {
    throw invalid(path, '', `a policy is a mapping with a "rules" list (rule kinds: ${kinds})`);
  }
  for (const key of Object.keys(doc)) {
    if (key !== 'rules' && key !== 'description') {
      throw invalid(path, '', `unknown top-level key "${key}" (expected rules, description)`);
    }
  }
  if (doc.description !== undefined && typeof doc.description !== 'string') {
    throw invalid(path, '', '"description" must be a string');
  }
  if (!Array.isArray(doc.rules) || doc.rules.length === 0) {
    throw invalid(path, '', '"rules" must be a non-empty list: a policy without rules would pass anything');
  }

  const rules: GateRule[] = doc.rules.map((entry: unknown, index): GateRule => {
    if (!isRecord(entry))
      throw invalid(path, `rules[${index}]: `, `a rule must be a mapping such as "- kev: deny"`);
    const { name, ...rest } = entry;
    if (name !== undefined && (typeof name !== 'string' || name.trim() === '')) {
      throw invalid(path, `rules[${index}]: `, '"name" must be a non-empty string');
    }
    const where = `rules[${index}]${name === undefined ? '' : ` (${name})`}: `;
    const kindKeys = Object.keys(rest).filter((k) => GATE_RULE_KINDS.has(k));
    if (kindKeys.length > 1) {
      throw invalid(
        path,
        where,
        `more than one rule kind (${kindKeys.join(', ')}); write one rule per list entry`,
      );
    }
    const kind = kindKeys[0] === undefined ? undefined : GATE_RULE_KINDS.get(kindKeys[0]);
    if (!kind) {
      const unknown = Object.keys(rest)[0];
      throw invalid(
        path,
        where,
        unknown === undefined
          ? `no rule kind (expected one of ${kinds})`
          : `unknown rule kind "${unknown}" (expected one of ${kinds})`,
      );
    }
    const options: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (key === kind.kind) continue;
      if (!kind.options.includes(key)) {
        const allowed = kind.options.length === 0 ? 'it has none' : `options: ${kind.options.join(', ')}`;
        throw invalid(path, where, `"${key}" is not an option of ${kind.kind} (${allowed})`);
      }
      options[key] = value;
    }
    const compiled = kind.compile(rest[kind.kind], options);
    if (!compiled.ok) throw invalid(path, where, `${kind.kind}: ${compiled.error}`);
    return {
      ...compiled.value,
      name: typeof name === 'string' ? name.trim() : kind.kind,
      kind: kind.kind,
      index,
      reads: kind.reads,
    };
  });
  return typeof doc.description === 'string'
    ? { source: path, description: doc.description, rules }
    : { source: path, rules };
}
