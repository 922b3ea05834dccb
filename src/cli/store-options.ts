/**
 * `--db <url|dir>` → openStore options: a `postgres://` URL selects PostgreSQL; anything else is
 * the directory holding `bulwark.db` (like $BULWARK_HOME). Absent: the environment decides.
 */
export function storeOptions(db: string | undefined): { url?: string; home?: string } {
  if (db === undefined) return {};
  return /^postgres(ql)?:\/\//i.test(db) ? { url: db } : { home: db };
}
