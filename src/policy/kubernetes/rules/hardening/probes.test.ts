import { livenessProbe } from './liveness-probe.ts';
import { readinessProbe } from './readiness-probe.ts';
import { cronJob, deployment, pod, runRuleCases } from './rule-cases.ts';

const probe = { httpGet: { path: '/healthz', port: 8080 } };
const probed = { name: 'app', livenessProbe: probe, readinessProbe: probe };
const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'once' },
  spec: { template: { spec: { containers: [{ name: 'run' }] } } },
};
const podOfJob = pod(
  { containers: [{ name: 'run' }] },
  { name: 'once-x7', ownerReferences: [{ kind: 'Job', name: 'once' }] },
);

runRuleCases(livenessProbe, {
  valid: [
    { name: 'probed', object: deployment({ containers: [probed] }) },
    { name: 'jobs run to completion', object: job },
    { name: 'cron jobs too', object: cronJob({ containers: [{ name: 'run' }] }) },
    { name: 'pods created by a job', object: podOfJob },
    {
      name: 'plain init containers cannot have probes',
      object: pod({
        initContainers: [{ name: 'init' }],
        containers: [probed],
        ephemeralContainers: [{ name: 'd' }],
      }),
    },
  ],
  invalid: [
    {
      name: 'missing on the second container',
      object: deployment({ containers: [probed, { name: 'proxy', readinessProbe: probe }] }),
      errors: [{ messageId: 'missing', path: 'spec.template.spec.containers[1].livenessProbe' }],
    },
    {
      name: 'native sidecar (init container with restartPolicy Always)',
      object: pod({ initContainers: [{ name: 'mesh', restartPolicy: 'Always' }], containers: [probed] }),
      errors: [{ messageId: 'missing', path: 'spec.initContainers[0].livenessProbe' }],
    },
  ],
});

runRuleCases(readinessProbe, {
  valid: [
    { name: 'probed', object: pod({ containers: [probed] }) },
    { name: 'jobs run to completion', object: job },
  ],
  invalid: [
    {
      name: 'liveness only',
      object: deployment({ containers: [{ name: 'app', livenessProbe: probe }] }),
      errors: [{ messageId: 'missing', path: 'spec.template.spec.containers[0].readinessProbe' }],
    },
    {
      name: 'a probe that is not an object',
      object: pod({ containers: [{ name: 'app', livenessProbe: probe, readinessProbe: true }] }),
      errors: [{ messageId: 'missing', path: 'spec.containers[0].readinessProbe' }],
    },
  ],
});
