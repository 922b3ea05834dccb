// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isRootUser, rootUser } from './root-user.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(rootUser, {
  valid: [
    { name: 'non-root user by name', lines: ['FROM alpine:3.20', 'USER app'] },
    { name: 'non-root uid and gid 0', lines: ['FROM alpine:3.20', 'USER 10001:0'] },
    {
      name: 'root for setup, then back to a user',
      lines: ['FROM alpine:3.20', 'USER root', 'RUN apk add --no-cache curl', 'USER app'],
    },
    {
      name: 'builder as root, final stage not',
      lines: [
        'FROM golang:1.23 AS build',
        'USER root',
        'FROM gcr.io/distroless/static:nonroot',
        'USER nonroot',
      ],
    },
    {
      name: 'USER inherited from the stage built on',
      lines: ['FROM alpine:3.20 AS base', 'USER app', 'FROM base', 'RUN true'],
    },
    { name: 'USER from an ARG with no known value', lines: ['FROM alpine:3.20', 'ARG UID', 'USER $UID'] },
    { name: 'USER from an ENV', lines: ['FROM alpine:3.20', 'ENV APP_UID=10001', 'USER ${APP_UID}'] },
  ],
  invalid: [
    {
      name: 'no USER at all',
      lines: ['FROM alpine:3.20', 'RUN true'],
      errors: [{ messageId: 'noUser', lines: [1, 1], stage: 0 }],
    },
    {
      name: 'USER only in the builder stage',
      lines: [
        'FROM golang:1.23 AS build',
        'USER app',
        '',
        'FROM scratch AS final',
        'COPY --from=build /app /app',
      ],
      errors: [{ messageId: 'noUser', lines: [4, 4], stage: 1 }],
    },
    {
      name: 'last USER is root',
      lines: ['FROM alpine:3.20', 'USER app', 'USER root'],
      errors: [{ messageId: 'rootUser', lines: [3, 3], data: { user: 'root' } }],
    },
    {
      name: 'USER 0:0',
      lines: ['FROM alpine:3.20', 'USER 0:0'],
      errors: [{ messageId: 'rootUser', lines: [2, 2], data: { user: '0:0' } }],
    },
    {
      name: 'root from a variable',
      lines: ['FROM alpine:3.20', 'ARG RUN_AS=root', 'USER ${RUN_AS}'],
      errors: [{ messageId: 'rootUser', lines: [3, 3], data: { user: 'root' } }],
    },
    {
      name: 'root inherited from the base stage',
      lines: ['FROM alpine:3.20 AS base', 'USER root', 'FROM base', 'RUN true'],
      errors: [{ messageId: 'rootUser', lines: [2, 2], stage: 0 }],
    },
  ],
});

describe('isRootUser', () => {
  for (const [user, want] of [
    ['root', true],
    ['0', true],
    ['root:staff', true],
    ['00', true],
    ['rooty', false],
    ['1000', false],
    ['1000:0', false],
  ] as const)
    it(`${user} → ${want}`, () => assert.equal(isRootUser(user), want));
});
