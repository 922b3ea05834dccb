import type { Insertable, Kysely, Selectable } from 'kysely';
import { prioritiesAtLeast } from '../core/alert-priority.ts';
import type { AlertIncident, AuditAlert } from '../core/audit-alert.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { canonicalAlertTime } from './alert-time.ts';
import { chunks } from './batch.ts';
import type { AlertTable, StoreDatabase } from './schema.ts';

/** An alert to keep: what the engine raised, plus the `auditID` of the event that raised it. */
export type AlertToSave = AuditAlert & { readonly auditId?: string | undefined };

/** A kept alert as `listAlerts` gives it back. */
export type StoredAlert = AuditAlert & {
  /** Grows with every alert saved: the newest alert has the highest id. */
  readonly id: number;
  /** When the store saved it, `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`. */
  readonly receivedAt: string;
  readonly auditId?: string;
};

/** Which alerts `listAlerts` returns; every filter given must hold. */
export interface AlertQuery {
  /** Event time at or after this RFC 3339 time (alerts without an event time are left out). */
  readonly since?: string;
  /** Event time strictly before this RFC 3339 time. */
  readonly until?: string;
  /** Exactly this rule name. */
  readonly rule?: string;
  /** This Falco priority or a more severe one (any case; `info` = `informational`). */
  readonly minPriority?: string;
  /** Page size: default 100, clamped to 1–1000. */
  readonly limit?: number;
  /** Only alerts older than this id: the `next` of the previous page. */
  readonly before?: number;
}

export interface AlertPage {
  /** Newest first. */
  readonly alerts: StoredAlert[];
  /** Present when more alerts match: pass it as `before` for the next page. */
  readonly next?: number;
}

export const DEFAULT_ALERT_LIMIT = 100;
export const MAX_ALERT_LIMIT = 1000;
/** 11 bound values per row: far below both backends' parameter limits. */
const INSERT_ROWS = 200;

/**
 * Inserts `alerts` (in the caller's transaction) and returns their ids in input order.
 * `receivedAt` must already be in the table's time layout.
 */
export async function insertAlerts(
  db: Kysely<StoreDatabase>,
  alerts: readonly AlertToSave[],
  receivedAt: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(alerts, INSERT_ROWS)) {
    const rows = part.map((a) => alertRow(a, receivedAt));
    const out = await db.insertInto('alert').values(rows).returning('id').execute();
    // Both backends number the rows of one INSERT in VALUES order, but neither promises the order
    // of RETURNING; sorting the new ids gives them back in input order.
    ids.push(...out.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}

/** The page of alerts matching `query`, newest first. @throws BulwarkError E_USAGE on a bad filter. */
export async function queryAlerts(db: Kysely<StoreDatabase>, query: AlertQuery): Promise<AlertPage> {
  const limit = clampLimit(query.limit);
  let q = db.selectFrom('alert').selectAll();
  if (query.since !== undefined) q = q.where('time', '>=', timeFilter('since', query.since));
  if (query.until !== undefined) q = q.where('time', '<', timeFilter('until', query.until));
  if (query.rule !== undefined) q = q.where('rule', '=', query.rule);
  if (query.minPriority !== undefined) {
    const names = prioritiesAtLeast(query.minPriority);
    if (names === undefined) {
      throw new BulwarkError(ErrorCodes.USAGE, `minPriority "${query.minPriority}" is not a Falco priority`);
    }
    q = q.where((eb) => eb(eb.fn<string>('lower', ['priority']), 'in', names));
  }
  if (query.before !== undefined) {
    if (!Number.isSafeInteger(query.before)) {
      throw new BulwarkError(ErrorCodes.USAGE, `before ${query.before} is not an alert id`);
    }
    q = q.where('id', '<', query.before);
  }
  // One row past the page tells whether there is a next page without a count.
  const rows = await q
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const alerts = rows.slice(0, limit).map(storedAlert);
  const last = alerts.at(-1);
  return rows.length > limit && last !== undefined ? { alerts, next: last.id } : { alerts };
}

/** Deletes alerts received before `olderThan` (RFC 3339); returns how many. */
export async function deleteAlertsBefore(db: Kysely<StoreDatabase>, olderThan: string): Promise<number> {
  const out = await db
    .deleteFrom('alert')
    .where('received_at', '<', timeFilter('olderThan', olderThan))
    .executeTakeFirst();
  return Number(out.numDeletedRows);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_ALERT_LIMIT;
  return Math.min(MAX_ALERT_LIMIT, Math.max(1, Math.trunc(limit)));
}

function timeFilter(name: string, text: string): string {
  const t = canonicalAlertTime(text);
  if (t === undefined) {
    throw new BulwarkError(
      ErrorCodes.USAGE,
      `${name} "${text}" is not an RFC 3339 time (2024-05-01T12:00:00Z)`,
    );
  }
  return t;
}

function alertRow(a: AlertToSave, receivedAt: string): Insertable<AlertTable> {
  // An engine's time is already canonical; one that does not parse is kept as written rather
  // than dropped (it then only sorts, not filters, correctly).
  const time = a.time === null ? null : (canonicalAlertTime(a.time) ?? a.time);
  return {
    received_at: receivedAt,
    time: noNul(time),
    rule: noNul(a.rule),
    priority: noNul(a.priority),
    source: noNul(a.source),
    output: noNul(a.output),
    output_fields: json(a.outputFields),
    tags: json(a.tags),
    incident: a.incident === undefined ? null : json(a.incident),
    audit_id: a.auditId === undefined ? null : noNul(a.auditId),
  };
}

function storedAlert(row: Selectable<AlertTable>): StoredAlert {
  return {
    id: Number(row.id),
    receivedAt: row.received_at,
    rule: row.rule,
    priority: row.priority,
    time: row.time,
    output: row.output,
    outputFields: JSON.parse(row.output_fields) as Record<string, unknown>,
    tags: JSON.parse(row.tags) as string[],
    source: row.source as AuditAlert['source'],
    ...(row.incident === null ? {} : { incident: JSON.parse(row.incident) as AlertIncident }),
    ...(row.audit_id === null ? {} : { auditId: row.audit_id }),
  };
}

/** JSON text; a bigint field value becomes its decimal string rather than failing the batch. */
function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * PostgreSQL refuses NUL in text, and an output renders attacker-chosen event fields: dropped on
 * both backends so they store the same. (JSON text escapes NUL, so JSON columns keep it.)
 */
function noNul<T extends string | null>(s: T): T {
  return (s === null ? s : s.replaceAll('\0', '')) as T;
}
