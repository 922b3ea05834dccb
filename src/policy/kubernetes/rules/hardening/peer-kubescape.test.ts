// Our hardening rules on the inputs of Kubescape's regolibrary rule tests: we must fail exactly where
// Kubescape's expected.json reports a failure (and on the same containers or volumes when it names
// them), except for the differences recorded below with their reasons.
import { containerRuntimeSocket } from './container-runtime-socket.ts';
import { cpuResources } from './cpu-resources.ts';
import { imageTagLatest } from './image-tag-latest.ts';
import { livenessProbe } from './liveness-probe.ts';
import { memoryResources } from './memory-resources.ts';
import { comparePeer, kubescapeCases } from './peer-cases.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { readinessProbe } from './readiness-probe.ts';
import { secretEnvLiteral } from './secret-env-literal.ts';
import { sensitiveHostPath } from './sensitive-host-path.ts';
import { serviceAccountToken } from './service-account-token.ts';
import { serviceExposure } from './service-exposure.ts';

const CONTAINER = /^.*?(?:containers|initContainers|ephemeralContainers)\[\d+\]/;
const VOLUME = /^.*?\.volumes\[\d+\]/;
const ENV = /^.*?\.env\[\d+\]/;
const WORKLOADS = ['Pod', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];

comparePeer({
  peer: 'kubescape resources-cpu-limits (C-0270)',
  cases: kubescapeCases('resources-cpu-limits'),
  rules: [cpuResources],
  messageIds: ['cpuLimit'],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape resources-cpu-requests (C-0268)',
  cases: kubescapeCases('resources-cpu-requests'),
  rules: [cpuResources],
  messageIds: ['cpuRequest'],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape resources-memory-limits (C-0271)',
  cases: kubescapeCases('resources-memory-limits'),
  rules: [memoryResources],
  messageIds: ['memoryLimit'],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape resources-memory-requests (C-0269)',
  cases: kubescapeCases('resources-memory-requests'),
  rules: [memoryResources],
  messageIds: ['memoryRequest'],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape resources-cpu-limit-and-request (C-0050)',
  cases: kubescapeCases('resources-cpu-limit-and-request'),
  rules: [cpuResources],
  anchor: CONTAINER,
  differences: {
    'workload-mixed-unit':
      'Kubescape also holds the values against min/max from its configuration (data.json); we only require that they are set',
  },
});
comparePeer({
  peer: 'kubescape resources-memory-limit-and-request (C-0004)',
  cases: kubescapeCases('resources-memory-limit-and-request'),
  rules: [memoryResources],
  anchor: CONTAINER,
  differences: {
    'workload-exceeded':
      'Kubescape also holds the values against min/max from its configuration (data.json); we only require that they are set',
    'workload-milli-suffix':
      'Kubescape also holds the values against min/max from its configuration (data.json); we only require that they are set',
    'workload-mixed-unit':
      'Kubescape also holds the values against min/max from its configuration (data.json); we only require that they are set',
  },
});
comparePeer({
  peer: 'kubescape immutable-container-filesystem (C-0017)',
  cases: kubescapeCases('immutable-container-filesystem'),
  rules: [readOnlyRootFilesystem],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape containers-mounting-docker-socket (C-0074)',
  cases: kubescapeCases('containers-mounting-docker-socket'),
  rules: [containerRuntimeSocket],
  anchor: VOLUME,
});
comparePeer({
  peer: 'kubescape alert-any-hostpath (C-0048)',
  cases: kubescapeCases('alert-any-hostpath'),
  rules: [sensitiveHostPath],
  anchor: VOLUME,
});
comparePeer({
  peer: 'kubescape alert-rw-hostpath (C-0045)',
  cases: kubescapeCases('alert-rw-hostpath'),
  rules: [sensitiveHostPath],
  anchor: VOLUME,
});
comparePeer({
  peer: 'kubescape configured-liveness-probe (C-0056)',
  cases: kubescapeCases('configured-liveness-probe'),
  rules: [livenessProbe],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape configured-readiness-probe (C-0018)',
  cases: kubescapeCases('configured-readiness-probe'),
  rules: [readinessProbe],
  anchor: CONTAINER,
});
comparePeer({
  peer: 'kubescape automount-service-account (C-0034)',
  cases: kubescapeCases('automount-service-account'),
  rules: [serviceAccountToken],
  // The ServiceAccount given beside the workload is judged on its own by our rule.
  kinds: WORKLOADS,
  anchor: /^.*automountServiceAccountToken$/,
});
comparePeer({
  peer: 'kubescape rule-credentials-in-env-var (C-0012)',
  cases: kubescapeCases('rule-credentials-in-env-var'),
  rules: [secretEnvLiteral],
  anchor: ENV,
  differences: {
    'cronjob-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    'cronjob-initcontainer-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    'pod-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    'pod-initcontainer-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    'workloads-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    'workloads-initcontainer-envfrom-secretref':
      'envFrom.secretRef is C-0259 credential access; loading from a Secret is the fix we recommend, not a finding',
    // Kubescape's default value patterns include bare words ("JWT", "_key_"); we recognise token
    // formats, not words, which would flag any variable mentioning them.
    deployment: 'value "JWT" is a word, not a token',
    pod: 'value "my_key_value" matches the "_key_" pattern, not a credential form',
    'pod-allowed-values-keys':
      'the "_key_" value pattern again, and a user allowlist for "my/secret/file/path", which we have no setting for',
  },
});
comparePeer({
  peer: 'kubescape image-pull-policy-is-not-set-to-always (C-0075)',
  cases: kubescapeCases('image-pull-policy-is-not-set-to-always'),
  rules: [imageTagLatest],
  anchor: CONTAINER,
  // C-0075 asks for imagePullPolicy: Always on floating tags; BW-K8S-103 asks for no floating tag at all.
  differences: {
    cronjob: 'untagged mysql with imagePullPolicy: Always passes C-0075; we report every untagged image',
    pod: 'untagged "test" defaults to imagePullPolicy: Always and passes C-0075; we report it',
    'pod-configured-floating-tag': 'the case configures "alpine" as a floating tag; we know only "latest"',
  },
});
comparePeer({
  peer: 'kubescape exposure-to-internet (C-0256)',
  cases: kubescapeCases('exposure-to-internet'),
  rules: [serviceExposure],
  differences: {
    detect_with_ingress:
      'Kubescape follows Ingress → Service → workload across objects; we judge each Service alone',
    failed_with_ingress:
      'Kubescape follows Ingress → Service → workload across objects; we judge each Service alone',
  },
});
