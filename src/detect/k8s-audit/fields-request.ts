import type { FieldDef } from './field-def.ts';
import { falcoString, getPath, stringAt } from './json-value.ts';

/** The request itself: id, stage, verb, URI, target object and response status. */
export const requestFields: readonly FieldDef[] = [
  {
    name: 'ka.auditid',
    type: 'string',
    description: 'The unique id of the audit event',
    arg: 'none',
    build: () => stringAt('auditID'),
  },
  {
    name: 'ka.stage',
    type: 'string',
    description: 'Stage of the request (e.g. RequestReceived, ResponseComplete, etc.)',
    arg: 'none',
    build: () => stringAt('stage'),
  },
  {
    name: 'ka.verb',
    type: 'string',
    description: 'The action being performed',
    arg: 'none',
    build: () => stringAt('verb'),
  },
  {
    name: 'ka.uri',
    type: 'string',
    description: 'The request URI as sent from client to server',
    arg: 'none',
    build: () => stringAt('requestURI'),
  },
  {
    name: 'ka.uri.param',
    type: 'string',
    description:
      'The value of a given query parameter in the uri (e.g. when uri=/foo?key=val, ka.uri.param[key] is val)',
    arg: 'key',
    build: (key) => (event) => {
      const uri = getPath(event, ['requestURI']);
      if (typeof uri !== 'string') return undefined;
      const query = uri.indexOf('?');
      if (query < 0) return undefined;
      // The first value wins when a parameter repeats (exec's `command` does, once per argv word).
      return new URLSearchParams(uri.slice(query + 1)).get(key) ?? undefined;
    },
  },
  {
    name: 'ka.target.name',
    type: 'string',
    description: 'The target object name',
    arg: 'none',
    build: () => stringAt('objectRef', 'name'),
  },
  {
    name: 'ka.target.namespace',
    type: 'string',
    description: 'The target object namespace',
    arg: 'none',
    build: () => stringAt('objectRef', 'namespace'),
  },
  {
    name: 'ka.target.resource',
    type: 'string',
    description: 'The target object resource',
    arg: 'none',
    build: () => stringAt('objectRef', 'resource'),
  },
  {
    name: 'ka.target.subresource',
    type: 'string',
    description: 'The target object subresource',
    arg: 'none',
    build: () => stringAt('objectRef', 'subresource'),
  },
  {
    name: 'ka.resp.name',
    type: 'string',
    description: 'The response object name',
    arg: 'none',
    build: () => stringAt('responseObject', 'metadata', 'name'),
  },
  {
    name: 'ka.response.code',
    type: 'string',
    // A string like Falco's, so `ka.response.code startswith 2` works.
    description: 'The response code',
    arg: 'none',
    build: () => stringAt('responseStatus', 'code'),
  },
  {
    name: 'ka.response.reason',
    type: 'string',
    description: 'The response reason (usually present only for failures)',
    arg: 'none',
    build: () => stringAt('responseStatus', 'reason'),
  },
];

/**
 * `ka.cluster.name`: an audit event does not name its cluster, so the name comes from configuration
 * (the webhook or file being read); absent when none was given.
 */
export function clusterFields(clusterName: string | undefined): readonly FieldDef[] {
  return [
    {
      name: 'ka.cluster.name',
      type: 'string',
      description: 'The name of the k8s cluster',
      arg: 'none',
      build: () => () => falcoString(clusterName),
    },
  ];
}
