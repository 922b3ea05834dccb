/** What dependency resolution needs to know about an apk package. */
export interface ApkDepNode {
  readonly id: string;
  readonly name: string;
  readonly depends: readonly string[];
  readonly provides: readonly string[];
}

/** `cmd:scanelf>=1.3.4-r0` → `cmd:scanelf`; `so:libc.musl-x86_64.so.1=1` → `so:libc.musl-x86_64.so.1`; `/bin/sh` stays. */
export function apkDepName(token: string): string {
  return token.split(/[<>=~]/)[0]!;
}

export class ApkDepIndex {
  private readonly providers = new Map<string, ApkDepNode[]>();

  constructor(nodes: Iterable<ApkDepNode>) {
    for (const node of nodes) {
      this.add(node.name, node);
      for (const p of node.provides) this.add(apkDepName(p), node);
    }
  }

  private add(key: string, node: ApkDepNode): void {
    if (key === '') return;
    const list = this.providers.get(key);
    if (!list) this.providers.set(key, [node]);
    else if (!list.includes(node)) list.push(node);
  }

  /**
   * Ids of the installed packages that satisfy `D:` of `pkg`, by name or by what they provide
   * (`so:`, `cmd:`, `pc:`, paths like `/bin/sh`). Conflicts (`!name`) are not dependencies.
   * Every provider counts, as Syft reports them. Sorted, no self-edges.
   */
  dependsOn(pkg: ApkDepNode): string[] {
    const out = new Set<string>();
    for (const token of pkg.depends) {
      if (token.startsWith('!')) continue;
      for (const p of this.providers.get(apkDepName(token)) ?? []) if (p.id !== pkg.id) out.add(p.id);
    }
    return [...out].sort();
  }
}
