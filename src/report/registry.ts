import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import { encodeCycloneDx } from './cyclonedx.ts';
import type { Encoder } from './encoder.ts';
import { encodeJson } from './json.ts';
import { encodeOpenVex } from './openvex.ts';
import { encodeSarif } from './sarif.ts';
import { encodeSpdx } from './spdx.ts';
import { encodeTable } from './table.ts';

export type FormatName = 'table' | 'json' | 'cyclonedx' | 'spdx' | 'sarif' | 'openvex';

/** The `--format` values, in the order help lists them: format name → encoder. */
export const ENCODERS: ReadonlyMap<FormatName, Encoder> = new Map<FormatName, Encoder>([
  ['table', encodeTable],
  ['json', encodeJson],
  ['cyclonedx', encodeCycloneDx],
  ['spdx', encodeSpdx],
  ['sarif', encodeSarif],
  ['openvex', encodeOpenVex],
]);

/** Media type of each format's output, for doors that serve it over HTTP. */
export const MEDIA_TYPES: Readonly<Record<FormatName, string>> = {
  table: 'text/plain; charset=utf-8',
  json: 'application/json',
  cyclonedx: 'application/vnd.cyclonedx+json; version=1.6',
  spdx: 'application/spdx+json',
  sarif: 'application/sarif+json',
  // OpenVEX registers no media type of its own; the document is JSON-LD served as JSON.
  openvex: 'application/json',
};

/** Names other tools use for the same outputs (Syft's `cyclonedx-json`, `spdx-json`). */
const ALIASES: Readonly<Record<string, FormatName>> = {
  'cyclonedx-json': 'cyclonedx',
  'spdx-json': 'spdx',
};

/** The canonical format name for `name` (an alias resolved), or undefined when there is none. */
export function formatName(name: string): FormatName | undefined {
  if (ENCODERS.has(name as FormatName)) return name as FormatName;
  return ALIASES[name];
}

/** The encoder for a `--format` value or alias; throws E_USAGE naming the valid ones otherwise. */
export function encoderFor(name: string): Encoder {
  const format = formatName(name);
  if (format) return ENCODERS.get(format)!;
  throw new BulwarkError(
    ErrorCodes.USAGE,
    `Unknown output format "${name}": use one of ${[...ENCODERS.keys()].join(', ')}`,
  );
}
