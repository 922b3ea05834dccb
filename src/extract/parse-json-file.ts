/** The JSON document of `bytes`; throws a clear Error when it is binary or not JSON (a BOM is allowed). */
export function parseJsonFile(bytes: Uint8Array, what: string): unknown {
  if (bytes.includes(0)) throw new Error(`not a ${what}: the file is binary`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`invalid ${what}: ${(e as Error).message}`);
  }
}
