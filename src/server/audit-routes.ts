import type { Server } from 'node:https';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { AuditAlert } from '../core/audit-alert.ts';
import { errorMessage } from '../core/errors.ts';
import type { AlertPage, AlertQuery, AlertToSave } from '../store/alert-queries.ts';
import { auditBatchItems } from './audit-batch-items.ts';
import { parseAlertQuery } from './parse-alert-query.ts';
import { UnsavedAlerts } from './unsaved-alerts.ts';

/** Audit batches can be tens of MiB (the API server's default batch is 400 events, some large). */
export const DEFAULT_AUDIT_BODY_LIMIT = 64 * 1024 * 1024;

/**
 * What turns events into alerts: the AuditEngine of src/detect/audit/audit-engine.ts, built by the
 * caller (the server does not import detect). One instance for the server's life, because
 * correlations keep their windows inside it across batches.
 */
export interface AlertProcessor {
  process(event: unknown): AuditAlert[];
}

/** Where alerts are kept and read back: the Store. */
export interface AlertStore {
  saveAlerts(alerts: readonly AlertToSave[]): Promise<number[]>;
  listAlerts(query: AlertQuery): Promise<AlertPage>;
}

export interface AuditRoutesOptions {
  readonly engine: AlertProcessor;
  readonly store: AlertStore;
  /** Largest webhook body accepted, in bytes (default 64 MiB). */
  readonly bodyLimit?: number;
}

/** Events evaluated between two yields to the event loop, so admission reviews are not starved. */
const EVENTS_PER_TURN = 256;

/**
 * `POST /audit/webhook` (the API server's webhook audit backend) and `GET /api/alerts` (the kept
 * alerts, newest first, a page at a time). Errors have the server's JSON error shape.
 */
export function registerAuditRoutes(app: FastifyInstance<Server>, opts: AuditRoutesOptions): void {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_AUDIT_BODY_LIMIT;
  // Alerts of events whose batch was answered 500, for when the API server resends it.
  const unsaved = new UnsavedAlerts();
  const fail = (code: number, message: string) => ({
    statusCode: code,
    error: code === 400 ? 'Bad Request' : 'Internal Server Error',
    message,
  });

  app.post('/audit/webhook', { bodyLimit }, async (req, reply) => {
    let body: unknown;
    try {
      body = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch (e) {
      return reply.code(400).send(fail(400, `the body is not JSON: ${errorMessage(e)}`));
    }
    const batch = auditBatchItems(body);
    if (!batch.ok) return reply.code(400).send(fail(400, `not an audit event batch: ${batch.error}`));

    const alerts: AlertToSave[] = [];
    let malformed = batch.malformed;
    let events = 0;
    // This batch's events by key, with their alerts: remembered if the batch cannot be stored.
    const seen: [string, AlertToSave[]][] = [];
    for (const [i, event] of batch.events.entries()) {
      if (i > 0 && i % EVENTS_PER_TURN === 0) await nextTurn();
      const key = UnsavedAlerts.keyOf(event);
      const before = key === undefined ? undefined : unsaved.get(key);
      if (before !== undefined) {
        // A resent event: its alerts were raised when it first came, and must not be raised twice.
        events++;
        alerts.push(...before);
        seen.push([key!, [...before]]);
        continue;
      }
      let raised: AuditAlert[];
      try {
        raised = opts.engine.process(event);
      } catch {
        // An event the rules cannot evaluate would fail again on every retry of the batch:
        // counted, not answered with an error.
        malformed++;
        continue;
      }
      events++;
      const auditId = (event as { auditID?: unknown }).auditID;
      const own = raised.map((a) => (typeof auditId === 'string' ? { ...a, auditId } : a));
      alerts.push(...own);
      if (key !== undefined) seen.push([key, own]);
    }
    try {
      await opts.store.saveAlerts(alerts);
    } catch (e) {
      unsaved.remember(seen);
      // 500: the API server retries the batch (its webhook backend backs off and resends).
      return reply.code(500).send(fail(500, `the alerts could not be stored: ${errorMessage(e)}`));
    }
    if (unsaved.size > 0) unsaved.forget(seen.map(([key]) => key));
    return reply.code(200).send({ events, alerts: alerts.length, malformed });
  });

  app.get('/api/alerts', async (req, reply) => {
    const parsed = parseAlertQuery(req.query as Record<string, unknown>);
    if (!parsed.ok) return reply.code(400).send(fail(400, parsed.error));
    let page: AlertPage;
    try {
      page = await opts.store.listAlerts(parsed.query);
    } catch (e) {
      return reply.code(500).send(fail(500, `the alerts could not be read: ${errorMessage(e)}`));
    }
    // The cursor is opaque to clients: a string, so its form can change.
    return reply
      .code(200)
      .send(
        page.next === undefined ? { alerts: page.alerts } : { alerts: page.alerts, next: String(page.next) },
      );
  });
}
