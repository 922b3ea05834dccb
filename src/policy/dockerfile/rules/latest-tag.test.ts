// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import { latestTag } from './latest-tag.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(latestTag, {
  valid: [
    { name: 'tagged', lines: ['FROM node:22.12-alpine3.21'] },
    { name: 'digest only', lines: [`FROM alpine@sha256:${'a'.repeat(64)}`] },
    { name: 'latest, but pinned by digest', lines: [`FROM alpine:latest@sha256:${'b'.repeat(64)}`] },
    { name: 'scratch', lines: ['FROM scratch'] },
    { name: 'an earlier stage', lines: ['FROM alpine:3.20 AS Base', 'FROM base'] },
    { name: 'registry with a port and a tag', lines: ['FROM registry.local:5000/team/app:1.2'] },
    { name: 'tag from a global ARG', lines: ['ARG TAG=3.20', 'FROM alpine:${TAG}'] },
    { name: 'tag from a default', lines: ['ARG TAG', 'FROM alpine:${TAG:-3.20}'] },
    { name: 'image from an unknown ARG', lines: ['ARG IMAGE', 'FROM ${IMAGE}'] },
    { name: 'tag from an unknown ARG', lines: ['ARG TAG', 'FROM alpine:$TAG'] },
    { name: 'registry unknown, tag literal', lines: ['ARG REGISTRY', 'FROM ${REGISTRY}/app:1.2'] },
    { name: 'platform flag', lines: ['FROM --platform=$BUILDPLATFORM golang:1.23 AS build'] },
  ],
  invalid: [
    {
      name: 'no tag',
      lines: ['FROM ubuntu'],
      errors: [{ messageId: 'noTag', lines: [1, 1], data: { image: 'ubuntu' } }],
    },
    {
      name: 'latest',
      lines: ['FROM ubuntu:latest AS base', 'RUN true', 'FROM base'],
      errors: [{ messageId: 'latestTag', lines: [1, 1], stage: 0 }],
    },
    {
      name: 'a registry port is not a tag',
      lines: ['FROM localhost:5000/app'],
      errors: [{ messageId: 'noTag', lines: [1, 1], data: { image: 'localhost:5000/app' } }],
    },
    {
      name: 'resolved from a global ARG',
      lines: ['ARG BASE=debian', 'FROM ${BASE}'],
      errors: [{ messageId: 'noTag', lines: [2, 2], data: { image: 'debian' } }],
    },
    {
      name: 'a stage ARG does not reach FROM',
      lines: ['FROM alpine:3.20', 'ARG TAG=3.20', 'FROM alpine:${TAG:-latest}'],
      errors: [{ messageId: 'latestTag', lines: [3, 3], stage: 1 }],
    },
    {
      name: 'unknown registry, untagged literal name',
      lines: ['ARG REGISTRY', 'FROM ${REGISTRY}/app'],
      errors: [{ messageId: 'noTag', lines: [2, 2] }],
    },
    {
      name: 'continued FROM',
      lines: ['FROM \\', '  --platform=linux/amd64 \\', '  python'],
      errors: [{ messageId: 'noTag', lines: [1, 3] }],
    },
  ],
});
