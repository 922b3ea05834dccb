import { isRecord } from '../../core/is-record.ts';

/** Thrown inside a decoder for a document it cannot use; the decoder returns the message as its error. */
export class InvalidSbom extends Error {}

/** A non-blank string field, trimmed; undefined for anything else. */
export function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * A field that must be an array of objects (`[]` when absent). Any other shape makes the
 * document unusable: throws InvalidSbom naming the field (`components[3] must be an object`).
 */
export function records(v: unknown, where: string): Record<string, unknown>[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new InvalidSbom(`${where} must be an array`);
  v.forEach((item, i) => {
    if (!isRecord(item)) throw new InvalidSbom(`${where}[${i}] must be an object`);
  });
  return v as Record<string, unknown>[];
}
