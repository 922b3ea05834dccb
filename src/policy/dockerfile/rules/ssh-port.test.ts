// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruleCases } from './rule-cases.ts';
import { exposesPort22, sshPort } from './ssh-port.ts';

ruleCases(sshPort, {
  valid: [
    { name: 'web ports', lines: ['FROM nginx:1.27', 'EXPOSE 80 443/tcp'] },
    { name: 'port 2222', lines: ['FROM alpine:3.20', 'EXPOSE 2222'] },
    {
      name: 'only in a builder stage',
      lines: ['FROM alpine:3.20 AS build', 'EXPOSE 22', 'FROM alpine:3.20'],
    },
    { name: 'unknown variable', lines: ['FROM alpine:3.20', 'ARG PORT', 'EXPOSE $PORT'] },
  ],
  invalid: [
    {
      name: 'EXPOSE 22',
      lines: ['FROM ubuntu:24.04', 'EXPOSE 22'],
      errors: [{ messageId: 'sshPort', lines: [2, 2], data: { port: '22' } }],
    },
    {
      name: 'among others, with protocol',
      lines: ['FROM ubuntu:24.04', 'EXPOSE 80 22/tcp'],
      errors: [{ messageId: 'sshPort', lines: [2, 2], data: { port: '22/tcp' } }],
    },
    {
      name: 'a range and a variable',
      lines: ['FROM ubuntu:24.04', 'ENV SSH=22', 'EXPOSE 20-25/udp', 'EXPOSE ${SSH}'],
      errors: [
        { messageId: 'sshPort', lines: [3, 3], data: { port: '20-25/udp' } },
        { messageId: 'sshPort', lines: [4, 4], data: { port: '22' } },
      ],
    },
  ],
});

describe('exposesPort22', () => {
  for (const [spec, want] of [
    ['22', true],
    ['22/tcp', true],
    ['1-1024', true],
    ['220', false],
    ['23-30', false],
    ['x', false],
  ] as const)
    it(`${spec} → ${want}`, () => assert.equal(exposesPort22(spec), want));
});
