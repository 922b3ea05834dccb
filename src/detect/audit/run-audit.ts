import type { AuditAlert } from '../../core/audit-alert.ts';
import { type AuditRuleset, createAuditEngine } from './audit-engine.ts';

/**
 * Runs a loaded rule set (rules and correlations) over the events with one engine; alerts come
 * out in event order, then rule order, then the incidents each event completes.
 */
export async function* runAudit(
  events: AsyncIterable<unknown> | Iterable<unknown>,
  ruleset: AuditRuleset,
): AsyncGenerator<AuditAlert> {
  const engine = createAuditEngine(ruleset);
  for await (const event of events) yield* engine.process(event);
}
