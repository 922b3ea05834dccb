import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bulwarkHome } from '../../core/bulwark-home.ts';
import { BulwarkError, ErrorCodes } from '../../core/errors.ts';
import type { RulesFile } from './load-rules.ts';

/**
 * Bulwark's own k8s_audit rules, shipped with the package (`rules/k8s_audit/` at the package root;
 * the same relative place from `src/detect/rules/` and from `dist/detect/rules/`).
 */
export const BUNDLED_K8S_AUDIT_RULES_DIR = fileURLToPath(
  new URL('../../../rules/k8s_audit/', import.meta.url),
);

/** Where `bulwark rules` installs upstream rules files (Falco's k8s_audit_rules.yaml): $BULWARK_HOME/rules/k8s_audit. */
export function installedK8sAuditRulesDir(home: string = bulwarkHome()): string {
  return join(home, 'rules', 'k8s_audit');
}

export interface DefaultRules {
  /** Installed upstream files first (sorted by name), then Bulwark's bundled files (sorted). */
  readonly files: RulesFile[];
  /** What the user should know: e.g. that Falco's rules are not installed. */
  readonly notices: string[];
}

/**
 * The default k8s_audit rule set: Falco's rules as installed by `bulwark rules update|import`
 * (Falco's own file is Apache-2.0 data that changes upstream, so it is installed, like the
 * advisory database, rather than frozen into our package), then Bulwark's own rules, which
 * define only `bw_`-prefixed lists and macros so they load with or without Falco's.
 */
export async function defaultK8sAuditRules(home: string = bulwarkHome()): Promise<DefaultRules> {
  const notices: string[] = [];
  const installedDir = installedK8sAuditRulesDir(home);
  const installed = await yamlFiles(installedDir, false);
  if (installed.length === 0) {
    notices.push(
      `Falco's k8s_audit rules are not installed in ${installedDir}; running Bulwark's own rules only ` +
        '(install them with: bulwark rules update, or bulwark rules import <k8s_audit_rules.yaml>)',
    );
  }
  const bundled = await yamlFiles(BUNDLED_K8S_AUDIT_RULES_DIR, true);
  return { files: [...installed, ...bundled], notices };
}

async function yamlFiles(dir: string, required: boolean): Promise<RulesFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `cannot read rules folder ${dir}: ${(e as Error).message}`,
    );
  }
  if (required && names.length === 0) {
    throw new BulwarkError(
      ErrorCodes.INPUT_NOT_FOUND,
      `the bundled rules folder ${dir} holds no rules files`,
    );
  }
  return readRulesFiles(names.map((name) => join(dir, name)));
}

/**
 * Reads rules files in the order given.
 * @throws BulwarkError E_INPUT_UNREADABLE naming the first file that cannot be read.
 */
export async function readRulesFiles(paths: readonly string[]): Promise<RulesFile[]> {
  const files: RulesFile[] = [];
  for (const path of paths) {
    try {
      files.push({ path, text: await readFile(path, 'utf8') });
    } catch (e) {
      throw new BulwarkError(
        ErrorCodes.INPUT_UNREADABLE,
        `cannot read rules file ${path}: ${(e as Error).message}`,
        { subject: path },
      );
    }
  }
  return files;
}
