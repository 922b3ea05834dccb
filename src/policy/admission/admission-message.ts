import type { AdmissionViolation } from './admission-violation.ts';

/** kubectl prints the whole denial message: keep it under 1 KiB. */
export const MAX_MESSAGE_BYTES = 1000;
/** The API server may cut warnings longer than this (Kubernetes API conventions). */
export const MAX_WARNING_CHARS = 256;
/** Warnings returned at most, the last one counting the rest. */
export const MAX_WARNINGS = 10;
/** One violation's line in a denial, at most. */
const MAX_LINE_BYTES = 320;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Cuts `s` to at most `max` UTF-8 bytes, ending in `…` when cut; never splits a character. */
export function truncateBytes(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = bytes(ch);
    if (used + n > max - 3) break;
    out += ch;
    used += n;
  }
  return `${out}…`;
}

function line(v: AdmissionViolation): string {
  return `${v.ruleId} ${v.severity} ${v.message}. Fix: ${v.remediation}`;
}

/**
 * The message of a denial, naming every failed rule with its fix until the 1 KiB budget is spent,
 * then `+N more`. `subject` names the object (`Deployment default/web`).
 */
export function formatDenyMessage(subject: string, violations: readonly AdmissionViolation[]): string {
  const n = violations.length;
  const header = `Bulwark denied ${truncateBytes(subject, 200)}: ${n} failed check${n === 1 ? '' : 's'}`;
  const lines = [header];
  let used = bytes(header);
  const moreReserve = 90;
  let shown = 0;
  for (const v of violations) {
    const l = `- ${truncateBytes(line(v), MAX_LINE_BYTES)}`;
    const last = shown === n - 1;
    if (used + 1 + bytes(l) + (last ? 0 : moreReserve) > MAX_MESSAGE_BYTES && shown > 0) break;
    lines.push(l);
    used += 1 + bytes(l);
    shown++;
  }
  if (shown < n) lines.push(`+${n - shown} more (run "bulwark config" on the manifest for the full list)`);
  return truncateBytes(lines.join('\n'), MAX_MESSAGE_BYTES);
}

/** Warnings for the response: one per violation, each at most 256 characters, at most ten. */
export function formatWarnings(violations: readonly AdmissionViolation[]): string[] {
  const out = violations.slice(0, MAX_WARNINGS).map((v) => truncateChars(`Bulwark: ${line(v)}`));
  if (violations.length > MAX_WARNINGS) {
    out[MAX_WARNINGS - 1] = `Bulwark: +${violations.length - MAX_WARNINGS + 1} more failed checks`;
  }
  return out;
}

function truncateChars(s: string): string {
  const chars = [...s];
  return chars.length <= MAX_WARNING_CHARS ? s : `${chars.slice(0, MAX_WARNING_CHARS - 1).join('')}…`;
}
