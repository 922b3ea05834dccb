import type { DockerfileInstruction, DockerfileParseError, DockerfileStage } from './dockerfile.ts';
import { expandWord, splitWords, type VariableScope } from './expand-words.ts';
import type { RawInstruction } from './read-instructions.ts';
import { KEYWORDS, resolveInstruction } from './resolve-instruction.ts';

const STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;
/** Instructions whose shell form runs through SHELL. */
const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** ARG and ENV values in one scope; `undefined` marks a name declared without a knowable value. */
class Scope implements VariableScope {
  readonly args: Map<string, string | undefined>;
  readonly env: Map<string, string | undefined>;

  constructor(from?: Scope) {
    this.args = new Map(from?.args);
    this.env = new Map(from?.env);
  }

  // ENV always wins over an ARG of the same name.
  get(name: string): string | undefined {
    return this.env.has(name) ? this.env.get(name) : this.args.get(name);
  }
}

interface StageDraft {
  index: number;
  name?: string;
  image: string;
  imageUnresolved: readonly string[];
  platform?: string;
  baseStage?: number;
  from: DockerfileInstruction;
  instructions: DockerfileInstruction[];
  scope: Scope;
  /** The SHELL in effect, when a SHELL instruction (here or in the base stage) set one. */
  shell?: readonly string[];
}

/**
 * Groups instructions into stages and resolves variables with Docker's scoping: ARGs before the
 * first FROM are global and apply to FROM lines only, unless a stage redeclares them (`ARG NAME`);
 * ARG and ENV last to the end of their stage and are inherited by stages built on it
 * (`FROM builder`). `buildArgs` stand for `--build-arg` values of declared ARGs.
 */
export function buildStages(
  raws: readonly RawInstruction[],
  esc: string,
  buildArgs: Readonly<Record<string, string>>,
  errors: DockerfileParseError[],
): { globalArgs: DockerfileInstruction[]; stages: DockerfileStage[] } {
  const globalScope = new Scope();
  // Own properties only: an ARG named `constructor` must not find Object.prototype's.
  const buildArg = (name: string) => (Object.hasOwn(buildArgs, name) ? buildArgs[name] : undefined);
  const globalArgs: DockerfileInstruction[] = [];
  const stages: StageDraft[] = [];

  for (const raw of raws) {
    const keyword = raw.keyword.toUpperCase();
    if (!KEYWORDS.has(keyword)) {
      errors.push({ line: raw.startLine, message: `unknown instruction "${raw.keyword}"` });
      continue;
    }
    const current = stages.at(-1);
    if (keyword === 'FROM') {
      stages.push(startStage(raw, stages, globalScope, esc, errors));
      continue;
    }
    if (!current) {
      if (keyword !== 'ARG') {
        errors.push({
          line: raw.startLine,
          message: `${keyword} before the first FROM: only ARG may come first`,
        });
        continue;
      }
      const ins = resolveInstruction(raw, globalScope, esc, errors);
      for (const p of ins.pairs ?? [])
        globalScope.args.set(p.name, buildArg(p.name) ?? (p.unresolved.length === 0 ? p.value : undefined));
      globalArgs.push(ins);
      continue;
    }
    const resolved = resolveInstruction(raw, current.scope, esc, errors);
    if (keyword === 'SHELL' && resolved.execForm) current.shell = resolved.execForm;
    const ins =
      current.shell && !resolved.execForm && SHELL_FORM.has(keyword)
        ? { ...resolved, shell: current.shell }
        : resolved;
    if (keyword === 'ARG')
      for (const p of ins.pairs ?? []) {
        // `ARG NAME` keeps an inherited value, else takes the global default.
        const declared =
          p.raw !== undefined
            ? p.unresolved.length === 0
              ? p.value
              : undefined
            : current.scope.args.has(p.name)
              ? current.scope.args.get(p.name)
              : globalScope.args.get(p.name);
        current.scope.args.set(p.name, buildArg(p.name) ?? declared);
      }
    else if (keyword === 'ENV')
      for (const p of ins.pairs ?? [])
        current.scope.env.set(p.name, p.unresolved.length === 0 ? p.value : undefined);
    current.instructions.push(ins);
  }

  return {
    globalArgs,
    stages: stages.map((s) => {
      const endLine = s.instructions.at(-1)?.endLine ?? s.from.endLine;
      return {
        index: s.index,
        ...(s.name !== undefined ? { name: s.name } : {}),
        image: s.image,
        imageUnresolved: s.imageUnresolved,
        ...(s.platform !== undefined ? { platform: s.platform } : {}),
        ...(s.baseStage !== undefined ? { baseStage: s.baseStage } : {}),
        from: s.from,
        instructions: s.instructions,
        startLine: s.from.startLine,
        endLine,
      };
    }),
  };
}

/** `FROM [--platform=…] image [AS name]`, expanded with the global ARGs only. */
function startStage(
  raw: RawInstruction,
  stages: readonly StageDraft[],
  globalScope: Scope,
  esc: string,
  errors: DockerfileParseError[],
): StageDraft {
  const from = resolveInstruction(raw, globalScope, esc, errors);
  const fail = (message: string) => errors.push({ line: raw.startLine, message: `FROM: ${message}` });
  const raws = splitWords(from.args, esc);
  if (from.args !== '' && raws.length !== 1 && !(raws.length === 3 && raws[1]!.toLowerCase() === 'as'))
    fail(`expects "image" or "image AS name", got "${from.args}"`);
  const expanded = raws[0] === undefined ? undefined : expandWord(raws[0], globalScope, esc);
  const image = expanded?.value ?? '';
  const index = stages.length;
  let stageName: string | undefined;
  if (raws.length === 3 && raws[1]!.toLowerCase() === 'as') {
    const n = expandWord(raws[2]!, globalScope, esc).value.toLowerCase();
    if (!STAGE_NAME.test(n)) fail(`invalid stage name "${n}"`);
    else if (stages.some((s) => s.name === n)) fail(`duplicate stage name "${n}"`);
    else stageName = n;
  }
  for (const f of from.flags) if (f.name !== 'platform') fail(`unknown flag --${f.name}`);
  // An unknown `$BUILDPLATFORM` is more telling as written than as an empty string.
  const platformFlag = from.flags.find((f) => f.name === 'platform');
  const platformValue =
    platformFlag?.raw === undefined ? undefined : expandWord(platformFlag.raw, globalScope, esc);
  const platform =
    platformValue === undefined
      ? undefined
      : platformValue.unresolved.length > 0
        ? platformFlag?.raw
        : platformValue.value;
  const base = stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
  return {
    index,
    ...(stageName !== undefined ? { name: stageName } : {}),
    image,
    imageUnresolved: expanded?.unresolved ?? [],
    ...(platform !== undefined ? { platform } : {}),
    ...(base ? { baseStage: base.index } : {}),
    from,
    instructions: [],
    // A stage built on an earlier one inherits its ARG and ENV values; otherwise it starts empty
    // (the base image's own ENV is unknown here).
    scope: new Scope(base?.scope),
    ...(base?.shell ? { shell: base.shell } : {}),
  };
}
