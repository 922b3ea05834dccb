import { isLiteralSecretValue, isSecretName } from '../../secret-name.ts';
import type { DockerfileInstruction } from '../dockerfile.ts';
import type { DockerfileRule, DockerfileViolation } from '../dockerfile-rule.ts';

type MessageId = 'envSecret' | 'argSecret';

function* secrets(
  ins: DockerfileInstruction,
  stage: number | undefined,
): Generator<DockerfileViolation<MessageId>> {
  if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') return;
  for (const p of ins.pairs ?? [])
    if (isSecretName(p.name) && isLiteralSecretValue(p.raw))
      yield {
        messageId: ins.keyword === 'ENV' ? 'envSecret' : 'argSecret',
        ...(stage === undefined ? {} : { stage }),
        startLine: ins.startLine,
        endLine: ins.endLine,
        // Never the value: findings are printed, stored and sent to CI logs.
        data: { name: p.name },
      };
}

/** BW-DF-005: no literal secrets in ENV or ARG. */
export const secretEnv: DockerfileRule<MessageId> = {
  id: 'BW-DF-005',
  severity: 'CRITICAL',
  title: 'Secret in ENV or ARG',
  description:
    "A password, token or key written as the value of ENV or ARG is in the Dockerfile's history in " +
    'source control, in the image config (ENV) or its build history (ARG) for anyone who can pull the ' +
    'image, and in every build log. Names are matched by their words (`PASSWORD`, `SECRET`, `TOKEN`, ' +
    '`API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, `CREDENTIALS`, a trailing `AUTH`), except names that ' +
    'only describe a secret (`TOKEN_FILE`, `SECRET_NAME`, `PASSWORD_MIN_LENGTH`). A value that is only ' +
    'a reference (`$DB_PASSWORD`), empty, a boolean or 0/1 is not a literal. Every stage counts: a ' +
    "builder's secret is still in the file and the build cache.",
  remediation:
    'Remove the value and rotate the secret. Pass build-time secrets with `RUN --mount=type=secret,id=…` ' +
    '(`docker build --secret`), and runtime secrets through the orchestrator (a Kubernetes Secret, a ' +
    'mounted file), never the image.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    'DS031',
  ],
  messages: {
    envSecret: 'ENV sets "{name}" to a literal value',
    argSecret: 'ARG gives "{name}" a literal default value',
  },
  *check(dockerfile) {
    for (const ins of dockerfile.globalArgs) yield* secrets(ins, undefined);
    for (const stage of dockerfile.stages)
      for (const ins of stage.instructions) yield* secrets(ins, stage.index);
  },
};
