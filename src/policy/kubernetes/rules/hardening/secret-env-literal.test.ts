import { deployment, pod, runRuleCases } from './rule-cases.ts';
import { secretEnvLiteral } from './secret-env-literal.ts';

const withEnv = (env: unknown[]) => pod({ containers: [{ name: 'app', env }] });

runRuleCases(secretEnvLiteral, {
  valid: [
    {
      name: 'secret from a Secret',
      object: withEnv([
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      ]),
    },
    {
      name: 'ordinary variables',
      object: withEnv([
        { name: 'LOG_LEVEL', value: 'debug' },
        { name: 'PORT', value: '80' },
      ]),
    },
    {
      name: 'a file path, not a secret',
      object: withEnv([{ name: 'TOKEN', value: '/var/run/secrets/token' }]),
    },
    {
      name: 'names that describe a secret rather than hold one',
      object: withEnv([
        { name: 'DB_PASSWORD_FILE', value: 'db-password' },
        { name: 'SECRET_NAME', value: 'db-credentials' },
        { name: 'TOKEN_URL', value: 'https://auth.example/token' },
        { name: 'AWS_ACCESS_KEY_ID', value: 'AKIAEXAMPLE' },
        { name: 'PASSWORD_MIN_LENGTH', value: '12' },
      ]),
    },
    { name: 'empty value', object: withEnv([{ name: 'API_KEY', value: '' }]) },
    { name: 'flag value', object: withEnv([{ name: 'USE_TOKEN', value: 'true' }]) },
    {
      name: 'reference to another variable',
      object: withEnv([{ name: 'PGPASSWORD', value: '$(DB_PASSWORD)' }]),
    },
    { name: 'KEY alone is too common', object: withEnv([{ name: 'CACHE_KEY', value: 'v2' }]) },
    { name: 'the word JWT is not a token', object: withEnv([{ name: 'AUTH_MODE', value: 'JWT' }]) },
    {
      name: 'URL without a password',
      object: withEnv([{ name: 'DATABASE_URL', value: 'postgres://db:5432/shop' }]),
    },
  ],
  invalid: [
    {
      name: 'password literal',
      object: withEnv([
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'MYSQL_ROOT_PASSWORD', value: 'hunter2' },
      ]),
      errors: [{ messageId: 'secretName', path: 'spec.containers[0].env[1].value' }],
    },
    {
      name: 'token, API key, private key and camelCase names, init container too',
      object: deployment({
        initContainers: [{ name: 'init', env: [{ name: 'GITHUB_TOKEN', value: 'ghp_x' }] }],
        containers: [
          {
            name: 'app',
            env: [
              { name: 'STRIPE_API_KEY', value: 'sk_live_x' },
              { name: 'jwtPrivateKey', value: 'abc' },
              { name: 'client-secret', value: 's3cr3t' },
              { name: 'pwd', value: 'Hpwd' },
            ],
          },
        ],
      }),
      errors: [
        { messageId: 'secretName', path: 'spec.template.spec.containers[0].env[0].value' },
        { messageId: 'secretName', path: 'spec.template.spec.containers[0].env[1].value' },
        { messageId: 'secretName', path: 'spec.template.spec.containers[0].env[2].value' },
        { messageId: 'secretName', path: 'spec.template.spec.containers[0].env[3].value' },
        { messageId: 'secretName', path: 'spec.template.spec.initContainers[0].env[0].value' },
      ],
    },
    {
      name: 'private key by value whatever the name',
      object: withEnv([
        { name: 'SIGNING', value: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n' },
      ]),
      errors: [{ messageId: 'privateKey', path: 'spec.containers[0].env[0].value' }],
    },
    {
      name: 'credentials recognised by their form',
      object: withEnv([
        { name: 'DB_URL', value: 'AKIAIOSFODNN7EXAMPLE' },
        { name: 'GH', value: `ghp_${'a'.repeat(36)}` },
        { name: 'AUTH_HEADER', value: 'bearer abc123def' },
        { name: 'SESSION', value: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig' },
      ]),
      errors: [
        { messageId: 'knownToken', path: 'spec.containers[0].env[0].value' },
        { messageId: 'knownToken', path: 'spec.containers[0].env[1].value' },
        { messageId: 'knownToken', path: 'spec.containers[0].env[2].value' },
        { messageId: 'knownToken', path: 'spec.containers[0].env[3].value' },
      ],
    },
    {
      name: 'URL with a password',
      object: withEnv([{ name: 'DATABASE_URL', value: 'postgres://shop:hunter2@db:5432/shop' }]),
      errors: [{ messageId: 'urlPassword', path: 'spec.containers[0].env[0].value' }],
    },
  ],
});
