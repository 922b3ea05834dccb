import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { bulwarkHome } from '../core/bulwark-home.ts';
import { BulwarkError, ErrorCodes, errorMessage } from '../core/errors.ts';
import { defaultK8sAuditRules, installedK8sAuditRulesDir } from '../detect/rules/default-rules.ts';
import type { RulesFile } from '../detect/rules/load-rules.ts';
import { loadK8sAuditRules } from './load-k8s-audit-rules.ts';

/** The name Falco's k8s_audit rules are installed under, whatever the source was called. */
export const INSTALLED_FALCO_RULES_NAME = 'k8s_audit_rules.yaml';

export interface InstallRulesResult {
  /** The installed file. */
  readonly path: string;
  /** Rules the file defines. */
  readonly rules: number;
  /** False when the installed file already held exactly this text. */
  readonly changed: boolean;
}

/**
 * Installs `candidate` (its `path` is the name used in messages: the user's file or the URL) as
 * Falco's k8s_audit rules under $BULWARK_HOME/rules/k8s_audit, replacing the installed one. It is
 * installed only if the default rule set — the other installed files, it, Bulwark's bundled rules —
 * loads with it, so `bulwark audit` never finds a broken default; it is written to a temp file and
 * renamed, so a failed install leaves the previous file as it was. Throws a coded PARSE error
 * listing the load errors, or INPUT_UNREADABLE when the folder cannot be written.
 */
export async function installK8sAuditRules(
  candidate: RulesFile,
  home: string = bulwarkHome(),
): Promise<InstallRulesResult> {
  const dir = resolve(installedK8sAuditRulesDir(home));
  const target = join(dir, INSTALLED_FALCO_RULES_NAME);
  const current = await readFile(target, 'utf8').catch(() => undefined);

  // The default set as it will be once installed: the candidate takes the installed file's place.
  const defaults = await defaultK8sAuditRules(home);
  const others = defaults.files.filter((f) => resolve(f.path) !== target);
  const installed = others.filter((f) => dirname(resolve(f.path)) === dir);
  const bundled = others.filter((f) => dirname(resolve(f.path)) !== dir);
  const before = installed.filter((f) => basename(f.path) < INSTALLED_FALCO_RULES_NAME);
  const after = installed.filter((f) => basename(f.path) > INSTALLED_FALCO_RULES_NAME);
  const loaded = await loadK8sAuditRules(
    [...before, candidate, ...after, ...bundled],
    `${candidate.path} was not installed (the installed rules are unchanged): the default rule set does not load with it`,
  );
  // After loading, so a file that is not YAML gets its parse error rather than this.
  const rules = loaded.rules.filter((r) => r.file === candidate.path).length;
  if (rules === 0) {
    throw new BulwarkError(
      ErrorCodes.PARSE,
      `${candidate.path} defines no enabled k8s_audit rules (is it Falco's k8s_audit_rules.yaml?); nothing was installed (the installed rules are unchanged)`,
      { subject: candidate.path },
    );
  }
  if (current === candidate.text) return { path: target, rules, changed: false };

  // The temp name does not end in .yaml, so a crash mid-write never adds a rules file to the set.
  const temp = join(dir, `.${INSTALLED_FALCO_RULES_NAME}.${process.pid}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, candidate.text);
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw new BulwarkError(
      ErrorCodes.INPUT_UNREADABLE,
      `cannot install rules into ${dir}: ${errorMessage(e)}`,
      {
        subject: target,
        cause: e,
      },
    );
  }
  return { path: target, rules, changed: true };
}
