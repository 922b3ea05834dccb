/**
 * VEX vocabulary of OpenVEX and CycloneDX, and the translation between them. A suppression keeps
 * the status and reason as its VEX document wrote them (see match/filters), so either vocabulary
 * can arrive here and either has to be written out.
 */

/** The justifications OpenVEX allows for `not_affected` (the five of CISA's VEX status justifications). */
export const OPENVEX_JUSTIFICATIONS = [
  'component_not_present',
  'vulnerable_code_not_present',
  'vulnerable_code_not_in_execute_path',
  'vulnerable_code_cannot_be_controlled_by_adversary',
  'inline_mitigations_already_exist',
] as const;
export type OpenVexJustification = (typeof OPENVEX_JUSTIFICATIONS)[number];

/** The justifications of a CycloneDX 1.6 `analysis`. */
export const CDX_JUSTIFICATIONS = [
  'code_not_present',
  'code_not_reachable',
  'requires_configuration',
  'requires_dependency',
  'requires_environment',
  'protected_by_compiler',
  'protected_at_runtime',
  'protected_at_perimeter',
  'protected_by_mitigating_control',
] as const;
export type CdxJustification = (typeof CDX_JUSTIFICATIONS)[number];

export type OpenVexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
export type CdxState =
  | 'resolved'
  | 'resolved_with_pedigree'
  | 'exploitable'
  | 'in_triage'
  | 'false_positive'
  | 'not_affected';

/** OpenVEX → CycloneDX: the closest CycloneDX value for each (docs/openvex.md lists the pairs). */
const TO_CDX: Readonly<Record<OpenVexJustification, CdxJustification>> = {
  component_not_present: 'code_not_present',
  vulnerable_code_not_present: 'code_not_present',
  vulnerable_code_not_in_execute_path: 'code_not_reachable',
  vulnerable_code_cannot_be_controlled_by_adversary: 'requires_environment',
  inline_mitigations_already_exist: 'protected_by_mitigating_control',
};

/** CycloneDX → OpenVEX: the finer CycloneDX values fold into the OpenVEX one that covers them. */
const TO_OPENVEX: Readonly<Record<CdxJustification, OpenVexJustification>> = {
  code_not_present: 'vulnerable_code_not_present',
  code_not_reachable: 'vulnerable_code_not_in_execute_path',
  requires_configuration: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_dependency: 'vulnerable_code_cannot_be_controlled_by_adversary',
  requires_environment: 'vulnerable_code_cannot_be_controlled_by_adversary',
  protected_by_compiler: 'inline_mitigations_already_exist',
  protected_at_runtime: 'inline_mitigations_already_exist',
  protected_at_perimeter: 'inline_mitigations_already_exist',
  protected_by_mitigating_control: 'inline_mitigations_already_exist',
};

const isOpenVex = (s: string): s is OpenVexJustification =>
  (OPENVEX_JUSTIFICATIONS as readonly string[]).includes(s);
const isCdx = (s: string): s is CdxJustification => (CDX_JUSTIFICATIONS as readonly string[]).includes(s);

/** A suppression reason taken apart: a justification label of either vocabulary, and free text. */
export interface Reason {
  readonly label?: OpenVexJustification | CdxJustification;
  readonly text?: string;
}

/**
 * Splits a suppression reason as the VEX readers build it, `<justification>: <impact statement
 * or detail>`, either part alone, or other free text.
 */
export function parseReason(reason: string): Reason {
  const m = /^([a-z_]+)(?::\s*([\s\S]*))?$/.exec(reason.trim());
  const label = m?.[1];
  if (!label || !(isOpenVex(label) || isCdx(label))) return reason.trim() ? { text: reason.trim() } : {};
  const text = m[2]?.trim();
  return text ? { label, text } : { label };
}

export function asCdxJustification(label: Reason['label']): CdxJustification | undefined {
  if (!label) return undefined;
  return isCdx(label) ? label : TO_CDX[label];
}

export function asOpenVexJustification(label: Reason['label']): OpenVexJustification | undefined {
  if (!label) return undefined;
  return isOpenVex(label) ? label : TO_OPENVEX[label];
}

/** A VEX status of either vocabulary in OpenVEX terms; undefined for one we do not know. */
export function asOpenVexStatus(status: string): OpenVexStatus | undefined {
  switch (status) {
    case 'not_affected':
    case 'false_positive':
      return 'not_affected';
    case 'fixed':
    case 'resolved':
    case 'resolved_with_pedigree':
      return 'fixed';
    case 'under_investigation':
    case 'in_triage':
      return 'under_investigation';
    case 'affected':
    case 'exploitable':
      return 'affected';
    default:
      return undefined;
  }
}

/** A VEX status of either vocabulary as a CycloneDX `analysis.state`; undefined for one we do not know. */
export function asCdxState(status: string): CdxState | undefined {
  switch (status) {
    case 'not_affected':
    case 'false_positive':
    case 'resolved':
    case 'resolved_with_pedigree':
    case 'exploitable':
    case 'in_triage':
      return status;
    case 'fixed':
      return 'resolved';
    case 'under_investigation':
      return 'in_triage';
    case 'affected':
      return 'exploitable';
    default:
      return undefined;
  }
}
