import type { Command } from 'commander';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import { readInputFile } from '../../match/filters/read-input-file.ts';
import { caBundleOf } from '../ca-bundle.ts';

interface ManifestFlags {
  namespace: string;
  service: string;
  image?: string;
  caBundle?: string;
  failurePolicy: string;
  timeout: string;
  policy?: string;
}

const SMALL_FILE_BYTES = 1024 * 1024;
/** RFC 1123 label: what a namespace or Service name must be. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `bulwark admission manifest`: the YAML that installs the webhook. */
export function registerAdmissionCommand(program: Command): void {
  const admission = program.command('admission').description('admission webhook (准入) helpers');
  admission
    .command('manifest')
    .description(
      'print Namespace, policy ConfigMap, Service, Deployment and ValidatingWebhookConfiguration YAML',
    )
    .option('--namespace <namespace>', 'namespace the webhook runs in (excluded from its checks)', 'bulwark')
    .option('--service <name>', 'Service (and Deployment) name', 'bulwark')
    .option('--image <image>', 'bulwark image to run (default ghcr.io/bulwark/bulwark:<version>)')
    .option('--ca-bundle <pem|file|base64>', 'CA that signed the server certificate (caBundle)')
    .option(
      '--failure-policy <policy>',
      'Fail or Ignore: what the API server does when the webhook is down',
      'Fail',
    )
    .option('--timeout <seconds>', 'webhook timeoutSeconds, 1–30', '5')
    .option('--policy <file>', 'admission policy to put in the ConfigMap (default: the built-in one)')
    .action(async (flags: ManifestFlags) => {
      for (const [flag, v] of [
        ['--namespace', flags.namespace],
        ['--service', flags.service],
      ] as const) {
        if (!DNS_LABEL.test(v)) {
          throw new BulwarkError(ErrorCodes.USAGE, `${flag} "${v}": expected a DNS label (a-z, 0-9, -)`);
        }
      }
      if (flags.failurePolicy !== 'Fail' && flags.failurePolicy !== 'Ignore') {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `--failure-policy "${flags.failurePolicy}": use Fail or Ignore`,
        );
      }
      const timeout = Number(flags.timeout);
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > 30) {
        throw new BulwarkError(
          ErrorCodes.USAGE,
          `--timeout "${flags.timeout}": expected whole seconds, 1–30`,
        );
      }
      const { webhookManifests, DEFAULT_WEBHOOK_IMAGE } = await import('../../server/webhook-manifests.ts');
      const { parseAdmissionPolicy } = await import('../../policy/admission/parse-admission-policy.ts');
      const { DEFAULT_ADMISSION_POLICY } = await import('../../policy/admission/admission-policy.ts');
      const policy =
        flags.policy === undefined
          ? DEFAULT_ADMISSION_POLICY
          : parseAdmissionPolicy(
              await readInputFile(flags.policy, 'admission policy', SMALL_FILE_BYTES),
              flags.policy,
            );
      const caBundle = flags.caBundle === undefined ? undefined : await caBundleOf(flags.caBundle);
      const docs = webhookManifests({
        namespace: flags.namespace,
        service: flags.service,
        image: flags.image ?? DEFAULT_WEBHOOK_IMAGE,
        failurePolicy: flags.failurePolicy,
        timeoutSeconds: timeout,
        policy,
        ...(caBundle === undefined ? {} : { caBundle }),
      });
      const header = [
        '# Bulwark admission webhook. Before applying, create the TLS secret the Deployment mounts:',
        `#   kubectl -n ${flags.namespace} create secret tls ${flags.service}-tls --cert=server.crt --key=server.key`,
        `# (the certificate must name ${flags.service}.${flags.namespace}.svc).`,
        ...(caBundle === undefined
          ? ['# No --ca-bundle: the API server checks the certificate against its system roots.']
          : []),
      ];
      const { stringify } = await import('yaml');
      const body = docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
      process.stdout.write(`${header.join('\n')}\n${body}`);
    });
}
