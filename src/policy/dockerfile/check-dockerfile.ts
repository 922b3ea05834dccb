import type { ConfigFinding } from '../../core/config-finding.ts';
import { errorMessage } from '../../core/errors.ts';
import type { DockerfileParseError } from './dockerfile.ts';
import type { DockerfileRule } from './dockerfile-rule.ts';
import { dockerfileRules } from './dockerfile-rules.ts';
import { type ParseDockerfileOptions, parseDockerfile } from './parse-dockerfile.ts';
import { renderMessage } from './render-message.ts';

export interface DockerfileCheckResult {
  readonly findings: ConfigFinding[];
  /** What could not be read (with its line); the rules still ran on the rest. */
  readonly errors: readonly DockerfileParseError[];
}

/**
 * Parses a Dockerfile and runs the rules over it. Findings name the stage (`{ kind: 'Dockerfile',
 * name: <stage name or index> }`; no name for the ARGs before the first FROM) and the lines of the
 * offending instruction. Never throws: parse problems, and a rule that failed, are in `errors`.
 */
export function checkDockerfile(
  text: string,
  file: string,
  rules: readonly DockerfileRule[] = dockerfileRules,
  options: ParseDockerfileOptions = {},
): DockerfileCheckResult {
  const dockerfile = parseDockerfile(text, options);
  const errors = [...dockerfile.errors];
  const findings: ConfigFinding[] = [];
  for (const rule of rules) {
    try {
      for (const v of rule.check(dockerfile)) {
        const stage = v.stage === undefined ? undefined : dockerfile.stages[v.stage];
        const template = (rule.messages as Readonly<Record<string, string>>)[v.messageId] ?? v.messageId;
        findings.push({
          ruleId: rule.id,
          messageId: v.messageId,
          severity: rule.severity,
          title: rule.title,
          message: renderMessage(template, v.data),
          remediation: rule.remediation,
          references: rule.references,
          resource: {
            kind: 'Dockerfile',
            ...(stage ? { name: stage.name ?? String(stage.index) } : {}),
          },
          location: { file, startLine: v.startLine, endLine: v.endLine },
        });
      }
    } catch (e) {
      errors.push({ line: 1, message: `rule ${rule.id} failed: ${errorMessage(e)}` });
    }
  }
  findings.sort(
    (a, b) => (a.location.startLine ?? 0) - (b.location.startLine ?? 0) || a.ruleId.localeCompare(b.ruleId),
  );
  return { findings, errors };
}
