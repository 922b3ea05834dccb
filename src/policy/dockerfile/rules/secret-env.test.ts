// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import { ruleCases } from './rule-cases.ts';
import { secretEnv } from './secret-env.ts';

ruleCases(secretEnv, {
  valid: [
    { name: 'no value', lines: ['FROM alpine:3.20', 'ARG NPM_TOKEN'] },
    { name: 'a reference', lines: ['FROM alpine:3.20', 'ARG DB_PASSWORD', 'ENV DB_PASSWORD=$DB_PASSWORD'] },
    { name: 'braced reference in quotes', lines: ['FROM alpine:3.20', 'ENV API_KEY="${API_KEY}"'] },
    {
      name: 'names that describe a secret',
      lines: ['FROM alpine:3.20', 'ENV TOKEN_FILE=/run/secrets/t PASSWORD_MIN_LENGTH=12 SECRET_NAME=db'],
    },
    {
      name: 'AWS access key id is the public half',
      lines: ['FROM alpine:3.20', 'ENV AWS_ACCESS_KEY_ID=AKIAEXAMPLE'],
    },
    { name: 'a boolean', lines: ['FROM alpine:3.20', 'ENV USE_TOKEN=true'] },
    { name: 'PWD and KEYBOARD are not secrets', lines: ['FROM alpine:3.20', 'ENV PWD=/app KEYBOARD=us'] },
    { name: 'empty value', lines: ['FROM alpine:3.20', 'ENV SECRET=""'] },
  ],
  invalid: [
    {
      name: 'ENV password',
      lines: ['FROM postgres:16', 'ENV POSTGRES_PASSWORD=hunter2'],
      errors: [{ messageId: 'envSecret', lines: [2, 2], stage: 0, data: { name: 'POSTGRES_PASSWORD' } }],
    },
    {
      name: 'legacy ENV form',
      lines: ['FROM alpine:3.20', 'ENV GITHUB_TOKEN ghp_example123'],
      errors: [{ messageId: 'envSecret', lines: [2, 2], data: { name: 'GITHUB_TOKEN' } }],
    },
    {
      name: 'ARG default in the global scope',
      lines: ['ARG AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI', 'FROM alpine:3.20'],
      errors: [
        { messageId: 'argSecret', lines: [1, 1], stage: 'global', data: { name: 'AWS_SECRET_ACCESS_KEY' } },
      ],
    },
    {
      name: 'several on a continued ENV, in a builder stage',
      lines: [
        'FROM node:22 AS build',
        'ENV NODE_ENV=production \\',
        '    NPM_TOKEN=npm_abc \\',
        '    apiKey=xyz',
        'FROM node:22',
      ],
      errors: [
        { messageId: 'envSecret', lines: [2, 4], stage: 0, data: { name: 'NPM_TOKEN' } },
        { messageId: 'envSecret', lines: [2, 4], stage: 0, data: { name: 'apiKey' } },
      ],
    },
    {
      name: 'a default inside a reference is still a literal',
      lines: ['FROM alpine:3.20', 'ENV CLIENT_SECRET=${CLIENT_SECRET:-s3cr3t}'],
      errors: [{ messageId: 'envSecret', lines: [2, 2] }],
    },
  ],
});
