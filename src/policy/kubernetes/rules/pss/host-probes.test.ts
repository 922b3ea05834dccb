import { hostProbesRule } from './host-probes.ts';
import { container, deployment, pod, ruleCases } from './pss-cases.ts';

ruleCases(hostProbesRule, {
  valid: [
    {
      name: 'probes and hooks without a host',
      object: pod({
        containers: [
          container({
            livenessProbe: { httpGet: { path: '/healthz', port: 8080 } },
            readinessProbe: { tcpSocket: { port: 8080 } },
            startupProbe: { exec: { command: ['true'] } },
            lifecycle: {
              preStop: { httpGet: { path: '/stop', port: 8080 } },
              postStart: { exec: { command: ['true'] } },
            },
          }),
        ],
      }),
    },
    {
      name: 'an empty host is allowed',
      object: pod({ containers: [container({ livenessProbe: { httpGet: { host: '', port: 80 } } })] }),
    },
  ],
  invalid: [
    {
      name: 'every probe and handler',
      object: pod({
        containers: [
          container({
            livenessProbe: { httpGet: { host: '169.254.169.254', path: '/latest/meta-data/', port: 80 } },
            readinessProbe: { tcpSocket: { host: '10.0.0.1', port: 2379 } },
            startupProbe: { httpGet: { host: 'localhost', port: 10250 } },
          }),
        ],
      }),
      violations: [
        {
          messageId: 'probeHost',
          path: 'spec.containers[0].livenessProbe.httpGet.host',
          data: { container: 'app', field: 'livenessProbe.httpGet.host', host: '169.254.169.254' },
        },
        {
          messageId: 'probeHost',
          path: 'spec.containers[0].readinessProbe.tcpSocket.host',
          data: { container: 'app', field: 'readinessProbe.tcpSocket.host', host: '10.0.0.1' },
        },
        {
          messageId: 'probeHost',
          path: 'spec.containers[0].startupProbe.httpGet.host',
          data: { container: 'app', field: 'startupProbe.httpGet.host', host: 'localhost' },
        },
      ],
    },
    {
      name: 'lifecycle hooks, including the deprecated tcpSocket handler',
      object: deployment({
        initContainers: [
          container(
            {
              lifecycle: {
                postStart: { httpGet: { host: 'evil.example', port: 80 } },
                preStop: { tcpSocket: { host: '10.0.0.2', port: 22 } },
              },
            },
            'init',
          ),
        ],
        containers: [container()],
      }),
      violations: [
        {
          messageId: 'lifecycleHost',
          path: 'spec.template.spec.initContainers[0].lifecycle.postStart.httpGet.host',
          data: { container: 'init', field: 'postStart.httpGet.host', host: 'evil.example' },
        },
        {
          messageId: 'lifecycleHost',
          path: 'spec.template.spec.initContainers[0].lifecycle.preStop.tcpSocket.host',
          data: { container: 'init', field: 'preStop.tcpSocket.host', host: '10.0.0.2' },
        },
      ],
    },
  ],
});
