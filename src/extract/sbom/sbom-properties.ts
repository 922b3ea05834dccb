import type { SbomProperties } from './sbom-document.ts';

/** Collects name/value pairs into a map; names repeat, values keep their order. */
export function propertyMap(pairs: Iterable<readonly [string, string]>): SbomProperties {
  const map = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    const list = map.get(name);
    if (list) list.push(value);
    else map.set(name, [value]);
  }
  return map;
}

/** The first non-empty value of the first of `names` that has one (tools name the same thing differently). */
export function property(props: SbomProperties, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = props.get(name)?.find((v) => v.trim() !== '');
    if (value !== undefined) return value.trim();
  }
  return undefined;
}

/** Every non-empty value of `name`. */
export function properties(props: SbomProperties, name: string): string[] {
  return (props.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * The `name: value` of an annotation comment (SPDX has no properties; our encoder and Trivy
 * write them this way). Names hold no spaces; the value may hold anything, `: ` included.
 */
export function splitAnnotation(comment: string): [string, string] | undefined {
  const m = /^(\S+): ([\s\S]*)$/.exec(comment.trim());
  return m ? [m[1]!, m[2]!] : undefined;
}
