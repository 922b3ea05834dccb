/**
 * One detection from the audit stream: a rule matching one event, or an incident (a correlation
 * whose sequence or count completed). Shared by detect (which raises them), store (which keeps
 * them) and server (which serves them), so it lives in core.
 */
export interface AuditAlert {
  readonly rule: string;
  readonly priority: string;
  /** From the event's `stageTimestamp` (else `requestReceivedTimestamp`, `timestamp`); null when none. */
  readonly time: string | null;
  readonly output: string;
  readonly outputFields: Record<string, unknown>;
  readonly tags: readonly string[];
  readonly source: 'k8s_audit';
  /** Present only on a correlation's alert: what was correlated. */
  readonly incident?: AlertIncident;
}

/** The events a correlation joined into one incident. */
export interface AlertIncident {
  readonly kind: 'sequence' | 'count';
  /**
   * The correlation key: each `by` field of the completing step with its value (as text). Events
   * missing a key field take no part in a correlation, so values are never null in practice; the
   * type allows null for other producers.
   */
  readonly key: Readonly<Record<string, string | null>>;
  /** Time of the first contributing event. */
  readonly firstTime: string | null;
  /** How many events contributed. */
  readonly count: number;
  /** The contributing events in order (a count keeps the first and the last few). */
  readonly steps: readonly IncidentStep[];
}

export interface IncidentStep {
  /**
   * A sequence step's rule name, or `step N` (1-based) for a bare condition; for a count, the
   * event's place in the window: `event N` (or `<rule> (event N)`).
   */
  readonly step: string;
  readonly time: string | null;
  /** The event's `auditID`, when it has one. */
  readonly auditId?: string;
  /** A short account of the event: user, verb, resource, name. */
  readonly summary: string;
}
