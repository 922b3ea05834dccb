import { PackageURL } from 'packageurl-js';
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
