/**
 * Small JSON walking helpers shared by the field families. Events are untrusted parsed JSON, so every
 * step checks the shape and yields `undefined` instead of throwing.
 */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows object keys from `value`; `undefined` as soon as one step is missing or not an object. */
export function getPath(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (!isObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * Falco's string rendering of a JSON value, as the k8saudit plugin does it: strings as they are,
 * anything else (numbers, booleans, objects, arrays, null) as compact JSON.
 */
export function falcoString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The array at `keys`, or `undefined` when missing or not an array. */
export function getArray(value: unknown, keys: readonly string[]): readonly unknown[] | undefined {
  const found = getPath(value, keys);
  return Array.isArray(found) ? found : undefined;
}

/**
 * Applies an optional index filter to a list, as the plugin's index argument does: no index keeps
 * all elements, an index out of range makes the field absent.
 */
export function pick(
  list: readonly unknown[] | undefined,
  index: number | undefined,
): readonly unknown[] | undefined {
  if (list === undefined || index === undefined) return list;
  return index < list.length ? [list[index]] : undefined;
}

/** Renders every present element with {@link falcoString}, skipping missing ones. */
export function falcoStrings(values: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const text = falcoString(value);
    if (text !== undefined) out.push(text);
  }
  return out;
}

/** A getter for a scalar at a fixed key path, rendered as Falco does. */
export function stringAt(...keys: string[]): (event: unknown) => string | undefined {
  return (event) => falcoString(getPath(event, keys));
}

/** A getter for a list at a fixed key path, each element rendered as Falco does, filtered by index. */
export function listAt(
  index: number | undefined,
  ...keys: string[]
): (event: unknown) => string[] | undefined {
  return (event) => {
    const list = pick(getArray(event, keys), index);
    return list === undefined ? undefined : falcoStrings(list);
  };
}
