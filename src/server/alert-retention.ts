/** What retention needs of the store. */
export interface PrunableAlerts {
  /** Deletes alerts that arrived before `olderThan` (RFC 3339); resolves to how many. */
  pruneAlerts(olderThan: string): Promise<number>;
}

export interface AlertRetentionOptions {
  /** Alerts older than this are deleted (by arrival time). */
  readonly keepMs: number;
  /** How often to prune (default hourly); the first prune runs at once. */
  readonly everyMs?: number;
  readonly now?: () => Date;
  /** Told how many were deleted, when some were. */
  readonly onPruned?: (deleted: number, olderThan: string) => void;
  /** A failed prune is reported and retried next time; it never stops the server. */
  readonly onError?: (error: unknown) => void;
}

export interface AlertRetention {
  /** Stops pruning and waits for a prune in progress. */
  stop(): Promise<void>;
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Keeps the `alert` table to a window: the audit webhook adds alerts for as long as the server
 * runs, so without pruning the database only grows. Prunes at start, then every `everyMs`; the
 * timer does not keep the process alive.
 */
export function startAlertRetention(store: PrunableAlerts, opts: AlertRetentionOptions): AlertRetention {
  const now = opts.now ?? (() => new Date());
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const prune = (): void => {
    running = running.then(async () => {
      if (stopped) return;
      const olderThan = new Date(now().getTime() - opts.keepMs).toISOString();
      try {
        const deleted = await store.pruneAlerts(olderThan);
        if (deleted > 0) opts.onPruned?.(deleted, olderThan);
      } catch (e) {
        opts.onError?.(e);
      }
    });
  };
  prune();
  const timer = setInterval(prune, opts.everyMs ?? HOUR_MS);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
