export interface GoModRequire {
  readonly path: string;
  readonly version: string;
  /** Marked `// indirect`. */
  readonly indirect: boolean;
  readonly line: number;
}

export interface GoModReplace {
  readonly oldPath: string;
  /** Only this version is replaced; all versions when undefined. */
  readonly oldVersion?: string;
  readonly newPath: string;
  /** Undefined for a local folder (`=> ../foo`). */
  readonly newVersion?: string;
}

export interface GoModFile {
  readonly module?: string;
  readonly go?: string;
  readonly toolchain?: string;
  readonly requires: GoModRequire[];
  readonly replaces: GoModReplace[];
  readonly excludes: { readonly path: string; readonly version: string }[];
  /** Lines that could not be understood; the rest is used. */
  readonly problems: string[];
}

/**
 * Parses a go.mod file (https://go.dev/ref/mod#go-mod-file): `module`, `go`, `toolchain`,
 * `require`, `replace` and `exclude`, single-line or in ( … ) blocks, with `// indirect`
 * comments. Other directives (retract, godebug, tool, ignore) are skipped. Never throws.
 */
export function parseGoMod(text: string): GoModFile {
  let module: string | undefined;
  let go: string | undefined;
  let toolchain: string | undefined;
  const requires: GoModRequire[] = [];
  const replaces: GoModReplace[] = [];
  const excludes: { path: string; version: string }[] = [];
  const problems: string[] = [];
  let block: string | undefined;

  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const lineNo = i + 1;
    const { code, comment } = splitComment(raw);
    let tokens = tokenize(code);
    if (tokens === undefined) {
      problems.push(`line ${lineNo}: unterminated quoted string`);
      continue;
    }
    if (tokens.length === 0) continue;
    let verb: string;
    if (block !== undefined) {
      if (tokens[0] === ')') {
        block = undefined;
        continue;
      }
      verb = block;
    } else {
      verb = tokens[0]!;
      tokens = tokens.slice(1);
      if (tokens.length === 1 && tokens[0] === '(') {
        block = verb;
        continue;
      }
    }
    const bad = (why: string) => problems.push(`line ${lineNo}: ${why}: ${raw.trim().slice(0, 200)}`);
    switch (verb) {
      case 'module':
        if (tokens[0]) module = tokens[0];
        break;
      case 'go':
        go = tokens[0];
        break;
      case 'toolchain':
        toolchain = tokens[0];
        break;
      case 'require':
        if (tokens.length < 2) bad('require needs a path and a version');
        else
          requires.push({
            path: tokens[0]!,
            version: tokens[1]!,
            indirect: isIndirect(comment),
            line: lineNo,
          });
        break;
      case 'exclude':
        if (tokens.length < 2) bad('exclude needs a path and a version');
        else excludes.push({ path: tokens[0]!, version: tokens[1]! });
        break;
      case 'replace': {
        const arrow = tokens.indexOf('=>');
        const left = tokens.slice(0, arrow);
        const right = tokens.slice(arrow + 1);
        if (arrow < 1 || left.length > 2 || right.length < 1 || right.length > 2) {
          bad('replace must be `old [version] => new [version]`');
          break;
        }
        replaces.push({
          oldPath: left[0]!,
          ...(left[1] ? { oldVersion: left[1] } : {}),
          newPath: right[0]!,
          ...(right[1] ? { newVersion: right[1] } : {}),
        });
        break;
      }
      case 'retract':
      case 'godebug':
      case 'tool':
      case 'ignore':
        break;
      default:
        bad(`unknown directive ${verb}`);
    }
  }
  if (block !== undefined) problems.push(`the ${block} ( … ) block is not closed`);
  return {
    ...(module ? { module } : {}),
    ...(go ? { go } : {}),
    ...(toolchain ? { toolchain } : {}),
    requires,
    replaces,
    excludes,
    problems,
  };
}

/** `// indirect` or `// indirect; other notes`, as the go command writes and reads it. */
function isIndirect(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const c = comment.trim();
  return c === 'indirect' || c.startsWith('indirect;');
}

function splitComment(line: string): { code: string; comment?: string } {
  let inQuote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuote) {
      if (c === '\\' && inQuote === '"') i++;
      else if (c === inQuote) inQuote = undefined;
    } else if (c === '"' || c === '`') inQuote = c;
    else if (c === '/' && line[i + 1] === '/') return { code: line.slice(0, i), comment: line.slice(i + 2) };
  }
  return { code: line };
}

/** Whitespace-separated tokens; "…" and `…` strings are unquoted. Undefined on an open quote. */
function tokenize(code: string): string[] | undefined {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|`([^`]*)`|(=>|\(|\))|([^\s"`()]+)|(["`])/g;
  for (const m of code.matchAll(re)) {
    if (m[5] !== undefined) return undefined;
    if (m[1] !== undefined) out.push(m[1].replace(/\\(.)/g, '$1'));
    else out.push((m[2] ?? m[3] ?? m[4])!);
  }
  return out;
}
