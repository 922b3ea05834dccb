/** One spec of a Gemfile.lock source section. */
export interface LockedGem {
  readonly name: string;
  readonly version: string;
  /** `x86_64-linux` for `nokogiri (1.16.0-x86_64-linux)`. */
  readonly platform?: string;
  /** GEM, GIT or PATH. */
  readonly section: string;
  readonly remote?: string;
  /** GIT revision. */
  readonly revision?: string;
  /** Names this spec depends on (constraints dropped). */
  readonly deps: string[];
  readonly line: number;
}

export interface ParsedGemfileLock {
  readonly gems: LockedGem[];
  /** Names under DEPENDENCIES: what the Gemfile asks for. */
  readonly direct: Set<string>;
  readonly platforms: string[];
  readonly bundledWith?: string;
}

const SOURCES = new Set(['GEM', 'GIT', 'PATH']);
const SPEC = /^ {4}([^\s(]+) \(([^)\s]+)\)\s*$/;
const DEP = /^ {6}([^\s(]+)/;

/**
 * Bundler's lockfile: unindented section headers; in GEM, GIT and PATH sections, specs at four
 * spaces (`name (version[-platform])`) and their dependencies at six. Other sections (PLUGIN
 * SOURCE, CHECKSUMS, unknown ones) hold no installed gems and are skipped.
 */
export function parseGemfileLock(text: string): ParsedGemfileLock {
  const gems: LockedGem[] = [];
  const direct = new Set<string>();
  const platforms: string[] = [];
  let bundledWith: string | undefined;
  let section = '';
  let remote: string | undefined;
  let revision: string | undefined;
  let current: LockedGem | undefined;
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    if (!/^\s/.test(line)) {
      section = line.trim();
      remote = undefined;
      revision = undefined;
      current = undefined;
      return;
    }
    if (SOURCES.has(section)) {
      const kv = /^ {2}(remote|revision): (.*)$/.exec(line);
      if (kv) {
        if (kv[1] === 'remote') remote = kv[2]!.trim();
        else revision = kv[2]!.trim();
        return;
      }
      const spec = SPEC.exec(line);
      if (spec) {
        const [version, ...platform] = spec[2]!.split('-');
        current = {
          name: spec[1]!,
          version: version!,
          ...(platform.length > 0 ? { platform: platform.join('-') } : {}),
          section,
          ...(remote ? { remote } : {}),
          ...(revision ? { revision } : {}),
          deps: [],
          line: i + 1,
        };
        gems.push(current);
        return;
      }
      const dep = DEP.exec(line);
      if (dep && current && !current.deps.includes(dep[1]!)) current.deps.push(dep[1]!);
      return;
    }
    if (section === 'DEPENDENCIES') {
      const m = /^ {2}([^\s(!]+)/.exec(line);
      if (m) direct.add(m[1]!);
    } else if (section === 'PLATFORMS') platforms.push(line.trim());
    else if (section === 'BUNDLED WITH') bundledWith = line.trim();
  });
  return { gems, direct, platforms, ...(bundledWith ? { bundledWith } : {}) };
}
