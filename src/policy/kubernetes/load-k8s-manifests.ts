import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { BulwarkError, ErrorCodes, errorMessage, throwIfAborted } from '../../core/errors.ts';
import {
  DEFAULT_MAX_MANIFEST_BYTES,
  type K8sManifestError,
  type K8sManifests,
  manifestTooLargeMessage,
  type ParseK8sOptions,
  parseK8sText,
} from './parse-k8s-text.ts';

export interface LoadK8sOptions {
  readonly signal?: AbortSignal;
  /** Largest file read, in bytes. Default 64 MiB. */
  readonly maxFileBytes?: number;
  /** Alias references allowed per YAML document. Default 100. */
  readonly maxAliasCount?: number;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Directories that never hold a project's own manifests and can be huge. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform', 'vendor']);

/**
 * Reads the Kubernetes objects of a manifest file, or of every `.yaml`/`.yml`/`.json` file under a
 * directory (recursively, in name order; symbolic links are not followed, `.git` and
 * `node_modules` are skipped). Files named in `errors`/`objects` are as given for a file and
 * relative to the directory (with `/`) for a directory.
 *
 * Bad content never throws: it is reported in `errors` and the walk goes on. In a directory, a
 * file that yields no object and does not even mention `apiVersion` and `kind` is not a manifest
 * (a CI file, a values file) and is skipped without an error; a Helm chart template that does not
 * parse as YAML is reported once, asking for `helm template` output instead.
 *
 * @throws BulwarkError `E_INPUT_NOT_FOUND` when `path` does not exist, `E_INPUT_UNREADABLE` when it
 * cannot be listed or read, `E_ABORTED` when the signal fires.
 */
export async function loadK8sManifests(path: string, opts: LoadK8sOptions = {}): Promise<K8sManifests> {
  const info = await stat(path).catch((e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `Cannot read manifests: ${path} does not exist`, {
        subject: path,
        cause: e,
      });
    }
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `Cannot read manifests at ${path}: ${errorMessage(e)}`,
      {
        subject: path,
        cause: e,
      },
    );
  });
  const parseOpts: ParseK8sOptions = {
    maxBytes: opts.maxFileBytes ?? DEFAULT_MAX_MANIFEST_BYTES,
    ...(opts.maxAliasCount === undefined ? {} : { maxAliasCount: opts.maxAliasCount }),
  };
  if (!info.isDirectory()) {
    throwIfAborted(opts.signal);
    return loadFile(path, path, info.size, parseOpts, false);
  }
  const out: K8sManifests = { objects: [], errors: [] };
  for await (const file of walk(path, path, opts.signal, out.errors)) {
    const label = relative(path, file).split(sep).join('/');
    const size = await stat(file).then(
      (s) => s.size,
      () => 0,
    );
    const one = await loadFile(file, label, size, parseOpts, true);
    // One by one: a kubectl List can hold more objects than a spread may pass as arguments.
    for (const o of one.objects) out.objects.push(o);
    for (const e of one.errors) out.errors.push(e);
  }
  return out;
}

async function loadFile(
  path: string,
  label: string,
  size: number,
  opts: ParseK8sOptions,
  inDirectory: boolean,
): Promise<K8sManifests> {
  const max = opts.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES;
  if (size > max)
    return { objects: [], errors: [{ file: label, message: manifestTooLargeMessage(size, max) }] };
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await readFile(path));
  } catch (e) {
    return { objects: [], errors: [{ file: label, message: `Cannot read file: ${errorMessage(e)}` }] };
  }
  const result = parseK8sText(text, label, opts);
  if (!inDirectory || result.objects.length > 0 || result.errors.length === 0) return result;
  if (!/\bapiVersion\b/.test(text) || !/\bkind\b/.test(text)) return { objects: [], errors: [] };
  if (isHelmTemplate(path, text)) {
    return {
      objects: [],
      errors: [
        {
          file: label,
          message:
            'Helm chart template, not rendered: scan the output of `helm template` instead (this file was not checked)',
        },
      ],
    };
  }
  return result;
}

function isHelmTemplate(path: string, text: string): boolean {
  return text.includes('{{') && path.split(sep).includes('templates');
}

/** Manifest files under `dir`; a subdirectory that cannot be listed is recorded and skipped. */
async function* walk(
  root: string,
  dir: string,
  signal: AbortSignal | undefined,
  errors: K8sManifestError[],
): AsyncGenerator<string> {
  throwIfAborted(signal);
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (dir === root) {
      throw new BulwarkError(ErrorCodes.INPUT_UNREADABLE, `Cannot list ${dir}: ${errorMessage(e)}`, {
        subject: dir,
        cause: e,
      });
    }
    errors.push({
      file: relative(root, dir).split(sep).join('/'),
      message: `Cannot list directory: ${errorMessage(e)}`,
    });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    throwIfAborted(signal);
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* walk(root, full, signal, errors);
    } else if (entry.isFile() && MANIFEST_FILE.test(entry.name)) {
      yield full;
    }
  }
}
