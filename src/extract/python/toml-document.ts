import { parse, TomlError } from 'smol-toml';

/** A TOML lockfile as a plain object; throws a clear Error when it is not valid TOML. */
export function parseTomlDocument(text: string, what: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof TomlError) {
      throw new Error(
        `invalid ${what}: TOML error at line ${e.line}, column ${e.column}: ${firstLine(e.message)}`,
      );
    }
    throw e;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export type TomlTable = Record<string, unknown>;
export const isTable = (v: unknown): v is TomlTable =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
