import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { ConfigFinding } from '../core/config-finding.ts';
import { compareConfigFindings } from '../core/config-finding-order.ts';
import { BulwarkError, ErrorCodes, errorMessage, throwIfAborted } from '../core/errors.ts';
import type { FileError } from '../core/inventory.ts';
import { checkDockerfile } from './dockerfile/check-dockerfile.ts';
import { checkK8sObjects } from './kubernetes/check-k8s-objects.ts';
import { K8S_RULES } from './kubernetes/k8s-rules.ts';
import { loadK8sManifests } from './kubernetes/load-k8s-manifests.ts';
import type { K8sProfileSelection } from './kubernetes/select-k8s-rules.ts';

export interface CheckConfigOptions {
  /** Kubernetes rule profile (default `all`). */
  readonly profile?: K8sProfileSelection;
  readonly signal?: AbortSignal;
}

export interface CheckConfigResult {
  /** Sorted: severity (highest first), file, line, rule id. */
  readonly misconfigurations: ConfigFinding[];
  readonly errors: FileError[];
}

/** Largest Dockerfile read. */
const MAX_DOCKERFILE_BYTES = 4 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', 'vendor', '.terraform']);

/** `Dockerfile`, `Containerfile`, `Dockerfile.prod`, `api.Dockerfile`, `build.dockerfile`. */
export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/i.test(name) || /\.(Dockerfile|Containerfile)$/i.test(name);
}

/**
 * `bulwark config <file|dir>` and the configuration part of `bulwark repo`: every Kubernetes
 * manifest (YAML/JSON, multi-document, Lists, Helm output) and every Dockerfile under `path`,
 * checked by the registered rules. Unreadable or malformed files are reported in `errors`; the
 * rest is still checked.
 */
export async function checkConfigPath(
  path: string,
  opts: CheckConfigOptions = {},
): Promise<CheckConfigResult> {
  const st = await stat(path).catch(() => undefined);
  if (!st)
    throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${path}: no such file or directory`, {
      subject: path,
    });
  const errors: FileError[] = [];
  const misconfigurations: ConfigFinding[] = [];
  const dockerfiles: { full: string; name: string }[] = [];
  if (st.isDirectory()) await collectDockerfiles(path, path, dockerfiles, opts.signal);
  else if (isDockerfileName(basename(path))) dockerfiles.push({ full: path, name: path });

  for (const d of dockerfiles) {
    throwIfAborted(opts.signal);
    try {
      const { size } = await stat(d.full);
      if (size > MAX_DOCKERFILE_BYTES) {
        errors.push({
          path: d.name,
          stage: 'dockerfile',
          message: `${size} bytes is over the ${MAX_DOCKERFILE_BYTES}-byte limit`,
        });
        continue;
      }
      const r = checkDockerfile(await readFile(d.full, 'utf8'), d.name);
      misconfigurations.push(...r.findings);
      for (const e of r.errors)
        errors.push({ path: d.name, stage: 'dockerfile', message: `line ${e.line}: ${e.message}` });
    } catch (e) {
      errors.push({ path: d.name, stage: 'dockerfile', message: errorMessage(e) });
    }
  }

  if (st.isDirectory() || !isDockerfileName(basename(path))) {
    const manifests = await loadK8sManifests(path, opts.signal ? { signal: opts.signal } : {});
    misconfigurations.push(
      ...checkK8sObjects(manifests.objects, K8S_RULES, { profile: opts.profile ?? 'all' }),
    );
    for (const e of manifests.errors) {
      errors.push({
        path: e.file,
        stage: 'kubernetes',
        message: e.line === undefined ? e.message : `line ${e.line}: ${e.message}`,
      });
    }
  }
  return { misconfigurations: misconfigurations.sort(compareConfigFindings), errors };
}

async function collectDockerfiles(
  root: string,
  dir: string,
  out: { full: string; name: string }[],
  signal: AbortSignal | undefined,
): Promise<void> {
  throwIfAborted(signal);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && !SKIPPED_DIRS.has(e.name)) await collectDockerfiles(root, full, out, signal);
    else if (e.isFile() && isDockerfileName(e.name)) out.push({ full, name: relative(root, full) });
  }
}
