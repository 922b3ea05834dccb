import { isRecord } from '../../../core/is-record.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import type { GateRuleKind } from '../gate-rule.ts';
import {
  compileLicensePattern,
  type LicenseLists,
  type LicensePattern,
  licenseDenied,
  parseLicenseExpression,
} from '../license-expression.ts';

function patterns(value: unknown, key: string): Result<LicensePattern[] | undefined> {
  if (value === undefined) return ok(undefined);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.trim() !== '')) {
    return err(`"${key}" must be a list of SPDX licence ids or patterns such as 'AGPL-*'`);
  }
  return ok(value.map(compileLicensePattern));
}

/**
 * `licenses: { deny: [GPL-3.0-only, 'AGPL-*'], allow: [...] }`: fails on packages whose declared
 * licences cannot be used without a denied licence. Each declared entry is an SPDX expression:
 * `A OR B` passes when either option is allowed, `A AND B` fails when either part is denied; a
 * package with several entries fails when any entry does. With `allow`, every licence must match
 * it (an allow-list); `deny` still wins, except over an allow entry that names the exception
 * (`GPL-2.0-only WITH Classpath-exception-2.0`). Packages that declare no licence pass.
 */
export const licenses: GateRuleKind = {
  kind: 'licenses',
  options: [],
  reads: 'packages',
  compile(value) {
    if (!isRecord(value)) return err('expected a mapping such as { deny: [GPL-3.0-only] }');
    for (const key of Object.keys(value)) {
      if (key !== 'deny' && key !== 'allow') return err(`unknown field "${key}" (expected deny, allow)`);
    }
    const deny = patterns(value.deny, 'deny');
    if (!deny.ok) return deny;
    const allow = patterns(value.allow, 'allow');
    if (!allow.ok) return allow;
    if ((deny.value?.length ?? 0) === 0 && allow.value === undefined) {
      return err('give a non-empty "deny" list, an "allow" list, or both');
    }
    const lists: LicenseLists = allow.value
      ? { deny: deny.value ?? [], allow: allow.value }
      : { deny: deny.value ?? [] };
    return ok({
      settings: {
        deny: (deny.value ?? []).map((p) => p.text),
        ...(allow.value ? { allow: allow.value.map((p) => p.text) } : {}),
      },
      check({ packages }) {
        const items = new Set<string>();
        for (const p of packages) {
          const denied = p.licenses.filter((l) => licenseDenied(parseLicenseExpression(l), lists));
          if (denied.length > 0) items.add(`${p.name} ${p.version}: ${denied.join('; ')}`);
        }
        if (items.size === 0) return undefined;
        const n = items.size;
        return {
          message: `${n} package${n === 1 ? '' : 's'} with a denied licence`,
          items: [...items].sort(),
        };
      },
    });
  },
};
