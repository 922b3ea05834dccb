import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Writes an EMPTY Trivy Java DB (`<cacheDir>/java-db/metadata.json` + `trivy-java.db` with the
 * trivy-java-db schema, version 1) so that `trivy rootfs --offline-scan --skip-java-db-update`
 * analyses jars without a network.
 *
 * Trivy refuses to analyse a jar before its Java DB exists ("'--skip-java-db-update' cannot be
 * specified on the first run"), even though with `--offline-scan` its jar parser never queries it:
 * it names a jar from pom.properties, else MANIFEST.MF, and in offline mode skips the DB look-ups
 * by SHA-1 and by artifact id. So an empty DB gives exactly what Trivy reports offline with the
 * real one (a ~1 GB download from ghcr.io this machine cannot make).
 */
export async function writeOfflineJavaDb(cacheDir: string): Promise<void> {
  const dir = join(cacheDir, 'java-db');
  await mkdir(dir, { recursive: true });
  const now = new Date();
  const nextYear = new Date(now.getTime() + 365 * 24 * 3600 * 1000);
  await writeFile(
    join(dir, 'metadata.json'),
    `${JSON.stringify({
      Version: 1,
      NextUpdate: nextYear.toISOString(),
      UpdatedAt: now.toISOString(),
      DownloadedAt: now.toISOString(),
    })}\n`,
  );
  const db = new Database(join(dir, 'trivy-java.db'));
  try {
    db.exec(
      [
        'CREATE TABLE IF NOT EXISTS artifacts(id INTEGER PRIMARY KEY, group_id TEXT, artifact_id TEXT)',
        'CREATE TABLE IF NOT EXISTS indices(artifact_id INTEGER, version TEXT, sha1 BLOB, archive_type TEXT, ' +
          'foreign key (artifact_id) references artifacts(id))',
        'CREATE UNIQUE INDEX IF NOT EXISTS artifacts_idx ON artifacts(artifact_id, group_id)',
        'CREATE INDEX IF NOT EXISTS indices_artifact_idx ON indices(artifact_id)',
        'CREATE UNIQUE INDEX IF NOT EXISTS indices_sha1_idx ON indices(sha1)',
      ].join(';\n'),
    );
  } finally {
    db.close();
  }
}
