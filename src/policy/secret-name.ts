/**
 * Whether a variable's name (environment, build ARG, image config Env) says it holds a secret, and
 * whether a value as written could be one. One definition for the Dockerfile, image-config and
 * Kubernetes rules, so `DB_PASSWORD` is judged alike wherever it is set.
 */

/** Words that make a variable name a secret on their own (`DB_PASSWORD`, `githubToken`). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'PASSPHRASE',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'APIKEY',
  'PRIVATEKEY',
  'ACCESSKEY',
  'SECRETKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** Names made of a secret word that, in an image, are the shell's own: its working directories. */
const SHELL_NAMES = new Set(['PWD', 'OLDPWD']);

/**
 * `<word> KEY` pairs naming a key to keep secret (`API_KEY`, `AWS_SECRET_ACCESS_KEY`,
 * `AZURE_STORAGE_KEY`); `KEY` alone, or after other words (`CACHE_KEY`, `PARTITION_KEY`), is too
 * common to mean a secret.
 */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'AUTH',
  'SIGNING',
  'ENCRYPTION',
  'MASTER',
  'ACCOUNT',
  'BATCH',
  'STORAGE',
  'SERVICE',
  'CLIENT',
  'SHARED',
  'APP',
  'LICENSE',
  'SUBSCRIPTION',
  'HMAC',
  'SESSION',
  'COOKIE',
  'JWT',
]);

/**
 * Last words that make the name describe a secret rather than hold one: `TOKEN_FILE`,
 * `SECRET_NAME`, `PASSWORD_MIN_LENGTH`, `GITHUB_TOKEN_URL`, `AWS_ACCESS_KEY_ID` (the public half).
 */
const DESCRIPTIVE = new Set([
  'FILE',
  'PATH',
  'DIR',
  'NAME',
  'REF',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'PORT',
  'TYPE',
  'ID',
  'LENGTH',
  'LEN',
  'TTL',
  'TIMEOUT',
  'SECONDS',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'ENABLED',
  'REQUIRED',
  'MIN',
  'MAX',
  'METHOD',
  'MODE',
  'HEADER',
  'FIELD',
]);

/** Values that are settings, not secrets: `USE_TOKEN=true`. */
const NOT_SECRET_VALUES = new Set(['true', 'false', 'yes', 'no', 'on', 'off', '0', '1', 'null', 'none']);

/** `dbPassword`, `DB_PASSWORD`, `db.password` → `['DB', 'PASSWORD']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * True when a variable's name says it holds a secret: a password, secret, token, credential, or an
 * API/access/private key (`AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN`, `DB_PASSWORD`, `DB_PWD`,
 * `BASIC_AUTH`), unless its last word says it only describes one (`TOKEN_FILE`,
 * `PASSWORD_MIN_LENGTH`).
 *
 * `shellNames` (default true): `PWD` and `OLDPWD` alone are the shell's working directories, as in
 * a Dockerfile or an image's config, where the shell or the builder sets them. In a pod's env
 * someone wrote them by hand, and `pwd=…` there is a password (Kubescape's C-0012 agrees).
 */
export function isSecretName(name: string, options: { readonly shellNames?: boolean } = {}): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE.has(last)) return false;
  if (options.shellNames !== false && words.length === 1 && SHELL_NAMES.has(last)) return false;
  if (last === 'AUTH' && words.length > 1) return true;
  return words.some(
    (w, i) => SECRET_WORDS.has(w) || (w === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!)),
  );
}

const ONLY_REFERENCES = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})+$/;

/**
 * True when a value as written is a literal that could be a secret: not empty, not only references
 * to other variables (`$DB_PASSWORD`, `${TOKEN}`), not a boolean or 0/1. A `${X:-default}` keeps
 * its literal default, so it counts.
 */
export function isLiteralSecretValue(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const v = raw
    .trim()
    .replace(/^(["'])([\s\S]*)\1$/, '$2')
    .trim();
  if (v === '' || ONLY_REFERENCES.test(v)) return false;
  return !NOT_SECRET_VALUES.has(v.toLowerCase());
}
