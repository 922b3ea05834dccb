import type { FieldDef } from './field-def.ts';
import { listAt, stringAt } from './json-value.ts';

/** ConfigMaps and Services in the request object. */
export const objectFields: readonly FieldDef[] = [
  {
    name: 'ka.req.configmap.name',
    type: 'string',
    // The plugin reads the target's name, not the request object's: kept for identical results.
    description: 'If the request object refers to a configmap, the configmap name',
    arg: 'none',
    build: () => stringAt('objectRef', 'name'),
  },
  {
    name: 'ka.req.configmap.obj',
    type: 'string',
    description: "If the request object refers to a configmap, the configmap's data as compact JSON",
    arg: 'none',
    build: () => stringAt('requestObject', 'data'),
  },
  {
    name: 'ka.req.service.type',
    type: 'string',
    description: 'When the request object refers to a service, the service type',
    arg: 'none',
    build: () => stringAt('requestObject', 'spec', 'type'),
  },
  {
    name: 'ka.req.service.ports',
    type: 'list',
    description: "When the request object refers to a service, the service's ports (each as JSON)",
    arg: 'index',
    build: (index) => listAt(index, 'requestObject', 'spec', 'ports'),
  },
];
