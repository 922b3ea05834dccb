/** A `--name=value` (or bare `--name`) flag of FROM, RUN, COPY, ADD or HEALTHCHECK. */
export interface DockerfileFlag {
  readonly name: string;
  /** The value as written (quotes kept); absent for a bare flag like `--link`. */
  readonly raw?: string;
  /** The value after ARG/ENV expansion and quote removal. */
  readonly value?: string;
}

/** A here-document of RUN, COPY or ADD (`<<EOF`, `<<-EOF`, `<<"EOF"`). */
export interface DockerfileHeredoc {
  readonly name: string;
  /** The body, one `\n` after each line; leading tabs removed for `<<-`. */
  readonly content: string;
  /** `<<-`: leading tabs are stripped from the body and the terminator. */
  readonly stripTabs: boolean;
  /** False when the name was quoted: the body is then not subject to expansion. */
  readonly expand: boolean;
  /** 1-based lines of the body's first line and of the terminator. */
  readonly startLine: number;
  readonly endLine: number;
}

/** One `NAME=value` of ENV, ARG or LABEL. */
export interface DockerfileKeyValue {
  readonly name: string;
  /** The value as written (quotes kept); absent for `ARG NAME` without a default. */
  readonly raw?: string;
  /** The value after ARG/ENV expansion and quote removal. */
  readonly value?: string;
  /** Variables the value refers to that have no known value in scope. */
  readonly unresolved: readonly string[];
}

/** One instruction with the lines it spans, including continuation lines and heredoc bodies. */
export interface DockerfileInstruction {
  /** Upper-case keyword: `FROM`, `RUN`… */
  readonly keyword: string;
  readonly flags: readonly DockerfileFlag[];
  /** The arguments after the flags, continuation lines joined, not expanded. */
  readonly args: string;
  /** The JSON array of the exec form (`CMD ["a", "b"]`); absent for the shell form. */
  readonly execForm?: readonly string[];
  readonly heredocs: readonly DockerfileHeredoc[];
  readonly startLine: number;
  readonly endLine: number;
  /**
   * The arguments as words, quotes removed. ARG/ENV references are expanded for the instructions
   * Docker expands (ADD, ARG, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR),
   * not for RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, whose shell does it at run time.
   */
  readonly words: readonly string[];
  /** Variables referenced in `words` and flag values with no known value (build-time only). */
  readonly unresolved: readonly string[];
  /** ENV, ARG and LABEL: their pairs. */
  readonly pairs?: readonly DockerfileKeyValue[];
  /**
   * RUN, CMD, ENTRYPOINT in shell form: the shell a SHELL instruction set for them (`["pwsh",
   * "-Command"]`); absent for the default `["/bin/sh", "-c"]`.
   */
  readonly shell?: readonly string[];
  /** ONBUILD: the instruction it triggers. */
  readonly trigger?: DockerfileInstruction;
}

/** A build stage: a FROM and what follows it up to the next FROM. */
export interface DockerfileStage {
  readonly index: number;
  /** The `AS` name, lower-cased as Docker compares stage names. */
  readonly name?: string;
  /** The FROM image after expanding the global ARGs (`${BASE}` resolved). */
  readonly image: string;
  /** Variables in the image reference without a known value: the image is then only partly known. */
  readonly imageUnresolved: readonly string[];
  /** The `--platform` value, expanded (as written when it names an unknown `$BUILDPLATFORM`). */
  readonly platform?: string;
  /** The index of the earlier stage this one builds on (`FROM builder`). */
  readonly baseStage?: number;
  readonly from: DockerfileInstruction;
  /** The instructions after FROM. */
  readonly instructions: readonly DockerfileInstruction[];
  readonly startLine: number;
  readonly endLine: number;
}

/** A problem with the text: an unknown instruction, a malformed line, an unterminated heredoc. */
export interface DockerfileParseError {
  readonly line: number;
  readonly message: string;
}

/** A parsed Dockerfile. Parsing never throws: what could not be read is in `errors`. */
export interface Dockerfile {
  /** Parser directives from the top of the file (`syntax`, `escape`, `check`), keys lower-cased. */
  readonly directives: Readonly<Record<string, string>>;
  /** The escape character: `\` or, with `# escape=\``, a backquote. */
  readonly escape: string;
  /** ARG instructions before the first FROM: their values apply to FROM lines only. */
  readonly globalArgs: readonly DockerfileInstruction[];
  readonly stages: readonly DockerfileStage[];
  readonly errors: readonly DockerfileParseError[];
}
