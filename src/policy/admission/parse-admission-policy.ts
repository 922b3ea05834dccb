import { parseDocument } from 'yaml';
import { CONFIG_SEVERITIES, type ConfigSeverity } from '../../core/config-finding.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { SEVERITIES, type Severity } from '../../core/finding.ts';
import { isRecord } from '../../core/is-record.ts';
import {
  ADMISSION_MODES,
  ADMISSION_PROFILES,
  type AdmissionPolicy,
  DEFAULT_ADMISSION_POLICY,
  UNSCANNED_ACTIONS,
} from './admission-policy.ts';

/** A policy is a short hand-written file: a few aliases at most; more is an alias bomb. */
export const ADMISSION_POLICY_MAX_ALIASES = 50;

const TOP_KEYS = ['description', 'mode', 'profile', 'deny', 'unscanned', 'exempt'] as const;
const DENY_KEYS = ['config-severity', 'kev', 'fixable-severity'] as const;
const EXEMPT_KEYS = ['namespaces', 'images'] as const;

function invalid(path: string, field: string, problem: string): BulwarkError {
  const where = field === '' ? '' : `${field}: `;
  return new BulwarkError(ErrorCodes.POLICY_INVALID, `${path}: ${where}${problem}`, { subject: path });
}

function oneOf<T extends string>(path: string, field: string, value: unknown, allowed: readonly T[]): T {
  const v = typeof value === 'string' ? value.trim() : value;
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw invalid(path, field, `expected one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return v as T;
}

/** A severity name (any case), or `none` (→ undefined) to turn the check off. */
function severityOrNone<T extends string>(
  path: string,
  field: string,
  value: unknown,
  allowed: readonly T[],
): T | undefined {
  if (typeof value === 'string' && value.trim().toLowerCase() === 'none') return undefined;
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : value;
  if (typeof upper !== 'string' || !allowed.includes(upper as T)) {
    throw invalid(
      path,
      field,
      `expected a severity (${allowed.join(', ')}) or none, not ${JSON.stringify(value)}`,
    );
  }
  return upper as T;
}

function checkKeys(
  path: string,
  field: string,
  doc: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(doc)) {
    if (!known.includes(key)) {
      throw invalid(
        path,
        field === '' ? key : `${field}.${key}`,
        `unknown key (expected ${known.join(', ')})`,
      );
    }
  }
}

/** A list of non-empty strings without spaces (names, globs). */
function patternList(path: string, field: string, value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid(path, field, 'must be a list of strings');
  return value.map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '' || /\s/.test(v.trim())) {
      throw invalid(
        path,
        `${field}[${i}]`,
        `must be a non-empty string without spaces, not ${JSON.stringify(v)}`,
      );
    }
    return v.trim();
  });
}

/**
 * Parses an admission policy (YAML):
 *
 * ```yaml
 * mode: enforce                 # enforce | warn | audit
 * profile: baseline             # baseline | restricted
 * deny:
 *   config-severity: HIGH       # misconfigurations at or above; none: no config checks
 *   kev: true                   # any CISA KEV finding in an image
 *   fixable-severity: CRITICAL  # findings at or above with a fixed version; none: off
 * unscanned: warn               # allow | warn | deny
 * exempt:
 *   namespaces: [kube-system]   # replaces the default list
 *   images: ["registry.k8s.io/*", "ghcr.io/acme/"]
 * ```
 *
 * Every key is optional; a missing one keeps DEFAULT_ADMISSION_POLICY's value. Throws
 * POLICY_INVALID naming `path` and the field: invalid YAML, an alias bomb, an unknown key, a bad value.
 */
export function parseAdmissionPolicy(text: string, path: string): AdmissionPolicy {
  let doc: unknown;
  try {
    const d = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
    const first = d.errors[0];
    if (first) throw invalid(path, '', `not valid YAML (${first.message.split('\n')[0]})`);
    doc = d.toJS({ maxAliasCount: ADMISSION_POLICY_MAX_ALIASES });
  } catch (e) {
    if (e instanceof BulwarkError) throw e;
    const why = e instanceof ReferenceError ? 'too many YAML aliases (an alias bomb?)' : String(e);
    throw invalid(path, '', `not usable YAML: ${why}`);
  }
  // An empty file is the default policy.
  if (doc === null || doc === undefined) return { ...DEFAULT_ADMISSION_POLICY, source: path };
  if (!isRecord(doc))
    throw invalid(path, '', 'an admission policy is a mapping (mode, profile, deny, unscanned, exempt)');
  checkKeys(path, '', doc, TOP_KEYS);
  if (doc.description !== undefined && typeof doc.description !== 'string') {
    throw invalid(path, 'description', 'must be a string');
  }

  let policy: AdmissionPolicy = { ...DEFAULT_ADMISSION_POLICY, source: path };
  if (doc.mode !== undefined) policy = { ...policy, mode: oneOf(path, 'mode', doc.mode, ADMISSION_MODES) };
  if (doc.profile !== undefined) {
    policy = { ...policy, profile: oneOf(path, 'profile', doc.profile, ADMISSION_PROFILES) };
  }
  if (doc.unscanned !== undefined) {
    policy = { ...policy, unscanned: oneOf(path, 'unscanned', doc.unscanned, UNSCANNED_ACTIONS) };
  }

  if (doc.deny !== undefined) {
    if (!isRecord(doc.deny)) throw invalid(path, 'deny', `must be a mapping with ${DENY_KEYS.join(', ')}`);
    checkKeys(path, 'deny', doc.deny, DENY_KEYS);
    const deny = doc.deny;
    if (deny['config-severity'] !== undefined) {
      const { configSeverity: _, ...rest } = policy;
      const s = severityOrNone<ConfigSeverity>(
        path,
        'deny.config-severity',
        deny['config-severity'],
        CONFIG_SEVERITIES,
      );
      policy = s === undefined ? rest : { ...rest, configSeverity: s };
    }
    if (deny.kev !== undefined) {
      if (typeof deny.kev !== 'boolean') {
        throw invalid(path, 'deny.kev', `must be true or false, not ${JSON.stringify(deny.kev)}`);
      }
      policy = { ...policy, denyKev: deny.kev };
    }
    if (deny['fixable-severity'] !== undefined) {
      const { fixableSeverity: _, ...rest } = policy;
      const s = severityOrNone<Severity>(path, 'deny.fixable-severity', deny['fixable-severity'], SEVERITIES);
      policy = s === undefined ? rest : { ...rest, fixableSeverity: s };
    }
  }

  if (doc.exempt !== undefined) {
    if (!isRecord(doc.exempt))
      throw invalid(path, 'exempt', `must be a mapping with ${EXEMPT_KEYS.join(', ')}`);
    checkKeys(path, 'exempt', doc.exempt, EXEMPT_KEYS);
    if (doc.exempt.namespaces !== undefined) {
      policy = { ...policy, exemptNamespaces: patternList(path, 'exempt.namespaces', doc.exempt.namespaces) };
    }
    if (doc.exempt.images !== undefined) {
      policy = { ...policy, exemptImages: patternList(path, 'exempt.images', doc.exempt.images) };
    }
  }
  return policy;
}
