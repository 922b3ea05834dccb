import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { BulwarkError, ErrorCodes, errorMessage } from '../../core/errors.ts';
import { isRecord } from '../../core/is-record.ts';
import { DOCKER_HUB } from './parse-reference.ts';

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/** What ~/.docker/config.json says about one registry. */
export interface DockerConfigLookup {
  readonly credentials?: RegistryCredentials;
  /**
   * Set when the config keeps this registry's credentials in a credential helper (`credsStore`,
   * `credHelpers`), which Bulwark does not run: error messages quote it.
   */
  readonly helperNote?: string;
}

const MAX_CONFIG_BYTES = 1024 * 1024;
const DOCKER_HUB_KEYS = new Set([
  'docker.io',
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** The default path: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function defaultDockerConfigPath(): string {
  const dir = process.env.DOCKER_CONFIG;
  return join(dir && dir.length > 0 ? dir : join(homedir(), '.docker'), 'config.json');
}

/** `https://index.docker.io/v1/` → `index.docker.io`; `host:5000/x` → `host:5000` (Docker's convertToHostname). */
function keyHost(key: string): string {
  const noScheme = key.replace(/^https?:\/\//i, '');
  return (noScheme.split('/')[0] ?? '').toLowerCase();
}

function decodeEntry(
  entry: Record<string, unknown>,
  path: string,
  key: string,
): RegistryCredentials | undefined {
  if (typeof entry.auth === 'string' && entry.auth.length > 0) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon <= 0) {
      throw new BulwarkError(
        ErrorCodes.INPUT_UNREADABLE,
        `${path}: auths["${key}"].auth is not base64 of "user:password"`,
        {
          subject: path,
        },
      );
    }
    return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && typeof entry.password === 'string' && entry.username.length > 0) {
    return { username: entry.username, password: entry.password };
  }
  return undefined;
}

/**
 * Looks up credentials for `registry` (as in ImageReference.registry) in a Docker config file.
 * A missing file means no credentials; an unreadable or malformed one throws E_INPUT_UNREADABLE.
 * Credential helpers are not run (they are external programs); their use is reported in `helperNote`.
 */
export async function lookupDockerConfigCredentials(
  registry: string,
  path = defaultDockerConfigPath(),
): Promise<DockerConfigLookup> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new BulwarkError(ErrorCodes.FILE_TOO_LARGE, `${path}: Docker config is larger than 1 MiB`, {
        subject: path,
      });
    }
    text = bytes.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    if (e instanceof BulwarkError) throw e;
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `Cannot read Docker config ${path}: ${errorMessage(e)}`,
      { subject: path, cause: e },
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `${path}: Docker config is not valid JSON (${errorMessage(e)})`,
      { subject: path },
    );
  }
  if (!isRecord(doc)) return {};
  const want = registry.toLowerCase();
  const matches = (key: string): boolean => {
    const host = keyHost(key);
    return want === DOCKER_HUB ? DOCKER_HUB_KEYS.has(host) : host === want;
  };

  const auths = isRecord(doc.auths) ? doc.auths : {};
  // Prefer the exact key Docker itself writes (index.docker.io/v1/ for Hub), then any variant.
  const keys = Object.keys(auths).filter(matches);
  keys.sort((a, b) => Number(b.includes('index.docker.io/v1')) - Number(a.includes('index.docker.io/v1')));
  let identityTokenKey: string | undefined;
  for (const key of keys) {
    const entry = auths[key];
    if (!isRecord(entry)) continue;
    const credentials = decodeEntry(entry, path, key);
    if (credentials) return { credentials };
    if (typeof entry.identitytoken === 'string' && entry.identitytoken) identityTokenKey = key;
  }

  const helpers = isRecord(doc.credHelpers) ? doc.credHelpers : {};
  const helperKey = Object.keys(helpers).find(matches);
  const helper = helperKey === undefined ? undefined : helpers[helperKey];
  if (typeof helper === 'string' && helper.length > 0) {
    return {
      helperNote: `${path} sends ${registry} to the credential helper "docker-credential-${helper}" (credHelpers), which Bulwark does not run`,
    };
  }
  if (typeof doc.credsStore === 'string' && doc.credsStore.length > 0) {
    return {
      helperNote: `${path} keeps credentials in the store "docker-credential-${doc.credsStore}" (credsStore), which Bulwark does not query`,
    };
  }
  if (identityTokenKey !== undefined) {
    return {
      helperNote: `${path} has only an OAuth2 identity token for "${identityTokenKey}", which Bulwark does not use`,
    };
  }
  return {};
}
