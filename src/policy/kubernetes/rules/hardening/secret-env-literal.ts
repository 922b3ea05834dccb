import { isRecord } from '../../../../core/is-record.ts';
import { isSecretName } from '../../../secret-name.ts';
import type { K8sRule } from '../../k8s-rule.ts';
import { workloadContainers } from './workload-containers.ts';

type MessageId = 'secretName' | 'privateKey' | 'urlPassword' | 'knownToken';

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const URL_WITH_PASSWORD = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/;

/** Credentials recognisable by their form alone, whatever the variable is called. */
const KNOWN_TOKENS: readonly (readonly [string, RegExp])[] = [
  ['AWS access key id', /^(?:AKIA|ASIA)[0-9A-Z]{16}$/],
  ['GitHub token', /^(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})$/],
  ['Slack token', /^xox[abposr]-[A-Za-z0-9-]{10,}$/],
  ['Google API key', /^AIza[0-9A-Za-z_-]{35}$/],
  ['Stripe secret key', /^[sr]k_live_[0-9A-Za-z]{16,}$/],
  ['JSON Web Token', /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*$/],
  ['HTTP Authorization header', /^(?:bearer|basic)\s+\S{6,}$/i],
];

/** `$(OTHER_VAR)`: Kubernetes expands it from another variable, which may well come from a Secret. */
const ONLY_A_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;
const NOT_A_SECRET = new Set(['true', 'false', 'yes', 'no', 'on', 'off']);

/** Why a literal env value looks like a secret (with the credential's form for `knownToken`), or undefined. */
function secretKind(name: string, value: string): { id: MessageId; format?: string } | undefined {
  if (PRIVATE_KEY_BLOCK.test(value)) return { id: 'privateKey' };
  if (URL_WITH_PASSWORD.test(value)) return { id: 'urlPassword' };
  const trimmed = value.trim();
  const token = KNOWN_TOKENS.find(([, re]) => re.test(trimmed));
  if (token !== undefined) return { id: 'knownToken', format: token[0] };
  if (trimmed === '' || trimmed.startsWith('/') || ONLY_A_REFERENCE.test(trimmed)) return undefined;
  if (NOT_A_SECRET.has(trimmed.toLowerCase())) return undefined;
  return isSecretName(name, { shellNames: false }) ? { id: 'secretName' } : undefined;
}

/** BW-K8S-107: secrets come from Secrets (valueFrom/envFrom or volumes), not from the manifest. */
export const secretEnvLiteral: K8sRule<MessageId> = {
  id: 'BW-K8S-107',
  severity: 'HIGH',
  title: 'Secret written as a literal environment variable',
  description:
    'A password, token or key written as an env `value` is stored in the manifest, in Git, in the ' +
    'workload object (readable by anyone who may `get` it) and in every copy of the chart. Detection ' +
    'is by variable name (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY…) and by value (a PEM private ' +
    'key, a URL with a password, token formats such as AWS key ids, GitHub and Slack tokens, JWTs); ' +
    'file paths and $(VAR) references are not secrets. The value itself is never repeated in the finding.',
  remediation:
    'Move the value into a Secret and reference it with env[].valueFrom.secretKeyRef, or better mount ' +
    'it as a file; then rotate the exposed credential.',
  references: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    'C-0012',
    'C-0259',
  ],
  profiles: ['best-practice'],
  messages: {
    secretName: 'container "{container}" sets {variable} to a literal value; its name says it is a secret',
    privateKey: 'container "{container}" sets {variable} to a literal private key',
    urlPassword: 'container "{container}" sets {variable} to a URL that carries a password',
    knownToken: 'container "{container}" sets {variable} to a literal {format}',
  },
  *check(obj) {
    for (const c of workloadContainers(obj)) {
      const env = c.container.env;
      if (!Array.isArray(env)) continue;
      for (const [j, entry] of env.entries()) {
        if (!isRecord(entry) || typeof entry.name !== 'string' || typeof entry.value !== 'string') continue;
        const kind = secretKind(entry.name, entry.value);
        if (kind === undefined) continue;
        yield {
          messageId: kind.id,
          path: `${c.path}.env[${j}].value`,
          data: {
            container: c.name,
            variable: entry.name,
            ...(kind.format !== undefined ? { format: kind.format } : {}),
          },
        };
      }
    }
  },
};
