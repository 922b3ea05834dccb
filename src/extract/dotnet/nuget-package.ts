import { PackageURL } from 'packageurl-js';
import type { Location } from '../../core/location.ts';
import type { PackageHash } from '../../core/package.ts';

/** `nuget:<Name>@<version>` (the name as the file writes it; NuGet ids are case-insensitive). */
export function nugetId(name: string, version: string): string {
  return `nuget:${name}@${version}`;
}

export function nugetPurl(name: string, version: string): string {
  return new PackageURL('nuget', undefined, name, version || undefined, undefined, undefined).toString();
}

/** A base64 SHA-512 (`contentHash`, or deps.json `sha512-…`) as a hex PackageHash; undefined when malformed. */
export function sha512Hash(b64: unknown): PackageHash | undefined {
  if (typeof b64 !== 'string') return undefined;
  const body = b64.replace(/^sha512-/i, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) return undefined;
  const hex = Buffer.from(body, 'base64').toString('hex');
  return hex.length === 128 ? { alg: 'SHA-512', content: hex } : undefined;
}

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function locationOf(input: {
  readonly path: string;
  readonly stat: { readonly layer?: Location['layer'] };
}): Location {
  return { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
}

/** The JSON document of `bytes`; throws a clear Error when it is binary or not JSON. */
export function parseJsonFile(bytes: Uint8Array, what: string): unknown {
  if (bytes.includes(0)) throw new Error(`not a ${what}: the file is binary`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`invalid ${what}: ${(e as Error).message}`);
  }
}
