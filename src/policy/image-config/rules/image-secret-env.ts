import { isLiteralSecretValue, isSecretName } from '../../secret-name.ts';
import type { ImageConfigRule } from '../image-config-rule.ts';

type MessageId = 'envSecret' | 'commandSecret';

/** `--password=…`, `-token=…`: a command-line option carrying its value. */
const OPTION = /^--?([A-Za-z][A-Za-z0-9._-]*)=([\s\S]+)$/;

/** BW-IMG-002: no secrets in the image's Env or command line. */
export const imageSecretEnv: ImageConfigRule<MessageId> = {
  id: 'BW-IMG-002',
  severity: 'CRITICAL',
  title: 'Secret in the image config',
  description:
    'Env and the Entrypoint/Cmd of an image config are readable by anyone who can pull the image ' +
    '(`docker inspect`). A variable named like a secret (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, ' +
    '`AWS_SECRET_ACCESS_KEY`…) with a literal value, or an option like `--password=…`, puts that ' +
    'secret in every copy of the image. Names that only describe a secret (`TOKEN_FILE`) and ' +
    'booleans are not reported.',
  remediation:
    'Rotate the secret, rebuild without it, and provide it at run time (a Kubernetes Secret, a mounted ' +
    'file, `docker run --env-file`) or at build time with `RUN --mount=type=secret`.',
  references: [
    'https://docs.docker.com/build/building/secrets/',
    'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/',
    'DS031',
  ],
  messages: {
    envSecret: 'Env sets "{name}" to a literal value',
    commandSecret: '{field} passes "{name}" a literal value on the command line',
  },
  *check(c) {
    for (const e of c.env)
      if (isSecretName(e.name) && isLiteralSecretValue(e.value))
        yield { messageId: 'envSecret', path: `config.Env[${e.index}]`, data: { name: e.name } };
    for (const [field, words] of [
      ['Entrypoint', c.entrypoint],
      ['Cmd', c.cmd],
    ] as const)
      for (const [i, w] of words.entries()) {
        const m = OPTION.exec(w);
        if (m && isSecretName(m[1]!) && isLiteralSecretValue(m[2]))
          yield { messageId: 'commandSecret', path: `config.${field}[${i}]`, data: { field, name: m[1]! } };
      }
  },
};
