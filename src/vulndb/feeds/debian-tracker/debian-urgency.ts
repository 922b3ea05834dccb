import type { AdvisorySeverity } from '../../../core/advisory.ts';

/**
 * The tracker's urgency as a per-package severity, in Debian's own words (`unimportant`, `low`,
 * `medium`, `high`, `not yet assigned`, `end-of-life`). A trailing `**` marks an urgency the
 * tracker derived (from NVD) rather than one a Debian maintainer set; it is dropped. Empty or
 * absent urgencies give no severity.
 */
export function debianUrgency(urgency: unknown): AdvisorySeverity[] {
  if (typeof urgency !== 'string') return [];
  const score = urgency.replace(/\*+$/, '').trim();
  return score === '' ? [] : [{ type: 'Debian', score }];
}
