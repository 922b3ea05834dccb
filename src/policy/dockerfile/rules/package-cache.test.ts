import { packageCache } from './package-cache.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(packageCache, {
  valid: [
    {
      name: 'apt lists removed',
      lines: [
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      ],
    },
    {
      name: 'apt with a cache mount',
      lines: [
        'FROM debian:12',
        'RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl',
      ],
    },
    { name: 'apk --no-cache', lines: ['FROM alpine:3.20', 'RUN apk add --no-cache curl'] },
    {
      name: 'apk then rm',
      lines: ['FROM alpine:3.20', 'RUN apk update && apk add curl && rm -rf /var/cache/apk/*'],
    },
    { name: 'yum clean all', lines: ['FROM centos:7', 'RUN yum install -y httpd && yum clean all'] },
    { name: 'dnf clean all with ;', lines: ['FROM fedora:41', 'RUN dnf install -y gcc; dnf clean all'] },
    {
      name: 'microdnf clean all',
      lines: ['FROM ubi9-minimal:9.5', 'RUN microdnf install -y tar && microdnf clean all'],
    },
    {
      name: 'zypper clean',
      lines: ['FROM opensuse/leap:15.6', 'RUN zypper install -y curl && zypper clean -a'],
    },
    {
      name: 'a builder stage is not shipped',
      lines: [
        'FROM debian:12 AS build',
        'RUN apt-get update && apt-get install -y gcc',
        'FROM scratch',
        'COPY --from=build /out /',
      ],
    },
    { name: 'no install', lines: ['FROM debian:12', 'RUN apt-get update && apt-get upgrade -y'] },
  ],
  invalid: [
    {
      name: 'apt without removing the lists',
      lines: ['FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl && apt-get clean'],
      errors: [{ messageId: 'aptLists', lines: [2, 3], stage: 0, data: { program: 'apt-get' } }],
    },
    {
      name: 'removed before the last install',
      lines: [
        'FROM debian:12',
        'RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl',
      ],
      errors: [{ messageId: 'aptLists', lines: [2, 2] }],
    },
    {
      name: 'removed in another RUN does not help',
      lines: [
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y curl',
        'RUN rm -rf /var/lib/apt/lists/*',
      ],
      errors: [{ messageId: 'aptLists', lines: [2, 2] }],
    },
    {
      name: 'apk add without --no-cache',
      lines: ['FROM alpine:3.20', 'RUN apk add curl'],
      errors: [{ messageId: 'apkCache', lines: [2, 2] }],
    },
    {
      name: 'yum without clean',
      lines: ['FROM centos:7', 'RUN yum -y install httpd'],
      errors: [{ messageId: 'yumCache', lines: [2, 2] }],
    },
    {
      name: 'dnf clean before install',
      lines: ['FROM fedora:41', 'RUN dnf clean all && dnf install -y gcc'],
      errors: [{ messageId: 'dnfCache', lines: [2, 2], data: { program: 'dnf' } }],
    },
    {
      name: 'microdnf',
      lines: ['FROM ubi9-minimal:9.5', 'RUN microdnf install -y tar'],
      errors: [{ messageId: 'microdnfCache', lines: [2, 2] }],
    },
    {
      name: 'zypper',
      lines: ['FROM opensuse/leap:15.6', 'RUN zypper in -y curl'],
      errors: [{ messageId: 'zypperCache', lines: [2, 2] }],
    },
    {
      name: 'the stage the final one is built on',
      lines: ['FROM alpine:3.20 AS base', 'RUN apk add git', 'FROM base', 'USER app'],
      errors: [{ messageId: 'apkCache', lines: [2, 2], stage: 0 }],
    },
  ],
});
