import { buildStages } from './build-stages.ts';
import type { Dockerfile, DockerfileParseError } from './dockerfile.ts';
import { readInstructions } from './read-instructions.ts';

/** Dockerfiles are small; anything past this is refused rather than parsed. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export interface ParseDockerfileOptions {
  /** `--build-arg` values: they replace the defaults of the ARGs they name. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** Size limit in bytes (UTF-8); default MAX_DOCKERFILE_BYTES. */
  readonly maxBytes?: number;
}

/**
 * Parses a Dockerfile: parser directives, comments, line continuations, exec and shell forms,
 * here-documents, stages, and ARG/ENV expansion with Docker's scoping. Never throws on bad input:
 * unknown instructions, malformed lines and a text over the size limit are reported in `errors`
 * with their line, and every instruction that could be read is returned.
 */
export function parseDockerfile(text: string, options: ParseDockerfileOptions = {}): Dockerfile {
  const errors: DockerfileParseError[] = [];
  const max = options.maxBytes ?? MAX_DOCKERFILE_BYTES;
  const size = Buffer.byteLength(text, 'utf8');
  if (size > max) {
    errors.push({ line: 1, message: `Dockerfile is ${size} bytes, over the ${max}-byte limit: not parsed` });
    return { directives: {}, escape: '\\', globalArgs: [], stages: [], errors };
  }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const read = readInstructions(body, errors);
  const { globalArgs, stages } = buildStages(read.instructions, read.escape, options.buildArgs ?? {}, errors);
  if (stages.length === 0) errors.push({ line: 1, message: 'no FROM instruction' });
  errors.sort((a, b) => a.line - b.line);
  return { directives: read.directives, escape: read.escape, globalArgs, stages, errors };
}
