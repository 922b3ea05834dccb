import { eventTimeNs, formatClockTime, formatIso8601 } from './event-time.ts';
import type { FieldDef } from './field-def.ts';
import { evaluateJsonPointer } from './json-pointer.ts';
import { falcoString } from './json-value.ts';

/** Falco's generic JSON event fields, usable on any audit event. */
export const jevtFields: readonly FieldDef[] = [
  {
    name: 'jevt.time',
    type: 'string',
    description: 'Event timestamp as a string with the nanosecond component (HH:MM:SS.nnnnnnnnn, UTC)',
    arg: 'none',
    build: () => (event) => {
      const ns = eventTimeNs(event);
      return ns === undefined ? undefined : formatClockTime(ns);
    },
  },
  {
    name: 'jevt.time.iso8601',
    type: 'string',
    description: 'Event timestamp in ISO 8601 format, including nanoseconds and time zone offset (UTC)',
    arg: 'none',
    build: () => (event) => {
      const ns = eventTimeNs(event);
      return ns === undefined ? undefined : formatIso8601(ns);
    },
  },
  {
    name: 'jevt.rawtime',
    type: 'number',
    // A number for comparisons; beyond 2^53 the lowest nanosecond digits are rounded.
    description: 'Event timestamp as nanoseconds since the epoch',
    arg: 'none',
    build: () => (event) => {
      const ns = eventTimeNs(event);
      return ns === undefined ? undefined : Number(ns);
    },
  },
  {
    name: 'jevt.value',
    type: 'string',
    description:
      'The value at an RFC 6901 JSON pointer into the event (e.g. jevt.value[/user/username]); non-string values as compact JSON',
    arg: 'pointer',
    build: (tokens) => (event) => falcoString(evaluateJsonPointer(event, tokens)),
  },
  {
    name: 'jevt.obj',
    type: 'string',
    description: 'The entire event as compact JSON',
    arg: 'none',
    build: () => (event) => (event === undefined ? undefined : JSON.stringify(event)),
  },
];
