import { CONFIG_SEVERITIES, type ConfigFinding } from '../../core/config-finding.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { type Finding, type FixState, SEVERITIES, type Suppression } from '../../core/finding.ts';
import { isRecord } from '../../core/is-record.ts';
import type { Package } from '../../core/package.ts';

/** The parts of a finding the gate reads. Every `Finding` is one. */
export type GateFinding = Pick<
  Finding,
  'id' | 'aliases' | 'severity' | 'fixState' | 'fixedVersions' | 'kev' | 'epss' | 'suppressed'
> & { readonly package: Pick<Finding['package'], 'id' | 'name' | 'version' | 'purl'> };

/** The parts of a configuration finding the gate reads. Every `ConfigFinding` is one. */
export type GateConfigFinding = Pick<ConfigFinding, 'ruleId' | 'severity' | 'message' | 'suppressed'> & {
  readonly resource: Pick<ConfigFinding['resource'], 'kind' | 'name' | 'namespace'>;
  readonly location: Pick<ConfigFinding['location'], 'file' | 'startLine' | 'endLine' | 'path'>;
};

/** The parts of a package the gate reads. Every `Package` is one. */
export type GatePackage = Pick<Package, 'id' | 'name' | 'version' | 'purl' | 'licenses'>;

/**
 * What the gate evaluates: a Bulwark JSON report (`--format json`, docs/json-format.md), read
 * structurally so that an in-memory `ScanResult` can be passed as is.
 */
export interface GateReport {
  readonly packages: readonly GatePackage[];
  /** Absent when the scan was not matched against an advisory database. */
  readonly vulnerabilities?: { readonly findings: readonly GateFinding[] };
  /**
   * Configuration findings (Dockerfile, Kubernetes and image-config checks); absent when no
   * configuration checks ran.
   */
  readonly misconfigurations?: readonly GateConfigFinding[];
}

/** The `schemaVersion` of the Bulwark JSON report this gate reads. */
const SCHEMA_VERSION = 1;
const FIX_STATES: readonly FixState[] = ['fixed', 'not-fixed', 'wont-fix', 'unknown'];

/** V8's JSON errors quote the text around the problem, newlines included; messages are one line. */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ');
}

function invalid(path: string, problem: string): BulwarkError {
  return new BulwarkError(ErrorCodes.REPORT_INVALID, `${path}: ${problem}`, { subject: path });
}

/** Why a JSON document is not a Bulwark report, in words a user can act on. */
function notAReport(doc: unknown): string {
  const hint = 'write one with `bulwark image|fs|rootfs|repo|config <target> --format json`';
  if (isRecord(doc) && doc.bomFormat === 'CycloneDX')
    return `a CycloneDX BOM, not a Bulwark JSON report; ${hint}`;
  if (isRecord(doc) && typeof doc.spdxVersion === 'string')
    return `an SPDX document, not a Bulwark JSON report; ${hint}`;
  return `not a Bulwark JSON report (no "schemaVersion" and "tool": {"name": "bulwark"}); ${hint}`;
}

/**
 * Parses a Bulwark JSON report for the gate, checking every field the gate reads (and nothing
 * else: consumers ignore fields they do not know). A `bulwark config` report (no packages, only
 * `misconfigurations`) is one too. Throws REPORT_INVALID naming the file and the field
 * (`vulnerabilities.findings[3].severity`, `misconfigurations[0].location.file`) when the document
 * is not a Bulwark report or a field has the wrong type or value.
 */
export function parseGateReport(text: string, path: string): GateReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid(path, `not JSON (${oneLine(e)}); ${notAReport(undefined)}`);
  }
  if (
    !isRecord(doc) ||
    !isRecord(doc.tool) ||
    doc.tool.name !== 'bulwark' ||
    doc.schemaVersion === undefined
  ) {
    throw invalid(path, notAReport(doc));
  }
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    throw invalid(
      path,
      `report schemaVersion ${JSON.stringify(doc.schemaVersion)} is not supported (this bulwark reads ${SCHEMA_VERSION})`,
    );
  }

  const field = (where: string, problem: string) => invalid(path, `${where}: ${problem}`);
  const str = (o: Record<string, unknown>, key: string, where: string): string => {
    const v = o[key];
    if (typeof v !== 'string') throw field(`${where}.${key}`, 'expected a string');
    return v;
  };
  const strings = (o: Record<string, unknown>, key: string, where: string): string[] => {
    const v = o[key] ?? [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      throw field(`${where}.${key}`, 'expected a list of strings');
    }
    return v;
  };

  if (!Array.isArray(doc.packages)) throw field('packages', 'expected a list');
  const packages: GatePackage[] = doc.packages.map((p: unknown, i) => {
    const at = `packages[${i}]`;
    if (!isRecord(p)) throw field(at, 'expected an object');
    return {
      id: str(p, 'id', at),
      name: str(p, 'name', at),
      version: str(p, 'version', at),
      purl: str(p, 'purl', at),
      licenses: strings(p, 'licenses', at),
    };
  });

  let report: GateReport = { packages };
  if (doc.vulnerabilities !== undefined) {
    const v = doc.vulnerabilities;
    if (!isRecord(v) || !Array.isArray(v.findings))
      throw field('vulnerabilities', 'expected an object with "findings"');
    const findings = v.findings.map((f: unknown, i) => readFinding(f, `vulnerabilities.findings[${i}]`));
    report = { ...report, vulnerabilities: { findings } };
  }
  if (doc.misconfigurations !== undefined) {
    const m = doc.misconfigurations;
    if (!Array.isArray(m)) throw field('misconfigurations', 'expected a list');
    report = {
      ...report,
      misconfigurations: m.map((f: unknown, i) => readConfigFinding(f, `misconfigurations[${i}]`)),
    };
  }
  return report;

  function readSuppression(s: unknown, at: string): Suppression {
    if (!isRecord(s) || (s.kind !== 'vex' && s.kind !== 'ignore')) {
      throw field(at, 'expected an object with "kind" vex or ignore');
    }
    return {
      kind: s.kind,
      status: typeof s.status === 'string' ? s.status : '',
      reason: typeof s.reason === 'string' ? s.reason : '',
      source: typeof s.source === 'string' ? s.source : '',
    };
  }

  /** `{ [key]: value }` when the optional string field is there, `{}` when absent (never undefined). */
  function optionalStr<K extends string>(
    o: Record<string, unknown>,
    key: K,
    where: string,
  ): { [P in K]?: string } {
    if (o[key] === undefined) return {};
    return { [key]: str(o, key, where) } as { [P in K]: string };
  }

  function optionalLine<K extends string>(
    o: Record<string, unknown>,
    key: K,
    where: string,
  ): { [P in K]?: number } {
    const v = o[key];
    if (v === undefined) return {};
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      throw field(`${where}.${key}`, 'expected a line number (a whole number from 1)');
    }
    return { [key]: v } as { [P in K]: number };
  }

  function readConfigFinding(f: unknown, at: string): GateConfigFinding {
    if (!isRecord(f)) throw field(at, 'expected an object');
    const severity = CONFIG_SEVERITIES.find((s) => s === f.severity);
    if (!severity) {
      throw field(`${at}.severity`, `${JSON.stringify(f.severity)} is not a configuration severity`);
    }
    const r = f.resource;
    if (!isRecord(r)) throw field(`${at}.resource`, 'expected an object');
    const l = f.location;
    if (!isRecord(l)) throw field(`${at}.location`, 'expected an object');
    const resource = {
      kind: str(r, 'kind', `${at}.resource`),
      ...optionalStr(r, 'name', `${at}.resource`),
      ...optionalStr(r, 'namespace', `${at}.resource`),
    };
    const location = {
      file: str(l, 'file', `${at}.location`),
      ...optionalLine(l, 'startLine', `${at}.location`),
      ...optionalLine(l, 'endLine', `${at}.location`),
      ...optionalStr(l, 'path', `${at}.location`),
    };
    const out: GateConfigFinding = {
      ruleId: str(f, 'ruleId', at),
      severity,
      message: str(f, 'message', at),
      resource,
      location,
    };
    return f.suppressed === undefined
      ? out
      : { ...out, suppressed: readSuppression(f.suppressed, `${at}.suppressed`) };
  }

  function readFinding(f: unknown, at: string): GateFinding {
    if (!isRecord(f)) throw field(at, 'expected an object');
    if (!isRecord(f.package)) throw field(`${at}.package`, 'expected an object');
    const severity = SEVERITIES.find((s) => s === f.severity);
    if (!severity) throw field(`${at}.severity`, `${JSON.stringify(f.severity)} is not a severity`);
    const fixState = FIX_STATES.find((s) => s === f.fixState);
    if (!fixState) throw field(`${at}.fixState`, `${JSON.stringify(f.fixState)} is not a fix state`);
    let out: GateFinding = {
      id: str(f, 'id', at),
      aliases: strings(f, 'aliases', at),
      severity,
      fixState,
      fixedVersions: strings(f, 'fixedVersions', at),
      package: {
        id: str(f.package, 'id', `${at}.package`),
        name: str(f.package, 'name', `${at}.package`),
        version: str(f.package, 'version', `${at}.package`),
        purl: str(f.package, 'purl', `${at}.package`),
      },
    };
    if (f.kev !== undefined) {
      if (!isRecord(f.kev) || typeof f.kev.dateAdded !== 'string') {
        throw field(`${at}.kev`, 'expected an object with "dateAdded"');
      }
      out = { ...out, kev: { dateAdded: f.kev.dateAdded } };
    }
    if (f.epss !== undefined) {
      const e = f.epss;
      if (!isRecord(e) || typeof e.score !== 'number' || !(e.score >= 0 && e.score <= 1)) {
        throw field(`${at}.epss.score`, 'expected a number from 0 to 1');
      }
      out = {
        ...out,
        epss: { score: e.score, percentile: typeof e.percentile === 'number' ? e.percentile : 0 },
      };
    }
    if (f.suppressed !== undefined) {
      out = { ...out, suppressed: readSuppression(f.suppressed, `${at}.suppressed`) };
    }
    return out;
  }
}
