import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { runTool } from '../run-tool.ts';

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A bcrypt hash of `password`: Apache's htpasswd when installed, else crypt(3) through Perl (libxcrypt does bcrypt). */
async function bcrypt(password: string): Promise<string> {
  if (existsSync('/usr/bin/htpasswd')) {
    const line = await runTool('htpasswd', ['-nbB', 'x', password], { timeoutMs: 20_000 });
    return line.trim().slice(2);
  }
  const salt = Array.from(randomBytes(22), (b) => BCRYPT_ALPHABET[b % 64]).join('');
  const hash = await runTool('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', password, `$2b$10$${salt}`], {
    timeoutMs: 20_000,
  });
  if (!/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/.test(hash))
    throw new Error(`crypt(3) did not produce a bcrypt hash: "${hash}"`);
  return hash;
}

/** Writes an htpasswd file (bcrypt, the only kind docker-registry accepts) for `users`. */
export async function writeHtpasswd(path: string, users: Readonly<Record<string, string>>): Promise<void> {
  const lines: string[] = [];
  for (const [user, password] of Object.entries(users)) lines.push(`${user}:${await bcrypt(password)}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}
