/** Words that make an environment variable name a secret on their own (`DB_PASSWORD`, `githubToken`). */
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

/**
 * `<word> KEY` pairs that name a key to keep secret (`API_KEY`, `PRIVATE_KEY`, `AZURE_STORAGE_KEY`…);
 * `KEY` alone, or after other words (`CACHE_KEY`, `PARTITION_KEY`), is too common to mean a secret.
 */
const KEY_QUALIFIERS = new Set([
  'API',
  'PRIVATE',
  'ACCESS',
  'SIGNING',
  'ENCRYPTION',
  'AUTH',
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
 * Last words that make the variable describe a secret rather than hold one: `TOKEN_FILE`,
 * `SECRET_NAME`, `PASSWORD_MIN_LENGTH`, `AWS_ACCESS_KEY_ID` (the public half).
 */
const DESCRIPTIVE_SUFFIXES = new Set([
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
  'TTL',
  'TIMEOUT',
  'SECONDS',
  'EXPIRY',
  'EXPIRATION',
  'ENABLED',
  'MIN',
  'MAX',
]);

/** `dbPassword`, `DB_PASSWORD`, `db.password` → `['DB', 'PASSWORD']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/** True when an environment variable's name says it holds a password, token, API or private key. */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE_SUFFIXES.has(last)) return false;
  return words.some(
    (w, i) => SECRET_WORDS.has(w) || (w === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1] ?? '')),
  );
}
