/** Words that make a variable name a secret on their own (`DB_PASSWORD`, `githubToken`). */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'PRIVATEKEY',
  'CREDENTIAL',
  'CREDENTIALS',
]);

/** `<word> KEY` pairs naming a key to keep (`API_KEY`, `AWS_SECRET_ACCESS_KEY`); `KEY` alone is too common. */
const KEY_QUALIFIERS = new Set([
  'API',
  'ACCESS',
  'SECRET',
  'PRIVATE',
  'AUTH',
  'SIGNING',
  'ENCRYPTION',
  'MASTER',
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
  'EXPIRY',
  'EXPIRES',
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
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/**
 * True when a variable's name says it holds a secret: a password, secret, token, credential, or an
 * API/access/private key (`AWS_SECRET_ACCESS_KEY`, `NPM_TOKEN`, `DB_PASSWORD`, `BASIC_AUTH`), unless
 * its last word says it only describes one (`TOKEN_FILE`, `PASSWORD_MIN_LENGTH`). `PWD` is the
 * working directory, not a password.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE.has(last)) return false;
  if (last === 'AUTH' && words.length > 1) return true;
  return words.some((w, i) => SECRET_WORDS.has(w) || (w === 'KEY' && KEY_QUALIFIERS.has(words[i - 1] ?? '')));
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
