import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sharedData } from '../../test-support/shared-data.ts';
import type { FieldSource } from '../field-source.ts';
import { createK8sAuditSource, k8sAuditSource } from '../k8s-audit/k8s-audit-source.ts';
import { type CompiledRule, loadRules, type RulesFile } from '../rules/load-rules.ts';
import { readAuditEvents } from './read-audit-events.ts';
import { createRuleDispatch } from './rule-dispatch.ts';

function load(files: readonly RulesFile[], source: FieldSource = k8sAuditSource): CompiledRule[] {
  const loaded = loadRules(files, new Map([['k8s_audit', source]]));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n'));
  return loaded.rules;
}

function rulesOf(conditions: Record<string, string>): CompiledRule[] {
  const text = Object.entries(conditions)
    .map(
      ([name, condition]) =>
        `- rule: ${name}\n  desc: d\n  condition: ${JSON.stringify(condition)}\n  output: o\n  priority: WARNING\n  source: k8s_audit\n`,
    )
    .join('');
  return load([{ path: 'test.yaml', text }]);
}

const names = (rules: readonly CompiledRule[]) => rules.map((r) => r.name);
const ev = (verb: unknown, resource?: unknown) => ({
  kind: 'Event',
  verb,
  ...(resource === undefined ? {} : { objectRef: { resource } }),
});

describe('createRuleDispatch', () => {
  const rules = rulesOf({
    anyVerb: 'ka.user.name = bob',
    getPods: 'ka.verb = get and ka.target.resource = pods',
    modify: 'ka.verb in (create, update, patch)',
    notGet: 'not ka.verb = get',
    secrets: 'ka.target.resource = secrets or ka.target.resource = configmaps',
    never: 'ka.verb = get and ka.verb = list',
    upper: 'ka.verb = GET',
    numeric: 'ka.verb = 5',
  });
  const dispatch = createRuleDispatch(rules, k8sAuditSource);

  it('keeps only rules whose index constraints the event meets, in rule order', () => {
    assert.deepEqual(names(dispatch(ev('get', 'pods'))), ['anyVerb', 'getPods', 'notGet']);
    assert.deepEqual(names(dispatch(ev('create', 'secrets'))), ['anyVerb', 'modify', 'notGet', 'secrets']);
    assert.deepEqual(names(dispatch(ev('GET', 'pods'))), ['anyVerb', 'notGet', 'upper']);
    // The field holds text: `5` as JSON renders as "5".
    assert.deepEqual(names(dispatch(ev(5))), ['anyVerb', 'notGet', 'numeric']);
  });

  it('sends values no rule names, and absent fields, to the unconstrained rules', () => {
    assert.deepEqual(names(dispatch(ev('watch', 'nodes'))), ['anyVerb', 'notGet']);
    assert.deepEqual(names(dispatch({ kind: 'Event' })), ['anyVerb', 'notGet']);
    assert.deepEqual(names(dispatch(null)), ['anyVerb', 'notGet']);
  });

  it('returns one cached list per combination of values', () => {
    assert.equal(dispatch(ev('get', 'pods')), dispatch({ ...ev('get', 'pods'), user: { username: 'x' } }));
    assert.equal(dispatch(ev('watch', 'nodes')), dispatch(ev('proxy', 'leases')));
  });

  it('stays correct when the cache overflows', () => {
    const small = createRuleDispatch(rules, k8sAuditSource, { maxCacheEntries: 2 });
    for (let round = 0; round < 3; round++) {
      for (const verb of ['get', 'create', 'GET', 'watch', undefined]) {
        for (const resource of ['pods', 'secrets', 'nodes', undefined]) {
          const e = ev(verb, resource);
          assert.deepEqual(names(small(e)), names(dispatch(e)));
        }
      }
    }
  });

  it('prunes nothing without usable index fields', () => {
    const all = names(rules);
    assert.deepEqual(names(createRuleDispatch(rules, k8sAuditSource, { indexFields: [] })(ev('x'))), all);
    // Unknown fields and list fields are not indexed.
    const odd = createRuleDispatch(rules, k8sAuditSource, {
      indexFields: ['ka.nope', 'ka.req.pod.containers.image', 'ka.verb[0]'],
    });
    assert.deepEqual(names(odd(ev('x'))), all);
  });

  it('never skips rules of another source', () => {
    const other = { ...rules[1]!, name: 'other', source: 'syscall' };
    const d = createRuleDispatch([other, ...rules], k8sAuditSource);
    assert.deepEqual(names(d(ev('watch'))), ['other', 'anyVerb', 'notGet']);
  });

  it('indexes a field with an argument when asked to', () => {
    const staged = rulesOf({
      complete: 'jevt.value[/stage] in (ResponseComplete) and ka.verb = get',
      started: 'jevt.value[/stage] = ResponseStarted',
    });
    const d = createRuleDispatch(staged, k8sAuditSource, { indexFields: ['jevt.value[/stage]', 'ka.verb'] });
    assert.deepEqual(names(d({ stage: 'ResponseStarted', verb: 'get' })), ['started']);
    assert.deepEqual(names(d({ stage: 'ResponseComplete', verb: 'get' })), ['complete']);
    assert.deepEqual(names(d({ stage: 'ResponseComplete', verb: 'list' })), []);
  });
});

// Equivalence over real data: Falco's rules files and the trace events of Falco's regression tests,
// with every event's verb, resource, subresource and stage swapped and removed. Candidate-filtered
// matching must give exactly the matches of running every rule.

const FALCO = 'k8s/audit-falco';
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const ODD_VERBS = ['GET', 'Create', '', 'proxy', 'impersonate'];
const RESOURCES = [
  'pods',
  'secrets',
  'configmaps',
  'deployments',
  'services',
  'namespaces',
  'serviceaccounts',
  'clusterroles',
  'clusterrolebindings',
  'roles',
  'rolebindings',
  'nodes',
  'ingresses',
  'events',
  'Pods',
  '',
];

type Json = Record<string, unknown>;

/** A deep copy of the event with the value at `path` replaced (`undefined`: removed). */
function edited(event: unknown, path: readonly [string, ...string[]], value: unknown): unknown {
  const copy = structuredClone(event) as Json;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = {};
    parent = parent[key] as Json;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

function variants(event: unknown): unknown[] {
  const out: unknown[] = [event];
  for (const verb of [...VERBS, ...ODD_VERBS, undefined, null, 7]) out.push(edited(event, ['verb'], verb));
  for (const resource of [...RESOURCES, undefined, { name: 'pods' }, ['pods']]) {
    out.push(edited(event, ['objectRef', 'resource'], resource));
  }
  for (const sub of ['exec', 'attach', 'portforward', 'ephemeralcontainers', 'status', undefined]) {
    out.push(edited(event, ['objectRef', 'subresource'], sub));
  }
  for (const stage of ['ResponseStarted', 'RequestReceived', 'Panic'])
    out.push(edited(event, ['stage'], stage));
  out.push(edited(event, ['objectRef'], undefined));
  return out;
}

async function traceEvents(): Promise<unknown[]> {
  const dir = sharedData(FALCO, 'falco-legacy-tests/test/trace_files/k8s_audit');
  const events: unknown[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    for await (const e of readAuditEvents(join(dir, name))) events.push(e);
  }
  return events;
}

function falcoRules(edit = (text: string) => text): RulesFile[] {
  const path = sharedData(FALCO, 'current-plugins-k8saudit/plugins/k8saudit/rules/k8s_audit_rules.yaml');
  return [{ path, text: edit(readFileSync(path, 'utf8')) }];
}

describe("rule dispatch over Falco's rules and trace events", () => {
  let events: unknown[] = [];
  before(async () => {
    events = (await traceEvents()).flatMap(variants);
  });

  const ruleSets: [string, () => RulesFile[]][] = [
    ['k8s_audit_rules.yaml', () => falcoRules()],
    // Every tuning macro switched on, so the rules they disable match too.
    [
      'k8s_audit_rules.yaml, tuning macros true',
      () => falcoRules((t) => t.replaceAll('(k8s_audit_never_true)', '(k8s_audit_always_true)')),
    ],
    [
      'k8s_audit_rules.yaml of 2023-08',
      () => {
        const path = sharedData(FALCO, 'falco-legacy-tests/k8s_audit_rules-at-2023-08/k8s_audit_rules.yaml');
        return [{ path, text: readFileSync(path, 'utf8') }];
      },
    ],
  ];
  for (const [label, files] of ruleSets) {
    it(`gives the same matches as every rule: ${label}`, () => {
      const rules = load(files());
      const order = new Map(rules.map((r, i) => [r, i]));
      const dispatch = createRuleDispatch(rules, createK8sAuditSource({ clusterName: 'c' }));
      let matches = 0;
      for (const event of events) {
        const candidates = dispatch(event);
        const positions = candidates.map((r) => order.get(r)!);
        assert.ok(
          positions.every((p, i) => i === 0 || p > positions[i - 1]!),
          'candidates out of rule order',
        );
        const want = names(rules.filter((r) => r.match(event)));
        assert.deepEqual(
          names(candidates.filter((r) => r.match(event))),
          want,
          JSON.stringify(event).slice(0, 300),
        );
        matches += want.length;
      }
      assert.ok(events.length > 2000, `only ${events.length} events`);
      assert.ok(matches > 500, `only ${matches} matches: the equivalence was barely exercised`);
    });
  }

  it('prunes: rules met per event with and without the index', async () => {
    const rules = load(falcoRules());
    const trace = await traceEvents();
    const average = (indexFields: readonly string[] | undefined) => {
      const d = createRuleDispatch(rules, k8sAuditSource, indexFields === undefined ? {} : { indexFields });
      return trace.reduce<number>((n, e) => n + d(e).length, 0) / trace.length;
    };
    const figures = {
      none: average([]),
      verb: average(['ka.verb']),
      resource: average(['ka.target.resource']),
      default: average(undefined),
      withSubresource: average(['ka.verb', 'ka.target.resource', 'ka.target.subresource']),
      withStage: average(['ka.verb', 'ka.target.resource', 'jevt.value[/stage]']),
    };
    console.log(`rules met per trace event (${rules.length} rules, ${trace.length} events):`, figures);
    assert.equal(figures.none, rules.length);
    assert.ok(figures.default < rules.length / 4, `default index leaves ${figures.default} rules per event`);

    const getConfigmaps = {
      kind: 'Event',
      verb: 'get',
      stage: 'ResponseComplete',
      objectRef: { resource: 'configmaps' },
    };
    const met = createRuleDispatch(rules, k8sAuditSource)(getConfigmaps).length;
    assert.ok(met < rules.length / 2, `a get of configmaps meets ${met} of ${rules.length} rules`);
  });
});
