import { imageRuleCases } from './image-rule-cases.ts';
import { imageSecretEnv } from './image-secret-env.ts';

imageRuleCases(imageSecretEnv, {
  valid: [
    {
      name: 'ordinary env',
      config: { Env: ['PATH=/usr/local/bin:/usr/bin', 'NODE_VERSION=22.12.0', 'PWD=/app'] },
    },
    {
      name: 'descriptive names and empty values',
      config: { Env: ['PASSWORD_FILE=/run/secrets/db', 'API_TOKEN=', 'USE_TOKEN=true'] },
    },
    { name: 'malformed Env is ignored', config: { Env: 'PASSWORD=x', Cmd: 'x' } },
    { name: 'non-strings skipped', config: { Env: [1, null, { PASSWORD: 'x' }] } },
    {
      name: 'command option without a secret name',
      config: { Cmd: ['--port=8080', '--password-file=/run/secrets/p'] },
    },
  ],
  invalid: [
    {
      name: 'secret env',
      config: { Env: ['PATH=/usr/bin', 'POSTGRES_PASSWORD=hunter2', 'AWS_SECRET_ACCESS_KEY=abc/def'] },
      errors: [
        { messageId: 'envSecret', path: 'config.Env[1]', data: { name: 'POSTGRES_PASSWORD' } },
        { messageId: 'envSecret', path: 'config.Env[2]', data: { name: 'AWS_SECRET_ACCESS_KEY' } },
      ],
    },
    {
      name: 'secret on the command line',
      config: { Entrypoint: ['/app', '--api-key=sk_live_x'], Cmd: ['-token=abc'] },
      errors: [
        {
          messageId: 'commandSecret',
          path: 'config.Entrypoint[1]',
          data: { field: 'Entrypoint', name: 'api-key' },
        },
        { messageId: 'commandSecret', path: 'config.Cmd[0]', data: { field: 'Cmd', name: 'token' } },
      ],
    },
  ],
});
