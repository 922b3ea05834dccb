import { err, ok, type Result } from '../../core/result.ts';
import { CVSS4_MACROVECTOR_SCORES } from './cvss4-macrovector-scores.ts';
import { type CvssSeverity, severityRating } from './severity-rating.ts';
import { type CvssMetrics, type MetricValues, parseMetrics, weight } from './vector-metrics.ts';

/** Which metric groups a v4 score covers (specification section 1.3 nomenclature). */
export type Cvss4Nomenclature = 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

/** A scored CVSS v4.0 vector. */
export interface Cvss4Score {
  readonly version: '4.0';
  readonly vector: string;
  readonly metrics: CvssMetrics;
  /** CVSS-B: the score of the base metrics alone. */
  readonly baseScore: number;
  readonly severity: CvssSeverity;
  /** The score of the whole vector (threat and environmental metrics included); see nomenclature. */
  readonly score: number;
  readonly scoreSeverity: CvssSeverity;
  readonly nomenclature: Cvss4Nomenclature;
  /** The six EQ levels of the whole vector, e.g. `000200`. */
  readonly macroVector: string;
}

const IMPACT = ['H', 'L', 'N'];
const BASE: MetricValues = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: IMPACT,
  VI: IMPACT,
  VA: IMPACT,
  SC: IMPACT,
  SI: IMPACT,
  SA: IMPACT,
};
const REQUIREMENT = ['X', 'H', 'M', 'L'];
const ENVIRONMENTAL: MetricValues = {
  CR: REQUIREMENT,
  IR: REQUIREMENT,
  AR: REQUIREMENT,
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MAT: ['X', 'N', 'P'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'P', 'A'],
  MVC: ['X', ...IMPACT],
  MVI: ['X', ...IMPACT],
  MVA: ['X', ...IMPACT],
  MSC: ['X', ...IMPACT],
  MSI: ['X', 'S', ...IMPACT],
  MSA: ['X', 'S', ...IMPACT],
};
const ALLOWED: MetricValues = {
  ...BASE,
  E: ['X', 'A', 'P', 'U'],
  ...ENVIRONMENTAL,
  // Supplemental metrics: carried, never scored.
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};
const MANDATORY = Object.keys(BASE);

/**
 * The highest-severity vectors of each EQ level (the calculator's max_composed), as metric → value
 * maps. EQ3 is keyed by EQ3 level and then EQ6 level, because EQ3 and EQ6 are scored jointly.
 */
type Fragment = Readonly<Record<string, string>>;
const fragment = (text: string): Fragment =>
  Object.fromEntries(text.split('/').map((part) => part.split(':') as [string, string]));
const MAX_EQ1: readonly (readonly Fragment[])[] = [
  ['AV:N/PR:N/UI:N'],
  ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'],
  ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'],
].map((level) => level.map(fragment));
const MAX_EQ2: readonly (readonly Fragment[])[] = [['AC:L/AT:N'], ['AC:H/AT:N', 'AC:L/AT:P']].map((level) =>
  level.map(fragment),
);
const MAX_EQ3_EQ6: Readonly<Record<string, readonly Fragment[]>> = Object.fromEntries(
  Object.entries({
    '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
    '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
    '11': [
      'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
      'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
      'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
      'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
      'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
    ],
    '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
  }).map(([key, level]) => [key, level.map(fragment)]),
);
const MAX_EQ4: readonly (readonly Fragment[])[] = [
  ['SC:H/SI:S/SA:S'],
  ['SC:H/SI:H/SA:H'],
  ['SC:L/SI:L/SA:L'],
].map((level) => level.map(fragment));
const MAX_EQ5: readonly (readonly Fragment[])[] = [['E:A'], ['E:P'], ['E:U']].map((level) =>
  level.map(fragment),
);

/** Depth of each EQ level, in 0.1 severity steps (the calculator's max_severity). */
const DEPTH_EQ1 = [1, 4, 5];
const DEPTH_EQ2 = [1, 2];
const DEPTH_EQ3_EQ6: Readonly<Record<string, number>> = { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 };
const DEPTH_EQ4 = [6, 5, 4];

/** Severity level of each value; lower is more severe. */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 0.1, L: 0.2, P: 0.3 },
  PR: { N: 0, L: 0.1, H: 0.2 },
  UI: { N: 0, P: 0.1, A: 0.2 },
  AC: { L: 0, H: 0.1 },
  AT: { N: 0, P: 0.1 },
  VC: { H: 0, L: 0.1, N: 0.2 },
  VI: { H: 0, L: 0.1, N: 0.2 },
  VA: { H: 0, L: 0.1, N: 0.2 },
  SC: { H: 0.1, L: 0.2, N: 0.3 },
  SI: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  SA: { S: 0, H: 0.1, L: 0.2, N: 0.3 },
  CR: { H: 0, M: 0.1, L: 0.2 },
  IR: { H: 0, M: 0.1, L: 0.2 },
  AR: { H: 0, M: 0.1, L: 0.2 },
};

/** The value the equations use: modified metrics override base ones; E, CR, IR, AR default to worst. */
function effective(metrics: CvssMetrics, name: string): string {
  const selected = metrics[name] ?? 'X';
  if (name === 'E' && selected === 'X') return 'A';
  if ((name === 'CR' || name === 'IR' || name === 'AR') && selected === 'X') return 'H';
  const modified = metrics[`M${name}`];
  if (modified !== undefined && modified !== 'X') return modified;
  return selected;
}

/** The six EQ levels (specification section 8.2, table 24). */
export function macroVector(metrics: CvssMetrics): readonly [number, number, number, number, number, number] {
  const v = (name: string): string => effective(metrics, name);
  const av = v('AV');
  const pr = v('PR');
  const ui = v('UI');
  let eq1 = 2;
  if (av === 'N' && pr === 'N' && ui === 'N') eq1 = 0;
  else if ((av === 'N' || pr === 'N' || ui === 'N') && av !== 'P') eq1 = 1;
  const eq2 = v('AC') === 'L' && v('AT') === 'N' ? 0 : 1;
  const vc = v('VC');
  const vi = v('VI');
  const va = v('VA');
  let eq3 = 2;
  if (vc === 'H' && vi === 'H') eq3 = 0;
  else if (vc === 'H' || vi === 'H' || va === 'H') eq3 = 1;
  let eq4 = 2;
  if (v('MSI') === 'S' || v('MSA') === 'S') eq4 = 0;
  else if (v('SC') === 'H' || v('SI') === 'H' || v('SA') === 'H') eq4 = 1;
  const e = v('E');
  const eq5 = e === 'A' ? 0 : e === 'P' ? 1 : 2;
  const eq6 =
    (v('CR') === 'H' && vc === 'H') || (v('IR') === 'H' && vi === 'H') || (v('AR') === 'H' && va === 'H')
      ? 0
      : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

function lookup(levels: readonly number[]): number {
  return CVSS4_MACROVECTOR_SCORES[levels.join('')] ?? Number.NaN;
}

function at<T>(list: readonly T[], index: number): T {
  const found = list[index];
  if (found === undefined) throw new Error(`internal error: no CVSS v4 data for level ${index}`);
  return found;
}

/**
 * The CVSS v4.0 score of a vector: the MacroVector's score, lowered by the mean proportional
 * distance to the next lower MacroVector of each EQ (specification section 8.3, as implemented by
 * the FIRST calculator), rounded half up to one decimal.
 */
export function scoreCvss4(metrics: CvssMetrics): { score: number; macroVector: string } {
  const levels = macroVector(metrics);
  const [eq1, eq2, eq3, eq4, eq5, eq6] = levels;
  const key = levels.join('');
  const v = (name: string): string => effective(metrics, name);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((name) => v(name) === 'N')) {
    return { score: 0, macroVector: key };
  }
  const value = lookup(levels);
  const lower = (index: number): number =>
    lookup(levels.map((level, i) => (i === index ? level + 1 : level)));

  let lowerEq3Eq6: number;
  if (eq3 === 0 && eq6 === 0) {
    const left = lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]);
    const right = lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
    // Both neighbours of 00 exist, so the larger is never NaN.
    lowerEq3Eq6 = Math.max(left, right);
  } else if (eq3 === 1 && eq6 === 0) {
    lowerEq3Eq6 = lookup([eq1, eq2, eq3, eq4, eq5, eq6 + 1]);
  } else if (eq3 === 2) {
    lowerEq3Eq6 = Number.NaN;
  } else {
    lowerEq3Eq6 = lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
  }

  const eq36 = `${eq3}${eq6}`;
  const candidates: Fragment[] = [];
  for (const a of at(MAX_EQ1, eq1))
    for (const b of at(MAX_EQ2, eq2))
      for (const c of MAX_EQ3_EQ6[eq36] ?? [])
        for (const d of at(MAX_EQ4, eq4))
          for (const e of at(MAX_EQ5, eq5)) candidates.push({ ...a, ...b, ...c, ...d, ...e });

  // Severity distance from the first highest vector that the scored vector does not exceed.
  let distance: Record<string, number> = {};
  for (const max of candidates) {
    distance = {};
    let exceeds = false;
    for (const [name, table] of Object.entries(LEVELS)) {
      const d = weight(table, v(name)) - weight(table, max[name]);
      distance[name] = d;
      if (d < 0) exceeds = true;
    }
    if (!exceeds) break;
  }
  const sum = (...names: string[]): number => names.reduce((total, name) => total + (distance[name] ?? 0), 0);

  const step = 0.1;
  const parts: [available: number, current: number, depth: number][] = [
    [value - lower(0), sum('AV', 'PR', 'UI'), at(DEPTH_EQ1, eq1) * step],
    [value - lower(1), sum('AC', 'AT'), at(DEPTH_EQ2, eq2) * step],
    [
      value - lowerEq3Eq6,
      sum('VC', 'VI', 'VA', 'CR', 'IR', 'AR'),
      (DEPTH_EQ3_EQ6[eq36] ?? Number.NaN) * step,
    ],
    [value - lower(3), sum('SC', 'SI', 'SA'), at(DEPTH_EQ4, eq4) * step],
    // EQ5 has a single value per level: its proportion is always 0, but it still counts.
    [value - lower(4), 0, 1],
  ];
  let existing = 0;
  let total = 0;
  for (const [available, current, depth] of parts) {
    if (Number.isNaN(available)) continue;
    existing += 1;
    total += available * (current / depth);
  }
  const mean = existing === 0 ? 0 : total / existing;
  const score = Math.min(10, Math.max(0, value - mean));
  // Half up, lifted by an epsilon: the arithmetic can land one ULP below an x.x5 tie.
  return { score: Math.round((score + 1e-6) * 10) / 10, macroVector: key };
}

const PREFIX = 'CVSS:4.0/';
const THREAT_OR_ENVIRONMENTAL = ['E', ...Object.keys(ENVIRONMENTAL)];

/** Parses and scores `CVSS:4.0/…`. */
export function parseCvss4(raw: string): Result<Cvss4Score> {
  const vector = raw.trim();
  if (!vector.startsWith(PREFIX)) return err(`not a CVSS v4.0 vector (expected CVSS:4.0/): "${raw}"`);
  const parsed = parseMetrics(vector.slice(PREFIX.length), ALLOWED, MANDATORY, 'CVSS v4.0');
  if (!parsed.ok) return parsed;
  const metrics = parsed.value;
  const baseOnly = Object.fromEntries(Object.entries(metrics).filter(([name]) => Object.hasOwn(BASE, name)));
  const base = scoreCvss4(baseOnly);
  const full = scoreCvss4(metrics);
  const set = (name: string): boolean => (metrics[name] ?? 'X') !== 'X';
  const threat = set('E');
  const environmental = THREAT_OR_ENVIRONMENTAL.some((name) => name !== 'E' && set(name));
  const nomenclature: Cvss4Nomenclature = threat
    ? environmental
      ? 'CVSS-BTE'
      : 'CVSS-BT'
    : environmental
      ? 'CVSS-BE'
      : 'CVSS-B';
  return ok({
    version: '4.0',
    vector,
    metrics,
    baseScore: base.score,
    severity: severityRating(base.score, '4.0'),
    score: full.score,
    scoreSeverity: severityRating(full.score, '4.0'),
    nomenclature,
    macroVector: full.macroVector,
  });
}
