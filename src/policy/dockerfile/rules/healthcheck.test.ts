import { healthcheck } from './healthcheck.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(healthcheck, {
  valid: [
    {
      name: 'HEALTHCHECK CMD',
      lines: ['FROM nginx:1.27', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1'],
    },
    { name: 'exec form', lines: ['FROM nginx:1.27', 'HEALTHCHECK CMD ["/healthz"]'] },
    {
      name: 'from the stage built on',
      lines: ['FROM nginx:1.27 AS base', 'HEALTHCHECK CMD /healthz', 'FROM base'],
    },
  ],
  invalid: [
    {
      name: 'none at all',
      lines: ['FROM nginx:1.27', 'COPY site /usr/share/nginx/html'],
      errors: [{ messageId: 'missing', lines: [1, 1], stage: 0 }],
    },
    {
      name: 'only in a builder',
      lines: ['FROM nginx:1.27 AS build', 'HEALTHCHECK CMD /healthz', 'FROM nginx:1.27 AS final'],
      errors: [{ messageId: 'missing', lines: [3, 3], stage: 1 }],
    },
    {
      name: 'turned off',
      lines: ['FROM nginx:1.27', 'HEALTHCHECK NONE'],
      errors: [{ messageId: 'disabled', lines: [2, 2] }],
    },
  ],
});
