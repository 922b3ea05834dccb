import { isRecord } from '../core/is-record.ts';

/** A webhook body split into events, or why it is not an audit batch at all. */
export type AuditBatch =
  | { readonly ok: true; readonly events: unknown[]; readonly malformed: number }
  | { readonly ok: false; readonly error: string };

/**
 * The events in what the API server's webhook audit backend POSTs: an `audit.k8s.io` `EventList`
 * (batch mode, the default) or a single `Event` (blocking mode). Anything else is refused as a
 * whole; inside a list, an item that is not an event object is only counted, so one bad item
 * does not make the API server resend the whole batch. Like `bulwark audit` (read-audit-events.ts),
 * an item without `kind` is taken as an event. Pure: no I/O.
 */
export function auditBatchItems(body: unknown): AuditBatch {
  if (!isRecord(body)) {
    return { ok: false, error: `expected an audit EventList or Event object, got ${describe(body)}` };
  }
  const apiVersion = body.apiVersion;
  if (
    apiVersion !== undefined &&
    !(typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/'))
  ) {
    return { ok: false, error: `apiVersion ${JSON.stringify(apiVersion)} is not audit.k8s.io/v1` };
  }
  if (body.kind === 'Event') return { ok: true, events: [body], malformed: 0 };
  if (body.kind !== 'EventList') {
    return { ok: false, error: `kind ${JSON.stringify(body.kind ?? null)} is not EventList or Event` };
  }
  if (!Array.isArray(body.items)) {
    // `items` is omitted from JSON when a list is empty.
    if (body.items === undefined || body.items === null) return { ok: true, events: [], malformed: 0 };
    return { ok: false, error: `the EventList's items is ${describe(body.items)}, not an array` };
  }
  const events: unknown[] = [];
  let malformed = 0;
  for (const item of body.items as unknown[]) {
    if (isRecord(item) && (item.kind === undefined || item.kind === 'Event')) events.push(item);
    else malformed++;
  }
  return { ok: true, events, malformed };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
