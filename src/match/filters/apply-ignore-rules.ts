import type { Finding } from '../../core/finding.ts';
import type { IgnoreRule, IgnoreRules } from './ignore-file.ts';
import { PurlCache, purlMatches } from './purl-pattern.ts';

function ruleMatches(rule: IgnoreRule, f: Finding, purls: PurlCache): boolean {
  const id = rule.id.toUpperCase();
  if (f.id.toUpperCase() !== id && !f.aliases.some((a) => a.toUpperCase() === id)) return false;
  if (rule.purl) {
    const pkg = purls.get(f.package.purl);
    if (!pkg || !purlMatches(rule.purl, pkg, { qualifiers: true })) return false;
  }
  if (rule.path) {
    const { regex } = rule.path;
    if (!f.package.locations.some((l) => regex.test(l.path.replace(/^\/+/, '')))) return false;
  }
  return true;
}

/**
 * Marks findings that an ignore rule matches with `suppressed: { kind: 'ignore', status:
 * 'ignored', reason, source }`; nothing is removed. A rule matches when its id is the finding's id
 * or one of its aliases (case-insensitive), and its purl and path, when given, match too; the
 * first matching rule in file order gives the reason. Findings already suppressed (by VEX or an
 * earlier ignore file) keep their first suppression. Returns a new array; unchanged findings are
 * the same objects.
 */
export function applyIgnoreRules(findings: readonly Finding[], rules: IgnoreRules): Finding[] {
  if (rules.rules.length === 0) return [...findings];
  const purls = new PurlCache();
  return findings.map((f) => {
    if (f.suppressed) return f;
    const rule = rules.rules.find((r) => ruleMatches(r, f, purls));
    if (!rule) return f;
    return {
      ...f,
      suppressed: { kind: 'ignore', status: 'ignored', reason: rule.reason, source: rules.source },
    };
  });
}
