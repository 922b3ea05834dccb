import type { AuditAlert } from '../../core/audit-alert.ts';
import type { CompiledRule } from '../rules/load-rules.ts';
import { createAuditEngine } from './audit-engine.ts';

/** Runs the rules over the events; alerts come out in event order, then rule order. */
export async function* runAudit(
  events: AsyncIterable<unknown> | Iterable<unknown>,
  rules: readonly CompiledRule[],
): AsyncGenerator<AuditAlert> {
  const engine = createAuditEngine({ rules });
  for await (const event of events) yield* engine.process(event);
}
