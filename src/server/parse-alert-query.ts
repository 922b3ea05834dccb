import { PRIORITY_NAMES, prioritiesAtLeast } from '../core/alert-priority.ts';
import type { AlertQuery } from '../store/alert-queries.ts';
import { canonicalAlertTime } from '../store/alert-time.ts';

const PARAMS = ['since', 'until', 'rule', 'priority', 'limit', 'before'] as const;

/**
 * `GET /api/alerts` query parameters → the store's AlertQuery, or a message naming the parameter
 * that is wrong. Unknown parameters are refused too, so a misspelt filter (`proirity`) does not
 * quietly return everything. `limit` above 1000 is clamped by the store, not refused.
 */
export function parseAlertQuery(
  query: Readonly<Record<string, unknown>>,
): { readonly ok: true; readonly query: AlertQuery } | { readonly ok: false; readonly error: string } {
  const out: { -readonly [K in keyof AlertQuery]: AlertQuery[K] } = {};
  for (const [name, raw] of Object.entries(query)) {
    if (!(PARAMS as readonly string[]).includes(name)) {
      return { ok: false, error: `unknown parameter "${name}" (use ${PARAMS.join(', ')})` };
    }
    if (typeof raw !== 'string') return { ok: false, error: `parameter "${name}" is given more than once` };
    switch (name) {
      case 'since':
      case 'until':
        if (canonicalAlertTime(raw) === undefined) {
          return {
            ok: false,
            error: `parameter "${name}": "${raw}" is not an RFC 3339 time (2024-05-01T12:00:00Z)`,
          };
        }
        out[name] = raw;
        break;
      case 'rule':
        if (raw === '') return { ok: false, error: 'parameter "rule" is empty' };
        out.rule = raw;
        break;
      case 'priority':
        if (prioritiesAtLeast(raw) === undefined) {
          return {
            ok: false,
            error: `parameter "priority": "${raw}" is not one of ${PRIORITY_NAMES.join(', ')}`,
          };
        }
        out.minPriority = raw;
        break;
      case 'limit':
      case 'before': {
        const n = Number(raw);
        if (!/^\d{1,15}$/.test(raw) || n < 1) {
          return { ok: false, error: `parameter "${name}": "${raw}" is not a positive whole number` };
        }
        out[name] = n;
        break;
      }
    }
  }
  return { ok: true, query: out };
}
