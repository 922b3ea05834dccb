// Test support: the peers' own test cases (../shared/data/k8s), read as plain objects, and a
// comparison that runs one of our rules on them. Used by the peer-*.test.ts files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../../../core/is-record.ts';
import { sharedData } from '../../../../test-support/shared-data.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { objectOf } from './rule-cases.ts';

/** One case of a peer: the objects it is given and whether the peer reports a failure. */
export interface PeerCase {
  readonly name: string;
  readonly objects: readonly Readonly<Record<string, unknown>>[];
  readonly fails: boolean;
  /**
   * Per failure, the paths the peer names (failed, fix, review, delete), relative to the object;
   * empty lists when the peer names none (Trivy's tests).
   */
  readonly failures: readonly (readonly string[])[];
}

function parseDocuments(text: string): Record<string, unknown>[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(isRecord);
}

function alertPaths(alert: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['failedPaths', 'reviewPaths', 'deletePaths', 'fixPaths']) {
    const v = alert[key];
    if (!Array.isArray(v)) continue;
    for (const p of v) {
      const path = typeof p === 'string' ? p : isRecord(p) && typeof p.path === 'string' ? p.path : undefined;
      // RBAC rules see a role and a binding together as relatedObjects[n]; our rules see one object.
      if (path !== undefined) out.push(path.replace(/^relatedObjects\[\d+\]\./, ''));
    }
  }
  return out;
}

/** The test cases of a Kubescape regolibrary rule: `rules/<rule>/test/<case>/{input/*,expected.json}`. */
export function kubescapeCases(rule: string): PeerCase[] {
  const dir = sharedData('k8s', 'kubescape-regolibrary', 'rules', rule, 'test');
  const out: PeerCase[] = [];
  for (const name of readdirSync(dir).sort()) {
    const inputDir = join(dir, name, 'input');
    // A few cases keep their input beside expected.json, or have none at all; those are not comparable.
    if (!existsSync(inputDir)) continue;
    const objects = readdirSync(inputDir)
      .sort()
      .flatMap((f) => parseDocuments(readFileSync(join(inputDir, f), 'utf8')));
    const expected: unknown = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8'));
    const alerts = Array.isArray(expected) ? expected.filter(isRecord) : [];
    out.push({ name, objects, fails: alerts.length > 0, failures: alerts.map(alertPaths) });
  }
  return out;
}

/** The end of the object literal that opens at `start`, or -1. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

const CANONICAL_KINDS = new Map(
  [
    'Pod',
    'Deployment',
    'StatefulSet',
    'DaemonSet',
    'ReplicaSet',
    'ReplicationController',
    'Job',
    'CronJob',
    'Service',
    'ServiceAccount',
    'Role',
    'ClusterRole',
    'RoleBinding',
    'ClusterRoleBinding',
  ].map((k) => [k.toLowerCase(), k]),
);

/** Rego text without `# …` comments (outside strings), so object literals parse as JSON. */
function withoutComments(text: string): string {
  let out = '';
  let inString = false;
  let inComment = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (inComment) {
      if (ch === '\n') {
        inComment = false;
        out += ch;
      }
      continue;
    }
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '#') inComment = true;
    else out += ch;
  }
  return out;
}

/**
 * The test cases of a trivy-checks rule, read from its `<check>_test.rego`: each `test_… if { r := deny
 * with input as {…} … count(r) == n }`. Only literal inputs that are JSON once trailing commas go are
 * taken; table-driven tests and inputs built from variables are skipped (their count is returned).
 */
export function trivyCases(check: string): { cases: PeerCase[]; skipped: number } {
  const source = readFileSync(
    sharedData('k8s', 'trivy-checks', 'checks', 'kubernetes', `${check}_test.rego`),
    'utf8',
  );
  const text = withoutComments(source);
  const cases: PeerCase[] = [];
  let skipped = 0;
  const blocks = text.split(/^(?=test_)/m).filter((b) => b.startsWith('test_'));
  for (const block of blocks) {
    const name = block.slice(0, block.search(/[\s[]/));
    const at = block.indexOf('deny with input as {');
    // `count(r) == n`, `count(r) > 0`, or only the expected message (`r[_].msg == "…"`): a failure.
    const verdict = /count\(r\)\s*(==|>)\s*(\d+)/.exec(block) ?? /r\[_\]\.msg ==/.exec(block);
    if (at === -1 || verdict === null) {
      skipped++;
      continue;
    }
    const open = block.indexOf('{', at);
    const close = closingBrace(block, open);
    let input: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(block.slice(open, close + 1).replace(/,(\s*[}\]])/g, '$1'));
      if (!isRecord(parsed)) throw new Error('not an object');
      input = parsed;
    } catch {
      skipped++;
      continue;
    }
    // Trivy matches kinds without regard to case and some tests say "pod"; the API server accepts only
    // the canonical spelling, which is what our rules look for.
    const kind = typeof input.kind === 'string' ? CANONICAL_KINDS.get(input.kind.toLowerCase()) : undefined;
    if (kind !== undefined) input = { ...input, kind };
    const fails = verdict[1] === undefined || verdict[1] === '>' || Number(verdict[2]) > 0;
    cases.push({ name, objects: [input], fails, failures: fails ? [[]] : [] });
  }
  return { cases, skipped };
}

/** How one of our rules is held against one peer rule's cases. */
export interface PeerComparison {
  /** `kubescape <rule>` or `trivy <KSVnnn>`, for test names. */
  readonly peer: string;
  readonly cases: readonly PeerCase[];
  /** Our rules whose violations together stand for the peer's failure. */
  readonly rules: readonly K8sRule[];
  /** Only these message ids count (e.g. `cpuLimit` for a CPU-limit-only peer rule). */
  readonly messageIds?: readonly string[];
  /** Only objects of these kinds are checked (e.g. not the ServiceAccount given beside a Deployment). */
  readonly kinds?: readonly string[];
  /**
   * Cuts a path down to what both sides name (`spec.containers[1]`, `rules[0]`); when set and every
   * failure of the peer names such a place, the sets of places must match, not just the verdict.
   */
  readonly anchor?: RegExp;
  /** Cases where we deliberately disagree, with the reason; the disagreement itself is asserted. */
  readonly differences?: Readonly<Record<string, string>>;
}

function anchorsOf(paths: readonly string[], anchor: RegExp): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const m = anchor.exec(p);
    if (m !== null) out.add(m[0]);
  }
  return [...out].sort();
}

/** Registers one test per peer case; see PeerComparison. */
export function comparePeer(c: PeerComparison): void {
  describe(`${c.peer} vs ${c.rules.map((r) => r.id).join(' + ')}`, () => {
    it('has cases to compare', () => assert.ok(c.cases.length > 0));
    for (const pc of c.cases) {
      const paths = pc.objects
        .filter((o) => c.kinds === undefined || c.kinds.includes(String(o.kind)))
        .flatMap((o) => c.rules.flatMap((r) => [...r.check(objectOf(o))]))
        .filter((v) => c.messageIds === undefined || c.messageIds.includes(v.messageId))
        .map((v) => v.path);
      const weFail = paths.length > 0;
      const anchor = c.anchor;
      // Compare places only when the peer names one for every failure it reports.
      const located =
        anchor !== undefined && pc.failures.every((f) => anchorsOf(f, anchor).length > 0)
          ? anchor
          : undefined;
      const agree = (): boolean =>
        weFail === pc.fails &&
        (located === undefined ||
          anchorsOf(paths, located).join() === anchorsOf(pc.failures.flat(), located).join());
      const difference = c.differences?.[pc.name];
      it(`${pc.name}: ${difference === undefined ? 'agrees' : `differs (${difference})`}`, () => {
        if (difference !== undefined) {
          assert.ok(!agree(), 'recorded as a difference, but we now agree: drop the entry');
          return;
        }
        assert.equal(
          weFail,
          pc.fails,
          pc.fails ? 'the peer reports a failure, we do not' : 'we report, the peer does not',
        );
        if (located !== undefined) {
          assert.deepEqual(anchorsOf(paths, located), anchorsOf(pc.failures.flat(), located));
        }
      });
    }
  });
}
