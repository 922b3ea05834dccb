// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfile } from './check-dockerfile.ts';
import type { DockerfileRule } from './dockerfile-rule.ts';
import { rootUser } from './rules/root-user.ts';

const insecure = [
  'ARG GITHUB_TOKEN=ghp_example',
  'FROM node AS build',
  'RUN curl -fsSL https://deb.nodesource.com/setup | bash - && \\',
  '    apt-get install -y nodejs',
  'RUN npm install -g yarn',
  '',
  'FROM ubuntu:latest',
  'ENV DB_PASSWORD=hunter2',
  'ADD https://example.com/app.tgz /opt/',
  'RUN sudo apt-get update && sudo apt-get install -y openssh-server',
  'EXPOSE 22 8080',
  'USER root',
  'CMD ["/usr/sbin/sshd", "-D"]',
].join('\n');

describe('checkDockerfile', () => {
  it('reports every rule on a bad Dockerfile, by line, with the stage as the resource', () => {
    const { findings, errors } = checkDockerfile(insecure, 'app/Dockerfile');
    assert.deepEqual(errors, []);
    assert.deepEqual(
      findings.map((f) => [
        f.ruleId,
        f.messageId,
        f.severity,
        f.resource.name ?? '-',
        f.location.startLine,
        f.location.endLine,
      ]),
      [
        ['BW-DF-005', 'argSecret', 'CRITICAL', '-', 1, 1],
        ['BW-DF-002', 'noTag', 'MEDIUM', 'build', 2, 2],
        ['BW-DF-004', 'pipeToShell', 'HIGH', 'build', 3, 4],
        ['BW-DF-007', 'apt', 'LOW', 'build', 3, 4],
        ['BW-DF-007', 'npm', 'LOW', 'build', 5, 5],
        ['BW-DF-002', 'latestTag', 'MEDIUM', '1', 7, 7],
        ['BW-DF-010', 'missing', 'LOW', '1', 7, 7],
        ['BW-DF-005', 'envSecret', 'CRITICAL', '1', 8, 8],
        ['BW-DF-003', 'remoteUrl', 'MEDIUM', '1', 9, 9],
        ['BW-DF-006', 'sudo', 'MEDIUM', '1', 10, 10],
        ['BW-DF-007', 'apt', 'LOW', '1', 10, 10],
        ['BW-DF-008', 'aptLists', 'LOW', '1', 10, 10],
        ['BW-DF-009', 'sshPort', 'MEDIUM', '1', 11, 11],
        ['BW-DF-001', 'rootUser', 'HIGH', '1', 12, 12],
      ],
    );
    const secret = findings.find((f) => f.messageId === 'envSecret')!;
    assert.equal(secret.message, 'ENV sets "DB_PASSWORD" to a literal value');
    assert.ok(!JSON.stringify(findings).includes('hunter2'), 'a secret value never reaches a finding');
    assert.deepEqual(secret.resource, { kind: 'Dockerfile', name: '1' });
    assert.deepEqual(secret.location, { file: 'app/Dockerfile', startLine: 8, endLine: 8 });
    assert.ok(secret.references.includes('DS031'));
    assert.equal(
      findings.find((f) => f.ruleId === 'BW-DF-004')?.message,
      'RUN pipes the output of curl into bash',
    );
  });

  it('a clean Dockerfile has no findings', () => {
    const { findings, errors } = checkDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        'FROM golang:1.23.4-alpine3.21 AS build',
        'RUN apk add --no-cache git=2.47.1-r0',
        'FROM alpine:3.21',
        'RUN apk add --no-cache ca-certificates=20241121-r1',
        'COPY --from=build /go/bin/app /app',
        'USER 10001',
        'HEALTHCHECK CMD ["/app", "health"]',
        'ENTRYPOINT ["/app"]',
      ].join('\n'),
      'Dockerfile',
    );
    assert.deepEqual([findings, errors], [[], []]);
  });

  it('runs only the rules given, and passes parse errors through', () => {
    const r = checkDockerfile('FROM alpine:3.20\nBOGUS x\n', 'Dockerfile', [rootUser]);
    assert.deepEqual(
      r.findings.map((f) => f.ruleId),
      ['BW-DF-001'],
    );
    assert.deepEqual(r.errors, [{ line: 2, message: 'unknown instruction "BOGUS"' }]);
  });

  it('a rule that throws becomes an error, not a crash', () => {
    const broken: DockerfileRule<'x'> = {
      ...rootUser,
      id: 'BW-DF-999',
      messages: { x: 'x' },
      check() {
        throw new Error('boom');
      },
    };
    const r = checkDockerfile('FROM alpine:3.20\nUSER app\n', 'Dockerfile', [broken, rootUser]);
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.errors, [{ line: 1, message: 'rule BW-DF-999 failed: boom' }]);
  });

  it('build args reach the rules', () => {
    const text = 'ARG TAG=3.20\nFROM alpine:${TAG}\nUSER app\n';
    assert.deepEqual(checkDockerfile(text, 'D', [], {}).findings, []);
    const r = checkDockerfile(text, 'D', undefined, { buildArgs: { TAG: 'latest' } });
    assert.ok(
      r.findings.some(
        (f) => f.ruleId === 'BW-DF-002' && f.message === 'FROM "alpine:latest" uses the mutable tag "latest"',
      ),
    );
  });
});
