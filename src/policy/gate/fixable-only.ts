import { err, ok, type Result } from '../../core/result.ts';
import type { GateFinding } from './gate-report.ts';

/** Reads the `fixable-only` option (default false). */
export function readFixableOnly(options: Readonly<Record<string, unknown>>): Result<boolean> {
  const v = options['fixable-only'];
  if (v === undefined) return ok(false);
  if (typeof v !== 'boolean') return err(`"fixable-only" must be true or false, not ${JSON.stringify(v)}`);
  return ok(v);
}

/** True when a fixed version exists (the same test as `--ignore-unfixed`). */
export function hasFix(f: GateFinding): boolean {
  return f.fixState === 'fixed';
}

/** The findings a rule counts: all, or only those with a fix. */
export function counted(findings: readonly GateFinding[], fixableOnly: boolean): readonly GateFinding[] {
  return fixableOnly ? findings.filter(hasFix) : findings;
}
