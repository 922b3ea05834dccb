// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are Dockerfile text, where ${VAR} is a variable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDockerfile } from './check-dockerfile.ts';
import type { Dockerfile, DockerfileInstruction } from './dockerfile.ts';
import { parseDockerfile } from './parse-dockerfile.ts';

const parse = (lines: readonly string[], options = {}) => parseDockerfile(lines.join('\n'), options);

/** All instructions after the FROMs, flattened. */
function body(df: Dockerfile): DockerfileInstruction[] {
  return df.stages.flatMap((s) => s.instructions);
}

function only(df: Dockerfile): DockerfileInstruction {
  assert.deepEqual(df.errors, []);
  const all = body(df);
  assert.equal(all.length, 1);
  return all[0]!;
}

describe('parseDockerfile: lines, comments and continuations', () => {
  it('joins continuation lines and reports the whole range', () => {
    const ins = only(parse(['FROM alpine:3.20', 'RUN apk add \\', '    curl \\', '    git']));
    assert.deepEqual([ins.keyword, ins.startLine, ins.endLine], ['RUN', 2, 4]);
    assert.equal(ins.args, 'apk add     curl     git');
  });

  it('skips comment and blank lines inside a continuation, and allows blanks after the backslash', () => {
    const ins = only(parse(['FROM alpine:3.20', 'RUN set -e; \\  ', '  # a comment', '', '  echo done']));
    assert.equal(ins.args, 'set -e;   echo done');
    assert.deepEqual([ins.startLine, ins.endLine], [2, 5]);
  });

  it('a continuation at the end of the file just ends', () => {
    const ins = only(parse(['FROM alpine:3.20', 'RUN echo \\']));
    assert.deepEqual([ins.args, ins.endLine], ['echo', 2]);
  });

  it('comments are whole lines; # inside an instruction is text', () => {
    const df = parse(['# top', 'FROM alpine:3.20', '  # indented comment', 'RUN echo hi # not a comment']);
    assert.equal(only(df).args, 'echo hi # not a comment');
  });

  it('CRLF line endings and a byte-order mark', () => {
    const df = parseDockerfile('\uFEFFFROM alpine:3.20\r\nUSER app\r\n');
    assert.deepEqual(df.errors, []);
    assert.deepEqual(body(df)[0]?.words, ['app']);
    assert.equal(df.stages[0]?.image, 'alpine:3.20');
  });

  it('keywords are case-insensitive', () => {
    const df = parse(['from alpine:3.20 as Build', 'run true']);
    assert.deepEqual(df.errors, []);
    assert.equal(df.stages[0]?.name, 'build');
    assert.equal(body(df)[0]?.keyword, 'RUN');
  });
});

describe('parseDockerfile: parser directives', () => {
  it('reads syntax, escape and check at the top, keys case-insensitive', () => {
    const df = parse(['# syntax=docker/dockerfile:1', '#ESCAPE = `', '# check=skip=all', 'FROM alpine:3.20']);
    assert.deepEqual(df.directives, { syntax: 'docker/dockerfile:1', escape: '`', check: 'skip=all' });
    assert.equal(df.escape, '`');
  });

  it('the backquote escape makes backslashes plain (Windows paths) and continues lines with `', () => {
    const df = parse([
      '# escape=`',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN dir c:\\ `',
      '    /s',
      'COPY C:\\src C:\\dst',
    ]);
    assert.deepEqual(df.errors, []);
    const [run, copy] = body(df);
    assert.deepEqual([run?.args, run?.startLine, run?.endLine], ['dir c:\\     /s', 3, 4]);
    assert.deepEqual(copy?.words, ['C:\\src', 'C:\\dst']);
  });

  it('a directive after a comment or a blank line is only a comment', () => {
    for (const lines of [
      ['# hello', '# escape=`', 'FROM a:1'],
      ['', '# escape=`', 'FROM a:1'],
      ['# unknown=x', '# escape=`', 'FROM a:1'],
    ]) {
      const df = parse(lines);
      assert.equal(df.escape, '\\');
      assert.deepEqual(df.directives, {});
    }
  });

  it('a repeated or invalid escape directive is an error', () => {
    assert.deepEqual(parse(['# escape=`', '# escape=\\', 'FROM a:1']).errors, [
      { line: 2, message: 'only one "escape" parser directive can be used' },
    ]);
    assert.deepEqual(parse(['# escape=x', 'FROM a:1']).errors, [
      { line: 1, message: 'invalid escape character "x": use \\ or `' },
    ]);
  });
});

describe('parseDockerfile: exec and shell forms, flags, pairs', () => {
  it('a JSON array of strings is the exec form', () => {
    const df = parse([
      'FROM a:1',
      'ENTRYPOINT ["/bin/app", "--port", "80"]',
      'CMD ["serve"]',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    ]);
    assert.deepEqual(df.errors, []);
    assert.deepEqual(
      body(df).map((i) => i.execForm),
      [['/bin/app', '--port', '80'], ['serve'], ['/bin/bash', '-o', 'pipefail', '-c']],
    );
  });

  it('anything else falls back to the shell form, as Docker does', () => {
    const df = parse(['FROM a:1', "CMD ['single', 'quotes']", 'RUN [ -f /x ] && echo y', 'CMD ["a", 1]']);
    assert.deepEqual(df.errors, []);
    assert.deepEqual(
      body(df).map((i) => i.execForm),
      [undefined, undefined, undefined],
    );
    assert.deepEqual(body(df)[0]?.words, ['[single,', 'quotes]']);
  });

  it('flags of RUN, COPY and FROM; words without them', () => {
    const df = parse([
      'FROM --platform=linux/arm64 golang:1.23 AS build',
      'RUN --mount=type=secret,id=npm --network=none cat /run/secrets/npm',
      'COPY --from=build --chown=app:app --link /out /app',
    ]);
    assert.deepEqual(df.errors, []);
    assert.equal(df.stages[0]?.platform, 'linux/arm64');
    const [run, copy] = body(df);
    assert.deepEqual(
      run?.flags.map((f) => [f.name, f.value]),
      [
        ['mount', 'type=secret,id=npm'],
        ['network', 'none'],
      ],
    );
    assert.equal(run?.args, 'cat /run/secrets/npm');
    assert.deepEqual(
      copy?.flags.map((f) => [f.name, f.value]),
      [
        ['from', 'build'],
        ['chown', 'app:app'],
        ['link', undefined],
      ],
    );
    assert.deepEqual(copy?.words, ['/out', '/app']);
  });

  it('ENV and LABEL pairs, quoted and legacy', () => {
    const df = parse([
      'FROM a:1',
      'ENV A=1 B="two words" C=it\\ is',
      'ENV LEGACY value with spaces',
      'LABEL "com.example.vendor"="ACME Inc" version=1.0',
    ]);
    assert.deepEqual(df.errors, []);
    const pairs = body(df).map((i) => i.pairs?.map((p) => [p.name, p.value]));
    assert.deepEqual(pairs, [
      [
        ['A', '1'],
        ['B', 'two words'],
        ['C', 'it is'],
      ],
      [['LEGACY', 'value with spaces']],
      [
        ['com.example.vendor', 'ACME Inc'],
        ['version', '1.0'],
      ],
    ]);
  });

  it('SHELL applies to later shell-form RUN, CMD and ENTRYPOINT, and to stages built on this one', () => {
    const df = parse([
      'FROM a:1 AS win',
      'RUN before',
      'SHELL ["pwsh", "-Command"]',
      'RUN Get-ChildItem',
      'CMD ["exec-form"]',
      'FROM win',
      'ENTRYPOINT Start-App',
      'FROM a:1',
      'RUN after',
    ]);
    assert.deepEqual(df.errors, []);
    assert.deepEqual(
      body(df).map((i) => [i.keyword, i.shell]),
      [
        ['RUN', undefined],
        ['SHELL', undefined],
        ['RUN', ['pwsh', '-Command']],
        ['CMD', undefined],
        ['ENTRYPOINT', ['pwsh', '-Command']],
        ['RUN', undefined],
      ],
    );
  });

  it('ONBUILD parses its trigger', () => {
    const ins = only(parse(['FROM a:1', 'ONBUILD RUN make $TARGET']));
    assert.equal(ins.trigger?.keyword, 'RUN');
    assert.equal(ins.trigger?.args, 'make $TARGET');
    assert.deepEqual(ins.unresolved, []);
  });
});

describe('parseDockerfile: here-documents', () => {
  it('RUN <<EOF: the body and its lines', () => {
    const ins = only(
      parse(['FROM a:1', 'RUN <<EOF', 'set -e', 'apk add curl', 'EOF', 'USER app'].slice(0, 5)),
    );
    assert.deepEqual([ins.startLine, ins.endLine], [2, 5]);
    assert.deepEqual(ins.heredocs, [
      {
        name: 'EOF',
        content: 'set -e\napk add curl\n',
        stripTabs: false,
        expand: true,
        startLine: 3,
        endLine: 5,
      },
    ]);
  });

  it('several on one line, <<- strips tabs, a quoted name does not expand', () => {
    const df = parse([
      'FROM a:1',
      'RUN <<FILE1 cat > /a && <<-"FILE2" cat > /b',
      'one $X',
      'FILE1',
      '\ttwo',
      '\tFILE2',
      'USER app',
    ]);
    assert.deepEqual(df.errors, []);
    const [run, user] = body(df);
    assert.deepEqual(
      run?.heredocs.map((h) => [h.name, h.content, h.stripTabs, h.expand, h.startLine, h.endLine]),
      [
        ['FILE1', 'one $X\n', false, true, 3, 4],
        ['FILE2', 'two\n', true, false, 5, 6],
      ],
    );
    assert.deepEqual([run?.startLine, run?.endLine, user?.startLine], [2, 6, 7]);
  });

  it('COPY <<EOF file', () => {
    const ins = only(parse(['FROM a:1', 'COPY <<EOF /etc/app.conf', 'port = 80', 'EOF']));
    assert.deepEqual(ins.words, ['<<EOF', '/etc/app.conf']);
    assert.equal(ins.heredocs[0]?.content, 'port = 80\n');
    assert.equal(ins.endLine, 4);
  });

  it('here-strings, quoted markers and other instructions are not heredocs', () => {
    const df = parse(['FROM a:1', 'RUN cat <<<"text" && echo "<<NO"', 'ENV X=<<Y', 'USER app']);
    assert.deepEqual(df.errors, []);
    assert.deepEqual(
      body(df).map((i) => i.heredocs.length),
      [0, 0, 0],
    );
  });

  it('an unterminated heredoc is an error and takes the rest of the file', () => {
    const df = parse(['FROM a:1', 'RUN <<EOF', 'echo never ends', 'USER app']);
    assert.deepEqual(df.errors, [{ line: 2, message: 'here-document <<EOF is not terminated' }]);
    const [run] = body(df);
    assert.deepEqual([run?.endLine, run?.heredocs[0]?.content], [4, 'echo never ends\nUSER app\n']);
  });
});

describe('parseDockerfile: stages', () => {
  it('multi-stage with names, platforms, bases and line ranges', () => {
    const df = parse([
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS Build',
      'RUN go build -o /out/app',
      '',
      'FROM build AS test',
      'RUN go test ./...',
      'FROM gcr.io/distroless/static:nonroot',
      'COPY --from=build /out/app /app',
      '# trailing comment',
    ]);
    assert.deepEqual(df.errors, []);
    assert.deepEqual(
      df.stages.map((s) => [s.index, s.name, s.image, s.platform, s.baseStage, s.startLine, s.endLine]),
      [
        [0, 'build', 'golang:1.23', '$BUILDPLATFORM', undefined, 1, 2],
        [1, 'test', 'build', undefined, 0, 4, 5],
        [2, undefined, 'gcr.io/distroless/static:nonroot', undefined, undefined, 6, 7],
      ],
    );
  });
});

describe('parseDockerfile: ARG and ENV expansion and scope', () => {
  it('global ARGs resolve FROM (${VAR}, defaults) and nothing else', () => {
    const df = parse(['ARG BASE=alpine', 'ARG TAG', 'FROM ${BASE}:${TAG:-3.20}', 'USER $BASE']);
    assert.deepEqual(df.errors, []);
    assert.equal(df.stages[0]?.image, 'alpine:3.20');
    assert.deepEqual(df.stages[0]?.imageUnresolved, []);
    const user = body(df)[0]!;
    assert.deepEqual([user.words, user.unresolved], [[], ['BASE']]);
    assert.deepEqual(
      df.globalArgs.map((a) => a.pairs?.[0]?.name),
      ['BASE', 'TAG'],
    );
  });

  it('a stage redeclares a global ARG to use it; build args replace defaults', () => {
    const lines = ['ARG V=1', 'FROM a:$V', 'ARG V', 'USER $V'];
    assert.deepEqual(body(parse(lines))[1]?.words, ['1']);
    const built = parse(lines, { buildArgs: { V: '2' } });
    assert.equal(built.stages[0]?.image, 'a:2');
    assert.deepEqual(body(built)[1]?.words, ['2']);
  });

  it('build args are looked up as own properties only', () => {
    const df = parse(['FROM a:1', 'ARG constructor', 'ARG toString=x', 'USER $constructor$toString'], {
      buildArgs: {},
    });
    assert.deepEqual(body(df)[2]?.words, ['x']);
  });

  it('ENV wins over an ARG of the same name; ENV values see the scope before the instruction', () => {
    const df = parse([
      'FROM a:1',
      'ARG X=arg',
      'ENV X=env',
      'ARG X=again',
      'USER $X',
      'ENV Y=$X X=new Z=$X',
      'WORKDIR /$Y/$Z/$X',
    ]);
    assert.deepEqual(body(df)[3]?.words, ['env']);
    assert.deepEqual(body(df)[5]?.words, ['/env/env/new']);
  });

  it('a stage built on another inherits its ARG and ENV; an unrelated stage does not', () => {
    const df = parse([
      'FROM a:1 AS one',
      'ARG A=1',
      'ENV E=e',
      'FROM one',
      'USER $A:$E',
      'FROM a:1',
      'USER $A:$E',
    ]);
    const users = df.stages.map((s) => s.instructions.find((i) => i.keyword === 'USER'));
    assert.deepEqual(users[1]?.words, ['1:e']);
    assert.deepEqual([users[2]?.words, users[2]?.unresolved], [[':'], ['A', 'E']]);
  });

  it('quotes and escapes: single quotes and \\$ do not expand', () => {
    const df = parse([
      'FROM a:1',
      'ENV V=x',
      `LABEL a='$V' b="$V" c=\\$V d=\${V}y e=\${V:+set} f=\${NOPE:-dflt}`,
    ]);
    assert.deepEqual(
      body(df)[1]?.pairs?.map((p) => p.value),
      ['$V', 'x', '$V', 'xy', 'set', 'dflt'],
    );
  });

  it('RUN, CMD and ENTRYPOINT are left for the shell', () => {
    const df = parse(['FROM a:1', 'ENV V=x', 'RUN echo $V', 'CMD echo ${V}']);
    assert.deepEqual(
      body(df)
        .slice(1)
        .map((i) => i.words),
      [
        ['echo', '$V'],
        ['echo', '${V}'],
      ],
    );
  });

  it('exec-form COPY expands, keeping quotes inside elements', () => {
    const df = parse(['FROM a:1', 'ARG DIR=/srv', 'COPY ["it\'s", "$DIR/"]']);
    assert.deepEqual(body(df)[1]?.words, ["it's", '/srv/']);
  });
});

describe('parseDockerfile: bad input', () => {
  it('reports malformed lines with their line numbers and keeps going', () => {
    const df = parse([
      'RUN too early',
      'FROM',
      'FROM a b',
      'FROM a:1 AS 1bad',
      'FROM a:1 AS x',
      'FROM b:1 AS X',
      'ENV FOO',
      'EXPOSE 80/xyz',
      'RUN',
      'ONBUILD FROM x',
      'WAT now',
      'HEALTHCHECK yes',
      'SHELL /bin/sh -c',
      'COPY onlyone',
      'USER a b',
      'USER ok',
    ]);
    assert.deepEqual(df.errors, [
      { line: 1, message: 'RUN before the first FROM: only ARG may come first' },
      { line: 2, message: 'FROM: requires at least one argument' },
      { line: 3, message: 'FROM: expects "image" or "image AS name", got "a b"' },
      { line: 4, message: 'FROM: invalid stage name "1bad"' },
      { line: 6, message: 'FROM: duplicate stage name "x"' },
      { line: 7, message: 'ENV: "FOO" has no value (expected NAME=VALUE)' },
      { line: 8, message: 'EXPOSE: invalid port "80/xyz"' },
      { line: 9, message: 'RUN: requires at least one argument' },
      { line: 10, message: 'ONBUILD: FROM is not allowed as an ONBUILD trigger' },
      { line: 11, message: 'unknown instruction "WAT"' },
      { line: 12, message: 'HEALTHCHECK: expects CMD <command> or NONE' },
      { line: 13, message: 'SHELL: requires the arguments in JSON form, e.g. SHELL ["/bin/sh", "-c"]' },
      { line: 14, message: 'COPY: requires a source and a destination' },
      { line: 15, message: 'USER: expects one user, got "a b"' },
    ]);
    assert.equal(df.stages.length, 5);
    assert.deepEqual(df.stages.at(-1)?.instructions.at(-1)?.words, ['ok']);
  });

  it('a forgotten backslash shows as an unknown instruction on the next line', () => {
    const df = parse(['FROM debian:12', 'RUN apt-get update &&', '    apt-get install -y curl']);
    assert.deepEqual(df.errors, [{ line: 3, message: 'unknown instruction "apt-get"' }]);
  });

  it('empty text, only comments: no FROM', () => {
    for (const text of ['', '\n\n', '# just a comment\n'])
      assert.deepEqual(parseDockerfile(text).errors, [{ line: 1, message: 'no FROM instruction' }]);
  });

  it('refuses text over the size limit', () => {
    const df = parseDockerfile(`FROM a:1\n${'RUN true\n'.repeat(200)}`, { maxBytes: 1000 });
    assert.deepEqual(df.stages, []);
    assert.match(df.errors[0]?.message ?? '', /^Dockerfile is 1809 bytes, over the 1000-byte limit/);
  });

  it('never throws on junk, and stays fast on pathological lines', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = [
      'FROM ',
      'RUN ',
      'ENV ',
      'ARG ',
      'COPY ',
      '<<',
      '<<-',
      'EOF',
      '"',
      "'",
      '\\',
      '`',
      '$',
      '${',
      '}',
      ':-',
      '[',
      ']',
      '=',
      ' ',
      '\n',
      '#',
      'x',
      '\t',
      '\0',
      '\uFFFD',
      'AS ',
      '--',
      '$(',
      ')',
      '|',
    ];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = rand(80);
      for (let k = 0; k < len; k++) text += pieces[rand(pieces.length)];
      assert.doesNotThrow(() => parseDockerfile(text), JSON.stringify(text));
    }
    const start = performance.now();
    parseDockerfile(`# a=${' '.repeat(200_000)}x\nFROM a:1`);
    parseDockerfile(`FROM a:1\nENV X=${'${A:-'.repeat(50_000)}`);
    parseDockerfile(`FROM a:1\nRUN ${'$('.repeat(50_000)}`);
    parseDockerfile(`FROM a:1\nRUN ${'<<A '.repeat(20_000)}`);
    parseDockerfile(`FROM a:1\nRUN x ${'\\ '.repeat(100_000)}`);
    const many = 'a '.repeat(200_000);
    assert.doesNotThrow(() =>
      checkDockerfile(`FROM a:1\nARG X="${many}"\nUSER $X\nRUN apt-get install -- ${many}`, 'D'),
    );
    assert.ok(performance.now() - start < 5000, 'pathological inputs stay fast');
  });
});
