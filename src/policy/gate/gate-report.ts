import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { type Finding, type FixState, SEVERITIES } from '../../core/finding.ts';
import { isRecord } from '../../core/is-record.ts';
import type { Package } from '../../core/package.ts';

/** The parts of a finding the gate reads. Every `Finding` is one. */
export type GateFinding = Pick<
  Finding,
  'id' | 'aliases' | 'severity' | 'fixState' | 'fixedVersions' | 'kev' | 'epss' | 'suppressed'
> & { readonly package: Pick<Finding['package'], 'id' | 'name' | 'version' | 'purl'> };

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
   * Configuration (misconfiguration) findings: Dockerfile, Kubernetes and image-config checks.
   * Reserved for the issue that adds them: read through unchecked and not evaluated yet; gate
   * rules over them (and their type) come with that issue.
   */
  readonly misconfigurations?: unknown;
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
  const hint = 'write one with `bulwark image|fs|rootfs|repo <target> --format json`';
  if (isRecord(doc) && doc.bomFormat === 'CycloneDX')
    return `a CycloneDX BOM, not a Bulwark JSON report; ${hint}`;
  if (isRecord(doc) && typeof doc.spdxVersion === 'string')
    return `an SPDX document, not a Bulwark JSON report; ${hint}`;
  return `not a Bulwark JSON report (no "schemaVersion" and "tool": {"name": "bulwark"}); ${hint}`;
}

/**
 * Parses a Bulwark JSON report for the gate, checking every field the gate reads (and nothing
 * else: consumers ignore fields they do not know). Throws REPORT_INVALID naming the file and the
 * field (`vulnerabilities.findings[3].severity`) when the document is not a Bulwark report or a
 * field has the wrong type or value.
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

  const report: GateReport = { packages };
  let withVulns: GateReport = report;
  if (doc.vulnerabilities !== undefined) {
    const v = doc.vulnerabilities;
    if (!isRecord(v) || !Array.isArray(v.findings))
      throw field('vulnerabilities', 'expected an object with "findings"');
    const findings = v.findings.map((f: unknown, i) => readFinding(f, `vulnerabilities.findings[${i}]`));
    withVulns = { ...report, vulnerabilities: { findings } };
  }
  return doc.misconfigurations === undefined
    ? withVulns
    : { ...withVulns, misconfigurations: doc.misconfigurations };

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
      const s = f.suppressed;
      if (!isRecord(s) || (s.kind !== 'vex' && s.kind !== 'ignore')) {
        throw field(`${at}.suppressed`, 'expected an object with "kind" vex or ignore');
      }
      out = {
        ...out,
        suppressed: {
          kind: s.kind,
          status: typeof s.status === 'string' ? s.status : '',
          reason: typeof s.reason === 'string' ? s.reason : '',
          source: typeof s.source === 'string' ? s.source : '',
        },
      };
    }
    return out;
  }
}
