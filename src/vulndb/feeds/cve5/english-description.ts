import { isRecord } from '../../../core/is-record.ts';

/**
 * The first non-empty English text (`lang` `en`, `en-US`, `eng`…) of a `[{ lang, value }]` list,
 * as CVE 5 `descriptions`, NVD 2.0 `descriptions` and NVD 1.1 `description_data` all are.
 */
export function englishDescription(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const d of v) {
    if (
      isRecord(d) &&
      typeof d.lang === 'string' &&
      /^en(g|\b)/i.test(d.lang) &&
      typeof d.value === 'string'
    ) {
      const text = d.value.trim();
      if (text !== '') return text;
    }
  }
  return undefined;
}
