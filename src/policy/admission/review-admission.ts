import { CONFIG_SEVERITIES, type ConfigFinding } from '../../core/config-finding.ts';
import { type AdmissionReviewResponse, answer } from './admission-answer.ts';
import type { AdmissionPolicy } from './admission-policy.ts';
import { readAdmissionRequest } from './admission-request.ts';
import { type AdmissionViolation, configViolation } from './admission-violation.ts';
import { referenceCandidates } from './image-reference.ts';
import { ADMISSION_RULES, imageViolations } from './image-violations.ts';
import type { ImageVulnState } from './image-vuln-state.ts';
import { compileNamePatterns, type NameMatcher } from './name-patterns.ts';
import { type PodContainer, podContainers } from './pod-containers.ts';

/**
 * The configuration rules, injected: the object (with `kind` and `apiVersion`) and the request's
 * namespace in, findings at the policy's profile out. Suppressed findings are ignored.
 */
export type ConfigEvaluator = (
  object: Readonly<Record<string, unknown>>,
  namespace?: string,
) => readonly ConfigFinding[];

export interface AdmissionDeps {
  readonly evaluate: ConfigEvaluator;
  /** The vulnerability state of an image from saved scans; a rejection fails the whole review. */
  readonly imageState: (image: string) => Promise<ImageVulnState>;
  readonly policy: AdmissionPolicy;
  readonly now: () => Date;
}

/** Distinct images looked up per object; a pod spec has a handful, more is an attempt to stall us. */
export const MAX_IMAGES_PER_OBJECT = 64;
/**
 * Containers per object the configuration rules run on. Real pods have a few dozen at most; the
 * rules' time grows with the count, and thousands (a 4 MiB review) would hold the event loop for
 * seconds, so such an object is refused unchecked.
 */
export const MAX_CONTAINERS_PER_OBJECT = 256;

function tooLarge(message: string): AdmissionViolation {
  return {
    ruleId: ADMISSION_RULES.tooLarge.id,
    title: ADMISSION_RULES.tooLarge.title,
    severity: 'HIGH',
    message,
    remediation: 'split the workload into smaller objects',
    action: 'deny',
  };
}

interface CompiledPolicy {
  readonly namespaceExempt: NameMatcher;
  readonly imageExempt: NameMatcher;
  readonly configRank: number | undefined;
}

const compiled = new WeakMap<AdmissionPolicy, CompiledPolicy>();

function compile(policy: AdmissionPolicy): CompiledPolicy {
  let c = compiled.get(policy);
  if (c === undefined) {
    c = {
      namespaceExempt: compileNamePatterns(policy.exemptNamespaces),
      imageExempt: compileNamePatterns(policy.exemptImages),
      configRank:
        policy.configSeverity === undefined ? undefined : CONFIG_SEVERITIES.indexOf(policy.configSeverity),
    };
    compiled.set(policy, c);
  }
  return c;
}

/** Highest first across both severity scales: CRITICAL … LOW, then INFO/NEGLIGIBLE, UNKNOWN. */
const RANK: Readonly<Record<string, number>> = {
  CRITICAL: 5,
  HIGH: 4,
  MEDIUM: 3,
  LOW: 2,
  INFO: 1,
  NEGLIGIBLE: 1,
  UNKNOWN: 0,
};

function byImportance(a: AdmissionViolation, b: AdmissionViolation): number {
  return (
    Number(b.action === 'deny') - Number(a.action === 'deny') ||
    (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/** Whether a finding's path lies inside one of these containers' entries. */
function inContainers(path: string | undefined, containers: readonly PodContainer[]): boolean {
  if (path === undefined) return false;
  return containers.some((c) => path === c.path || path.startsWith(`${c.path}.`));
}

/**
 * Decides an AdmissionReview `admission.k8s.io/v1` (JSON-parsed, untrusted): validates its shape,
 * checks the object's configuration with `deps.evaluate` and every container image's saved scans
 * with `deps.imageState`, and answers per `deps.policy`. Pure apart from the injected functions;
 * rejects only when one of them throws or rejects (the server then answers 500 and the API server
 * applies the webhook's failurePolicy).
 */
export async function reviewAdmission(
  review: unknown,
  deps: AdmissionDeps,
): Promise<AdmissionReviewResponse> {
  const read = readAdmissionRequest(review);
  if (!read.ok) return { ok: false, error: read.error };
  const req = read.value;
  const { policy } = deps;
  const c = compile(policy);
  const base = {
    uid: req.uid,
    mode: policy.mode,
    kind: req.kind,
    ...(req.operation === undefined ? {} : { operation: req.operation }),
    ...(req.namespace === undefined ? {} : { namespace: req.namespace }),
    ...(req.name === undefined ? {} : { name: req.name }),
  };
  const skip = (why: string, images: readonly string[] = []) =>
    answer(req, deps.now(), { ...base, images, violations: [], skipped: why });

  if (req.object === undefined) return skip(`${req.operation ?? 'this'} operation carries no object`);
  if (req.namespace !== undefined && c.namespaceExempt(req.namespace)) {
    return skip(`namespace ${req.namespace} is exempt`);
  }

  const containers = podContainers(req.kind, req.object);
  const isExempt = (image: string) => referenceCandidates(image).some(c.imageExempt);
  const exemptContainers = containers.filter((k) => k.image !== '' && isExempt(k.image));
  const images = [...new Set(containers.map((k) => k.image).filter((i) => i !== ''))];
  if (containers.length > 0 && exemptContainers.length === containers.length) {
    return skip('every image is exempt', images);
  }

  const violations: AdmissionViolation[] = [];
  if (containers.length > MAX_CONTAINERS_PER_OBJECT) {
    violations.push(
      tooLarge(
        `${containers.length} containers; the rules check at most ${MAX_CONTAINERS_PER_OBJECT} per object`,
      ),
    );
  } else if (c.configRank !== undefined) {
    const rank = c.configRank;
    for (const f of deps.evaluate(req.object, req.namespace)) {
      if (f.suppressed !== undefined) continue;
      if (CONFIG_SEVERITIES.indexOf(f.severity) > rank) continue;
      if (inContainers(f.location.path, exemptContainers)) continue;
      violations.push(configViolation(f));
    }
  }

  const exemptImages = new Set(exemptContainers.map((k) => k.image));
  const checked = images.filter((i) => !exemptImages.has(i));
  const looked = checked.slice(0, MAX_IMAGES_PER_OBJECT);
  if (checked.length > looked.length) {
    violations.push(
      tooLarge(`${checked.length} distinct images; only ${MAX_IMAGES_PER_OBJECT} are checked per object`),
    );
  }
  const states = await Promise.all(looked.map((image) => deps.imageState(image)));
  looked.forEach((image, i) => {
    violations.push(...imageViolations(image, states[i]!, policy));
  });

  const seen = new Set<string>();
  const unique = violations.filter((v) => {
    const key = `${v.ruleId}\n${v.path ?? ''}\n${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return answer(req, deps.now(), { ...base, images, violations: unique.sort(byImportance) });
}
