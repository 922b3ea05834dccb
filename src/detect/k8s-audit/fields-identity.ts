import type { FieldDef } from './field-def.ts';
import { listAt, stringAt } from './json-value.ts';

/** Who made the request and what the authorizer decided. */
export const identityFields: readonly FieldDef[] = [
  {
    name: 'ka.user.name',
    type: 'string',
    description: 'The user name performing the request',
    arg: 'none',
    build: () => stringAt('user', 'username'),
  },
  {
    name: 'ka.user.groups',
    type: 'list',
    description: 'The groups to which the user belongs',
    arg: 'index',
    build: (index) => listAt(index, 'user', 'groups'),
  },
  {
    name: 'ka.impuser.name',
    type: 'string',
    description: 'The impersonated user name',
    arg: 'none',
    build: () => stringAt('impersonatedUser', 'username'),
  },
  {
    name: 'ka.sourceips',
    type: 'list',
    description: 'The IP addresses of the client who made the request to the apiserver',
    arg: 'index',
    build: (index) => listAt(index, 'sourceIPs'),
  },
  {
    name: 'ka.useragent',
    type: 'string',
    description: 'The useragent of the client who made the request to the apiserver',
    arg: 'none',
    build: () => stringAt('userAgent'),
  },
  {
    name: 'ka.auth.decision',
    type: 'string',
    description: 'The authorization decision',
    arg: 'none',
    build: () => stringAt('annotations', 'authorization.k8s.io/decision'),
  },
  {
    name: 'ka.auth.reason',
    type: 'string',
    description: 'The authorization reason',
    arg: 'none',
    build: () => stringAt('annotations', 'authorization.k8s.io/reason'),
  },
];
