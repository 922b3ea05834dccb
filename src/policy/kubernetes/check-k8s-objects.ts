import type { ConfigFinding, ConfigLocation, ConfigResource } from '../../core/config-finding.ts';
import { errorMessage } from '../../core/errors.ts';
import type { Suppression } from '../../core/finding.ts';
import { IGNORE_ANNOTATION, type IgnoreRequest, readIgnoreAnnotation } from './ignore-annotation.ts';
import { K8S_NOTICE, type K8sNoticeMessageId } from './k8s-notice.ts';
import type { K8sObject } from './k8s-object.ts';
import { joinPath } from './k8s-path.ts';
import type { K8sRule } from './k8s-rule.ts';
import { renderMessage } from './render-message.ts';
import { type K8sProfileSelection, selectK8sRules } from './select-k8s-rules.ts';

export interface CheckK8sOptions {
  /** Which rule sets run: see {@link selectK8sRules}. `all` is the default of `bulwark config`. */
  readonly profile: K8sProfileSelection;
}

const IGNORE_PATH = joinPath('metadata', 'annotations', IGNORE_ANNOTATION);

/**
 * Runs the rules a profile selects over objects and renders their findings: message from the
 * rule's template, location (file, line of the offending path, path), resource.
 *
 * Suppression: an object annotated `bulwark.dev/ignore: "<id>[,<id>…]"` with a non-empty
 * `bulwark.dev/ignore-reason` keeps those rules' findings but marks them
 * `suppressed: { kind: 'ignore', status: 'ignored', reason, source: 'annotation' }`. Without a
 * reason nothing is suppressed and an INFO notice (BW-K8S-000, `missingReason`) says why; an id
 * that is none of `rules` gets an `unknownRule` notice. A rule that throws on odd input yields a
 * `ruleError` notice instead of failing the scan. Pure; never throws.
 */
export function checkK8sObjects(
  objects: readonly K8sObject[],
  rules: readonly K8sRule[],
  opts: CheckK8sOptions,
): ConfigFinding[] {
  const selected = selectK8sRules(rules, opts.profile);
  const known = new Set(rules.map((r) => r.id));
  const findings: ConfigFinding[] = [];
  for (const obj of objects) {
    const ignore = readIgnoreAnnotation(obj);
    if (ignore !== undefined) findings.push(...ignoreNotices(obj, ignore, known));
    const suppressed: Suppression | undefined =
      ignore?.reason === undefined
        ? undefined
        : { kind: 'ignore', status: 'ignored', reason: ignore.reason, source: 'annotation' };
    for (const rule of selected) {
      const hidden = suppressed !== undefined && ignore!.ruleIds.includes(rule.id.toUpperCase());
      try {
        for (const v of rule.check(obj)) {
          const template = rule.messages[v.messageId] ?? v.messageId;
          findings.push({
            ruleId: rule.id,
            messageId: v.messageId,
            severity: rule.severity,
            title: rule.title,
            message: renderMessage(template, v.data),
            remediation: rule.remediation,
            references: rule.references,
            resource: resourceOf(obj),
            location: locationOf(obj, v.path),
            ...(hidden ? { suppressed } : {}),
          });
        }
      } catch (e) {
        findings.push(notice(obj, 'ruleError', '', { ruleId: rule.id, error: errorMessage(e) }));
      }
    }
  }
  return findings;
}

function ignoreNotices(obj: K8sObject, ignore: IgnoreRequest, known: ReadonlySet<string>): ConfigFinding[] {
  const out: ConfigFinding[] = [];
  if (ignore.reason === undefined) {
    out.push(notice(obj, 'missingReason', IGNORE_PATH, { ids: ignore.ruleIds.join(', ') }));
  }
  for (const id of ignore.ruleIds) {
    if (!known.has(id)) out.push(notice(obj, 'unknownRule', IGNORE_PATH, { id }));
  }
  return out;
}

function notice(
  obj: K8sObject,
  messageId: K8sNoticeMessageId,
  path: string,
  data: Readonly<Record<string, string>>,
): ConfigFinding {
  return {
    ruleId: K8S_NOTICE.id,
    messageId,
    severity: K8S_NOTICE.severity,
    title: K8S_NOTICE.title,
    message: renderMessage(K8S_NOTICE.messages[messageId], data),
    remediation: K8S_NOTICE.remediation,
    references: K8S_NOTICE.references,
    resource: resourceOf(obj),
    location: locationOf(obj, path),
  };
}

function resourceOf(obj: K8sObject): ConfigResource {
  return {
    kind: obj.kind,
    ...(obj.name === undefined ? {} : { name: obj.name }),
    ...(obj.namespace === undefined ? {} : { namespace: obj.namespace }),
    ...(obj.apiVersion === undefined ? {} : { apiVersion: obj.apiVersion }),
  };
}

function locationOf(obj: K8sObject, path: string): ConfigLocation {
  let line: number | undefined;
  try {
    line = obj.lineOf(path);
  } catch {
    line = undefined; // an object built elsewhere (a review) may not know its lines
  }
  return {
    file: obj.file,
    ...(line === undefined ? {} : { startLine: line }),
    ...(path === '' ? {} : { path }),
  };
}
