import { err, ok } from '../../../core/result.ts';
import { countFindings, findingLabel, findingLabels } from '../finding-label.ts';
import { counted, readFixableOnly } from '../fixable-only.ts';
import type { GateRuleKind } from '../gate-rule.ts';

/** `kev: deny`: fails on any finding listed in CISA's Known Exploited Vulnerabilities catalog. */
export const kev: GateRuleKind = {
  kind: 'kev',
  options: ['fixable-only'],
  reads: 'findings',
  compile(value, options) {
    if (value !== 'deny') return err(`expected "deny", not ${JSON.stringify(value)}`);
    const fixableOnly = readFixableOnly(options);
    if (!fixableOnly.ok) return fixableOnly;
    return ok({
      settings: { kev: 'deny', fixableOnly: fixableOnly.value },
      check({ findings }) {
        const hits = counted(findings, fixableOnly.value).filter((f) => f.kev !== undefined);
        if (hits.length === 0) return undefined;
        return {
          message: `${countFindings(hits.length)} in the CISA KEV catalog (known exploited)`,
          items: findingLabels(hits, (f) => findingLabel(f)),
        };
      },
    });
  },
};
