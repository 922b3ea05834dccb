import type { Finding } from '../core/finding.ts';

/**
 * A finding in one line: its title, else the first line of its description that is not a
 * Markdown heading (GHSA descriptions start with `# Summary`), else its id.
 */
export function headline(f: Finding): string {
  const title = f.title?.trim();
  if (title) return title;
  const lines = (f.description ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const text = lines.find((l) => !l.startsWith('#')) ?? lines[0]?.replace(/^#+\s*/, '');
  return text || f.id;
}
