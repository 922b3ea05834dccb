import { ruleCases } from './rule-cases.ts';
import { unpinnedPackagesRule } from './unpinned-packages.ts';

ruleCases(unpinnedPackagesRule, {
  valid: [
    {
      name: 'apt pinned',
      lines: [
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8',
      ],
    },
    {
      name: 'apt release and .deb file',
      lines: ['FROM debian:12', 'RUN apt-get install -y ./tool.deb git/bookworm-backports'],
    },
    {
      name: 'apt option values are not packages',
      lines: [
        'FROM debian:12',
        'RUN apt-get -o Dpkg::Options::=--force-confnew -t bookworm install -y jq=1.6-2.1',
      ],
    },
    {
      name: 'apk pinned',
      lines: ['FROM alpine:3.20', 'RUN apk add --no-cache --virtual .deps curl=8.9.1-r0 git~2.45'],
    },
    {
      name: 'apk packages from a variable',
      lines: ['FROM alpine:3.20', 'RUN apk add --no-cache $PHPIZE_DEPS'],
    },
    {
      name: 'pip pinned',
      lines: ['FROM python:3.12', 'RUN pip install --no-cache-dir requests==2.32.3 "urllib3[socks]==2.2.3"'],
    },
    {
      name: 'pip requirements and local paths',
      lines: [
        'FROM python:3.12',
        'RUN pip install -r requirements.txt . ./lib dist/app-1.0-py3-none-any.whl',
      ],
    },
    {
      name: 'pip with a constraints file',
      lines: ['FROM python:3.12', 'RUN pip install -c constraints.txt requests flask'],
    },
    { name: 'npm project install', lines: ['FROM node:22', 'RUN npm install express'] },
    {
      name: 'npm global pinned',
      lines: ['FROM node:22', 'RUN npm install -g npm@10.9.2 @angular/cli@19.0.6'],
    },
    { name: 'yum is not checked', lines: ['FROM rockylinux:9', 'RUN yum install -y httpd && yum clean all'] },
    { name: 'apt-get update alone', lines: ['FROM debian:12', 'RUN apt-get update'] },
  ],
  invalid: [
    {
      name: 'apt-get install without versions',
      lines: [
        'FROM debian:12',
        'RUN apt-get update && \\',
        '    DEBIAN_FRONTEND=noninteractive apt-get install -y curl git=1:2.39.5-0+deb12u1 jq',
      ],
      errors: [
        { messageId: 'apt', lines: [2, 3], stage: 0, data: { program: 'apt-get', packages: 'curl, jq' } },
      ],
    },
    {
      name: 'apt with sudo',
      lines: ['FROM ubuntu:24.04', 'RUN sudo apt install -y vim'],
      errors: [{ messageId: 'apt', lines: [2, 2], data: { program: 'apt', packages: 'vim' } }],
    },
    {
      name: 'apk add',
      lines: ['FROM alpine:3.20', 'RUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2.5-r0'],
      errors: [{ messageId: 'apk', lines: [2, 2], data: { packages: 'gcc' } }],
    },
    {
      name: 'pip ranges are not pins, in any stage',
      lines: [
        'FROM python:3.12 AS build',
        'RUN python3 -m pip install "flask>=3" requests',
        'FROM python:3.12-slim',
      ],
      errors: [
        {
          messageId: 'pip',
          lines: [2, 2],
          stage: 0,
          data: { program: 'python3 -m pip', packages: 'flask>=3, requests' },
        },
      ],
    },
    {
      name: 'pip upgrading itself',
      lines: ['FROM python:3.12', 'RUN /venv/bin/pip3 install -U pip'],
      errors: [{ messageId: 'pip', lines: [2, 2], data: { program: 'pip3', packages: 'pip' } }],
    },
    {
      name: 'npm global with a dist-tag and none',
      lines: ['FROM node:22', 'RUN npm i -g npm@latest @scope/tool pnpm@9.15.0 yarn@^1'],
      errors: [{ messageId: 'npm', lines: [2, 2], data: { packages: 'npm@latest, @scope/tool, yarn@^1' } }],
    },
    {
      name: 'a long list is cut short in the message',
      lines: [
        'FROM alpine:3.20',
        `RUN apk add --no-cache ${Array.from({ length: 12 }, (_, i) => `p${i}`).join(' ')}`,
      ],
      errors: [
        {
          messageId: 'apk',
          lines: [2, 2],
          data: { packages: 'p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 and 2 more' },
        },
      ],
    },
    {
      name: 'in a heredoc',
      lines: ['FROM debian:12', 'RUN <<-EOF', '\tapt-get update', '\tapt-get install -y curl', '\tEOF'],
      errors: [{ messageId: 'apt', lines: [2, 5], data: { packages: 'curl' } }],
    },
  ],
});
