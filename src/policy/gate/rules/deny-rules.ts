import { err, ok, type Result } from '../../../core/result.ts';
import { configFindingLabels, countMisconfigurations } from '../config-finding-label.ts';
import type { GateRuleKind } from '../gate-rule.ts';

/** A rule id or a pattern with `*` wildcards (`BW-RBAC-*`), compared case-insensitively. */
interface RulePattern {
  readonly text: string;
  readonly re: RegExp;
}

function patterns(value: unknown): Result<RulePattern[]> {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return err('expected a non-empty list of rule ids such as [BW-K8S-001, BW-DF-003]');
  const out: RulePattern[] = [];
  for (const v of list) {
    if (typeof v !== 'string' || v.trim() === '') {
      return err(
        `expected rule ids such as BW-K8S-001 (or patterns such as BW-DF-*), not ${JSON.stringify(v)}`,
      );
    }
    const text = v.trim().toUpperCase();
    const body = text.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    out.push({ text, re: new RegExp(`^${body.join('.*')}$`, 'i') });
  }
  return ok(out);
}

/**
 * `deny-rules: [BW-K8S-001, BW-DF-003]`: fails when any of these configuration rules fired, at
 * whatever severity — for checks a team never accepts. Ids are case-insensitive; `*` matches any
 * run of characters (`BW-RBAC-*`). A single id may be given without a list.
 */
export const denyRules: GateRuleKind = {
  kind: 'deny-rules',
  options: [],
  reads: 'misconfigurations',
  compile(value) {
    const list = patterns(value);
    if (!list.ok) return list;
    const ids = [...new Set(list.value.map((p) => p.text))];
    return ok({
      settings: { rules: ids },
      check({ misconfigurations }) {
        const hits = misconfigurations.filter((f) => list.value.some((p) => p.re.test(f.ruleId)));
        if (hits.length === 0) return undefined;
        const fired = [...new Set(hits.map((f) => f.ruleId))].sort();
        return {
          message: `${countMisconfigurations(hits.length)} from denied rules (${fired.join(', ')})`,
          items: configFindingLabels(hits),
        };
      },
    });
  },
};
