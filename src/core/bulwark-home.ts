import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bulwark's folder for its database, caches and installed rules: BULWARK_HOME, else ~/.cache/bulwark. */
export function bulwarkHome(): string {
  const env = process.env.BULWARK_HOME;
  return env === undefined || env === '' ? join(homedir(), '.cache', 'bulwark') : env;
}
