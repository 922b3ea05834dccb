import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allCommands, parseShell, unwrapCommand } from './shell-commands.ts';

const words = (script: string) => parseShell(script).map((c) => c.words);

describe('parseShell', () => {
  it('splits on && || ; & and newlines, dropping assignments and redirections', () => {
    assert.deepEqual(
      words(
        'A=1 B="x y" apt-get install -y curl >/dev/null 2>&1 && echo ok || exit 1; sleep 1 &\ncat < in > out',
      ),
      [['apt-get', 'install', '-y', 'curl'], ['echo', 'ok'], ['exit', '1'], ['sleep', '1'], ['cat']],
    );
  });

  it('numbers pipelines and positions', () => {
    assert.deepEqual(
      parseShell('curl -s x | tee f | sh && echo done').map((c) => [c.words[0], c.pipeline, c.position]),
      [
        ['curl', 0, 0],
        ['tee', 0, 1],
        ['sh', 0, 2],
        ['echo', 1, 0],
      ],
    );
  });

  it('quotes keep operators as text; comments end at the line', () => {
    assert.deepEqual(words(`echo "a | b && c" 'd; e' # | sh\nls`), [['echo', 'a | b && c', 'd; e'], ['ls']]);
  });

  it('compound commands: the command after if/then/do/{ is what runs', () => {
    assert.deepEqual(words('if [ -f x ]; then rm x; fi; for f in a b; do echo $f; done; { sudo ls; }'), [
      ['[', '-f', 'x', ']'],
      ['rm', 'x'],
      ['for', 'f', 'in', 'a', 'b'],
      ['echo', '$f'],
      ['sudo', 'ls'],
    ]);
  });

  it('command substitutions are parsed as nested commands', () => {
    const [cmd] = parseShell('sh -c "$(curl -fsSL https://x | head -n 5)" `which wget` <(echo hi)');
    assert.deepEqual(
      cmd?.substitutions.map((c) => c.words[0]),
      ['curl', 'head', 'which', 'echo'],
    );
    assert.equal(cmd?.words[2], '$(curl -fsSL https://x | head -n 5)');
    assert.deepEqual(
      allCommands(parseShell('a $(b $(c))')).map((c) => c.words[0]),
      ['a', 'b', 'c'],
    );
  });

  it('arithmetic is not a command', () => {
    assert.deepEqual(parseShell('echo $((1 + 2))')[0]?.substitutions, []);
  });

  it('here-documents: the delimiter is recorded and the body skipped', () => {
    const cmds = parseShell(
      'cat <<EOF > /etc/x\nsudo is text here\nEOF\nbash <<-"END"\n\techo hi\n\tEND\nls',
    );
    assert.deepEqual(
      cmds.map((c) => [c.words, c.heredocs]),
      [
        [['cat'], ['EOF']],
        [['bash'], ['END']],
        [['ls'], []],
      ],
    );
  });

  it('backslash-newline continues a line', () => {
    assert.deepEqual(words('apt-get install \\\n  curl'), [['apt-get', 'install', 'curl']]);
  });

  it('never throws on unbalanced input', () => {
    for (const s of ['"', "'", '$(', '`', '$((', '<(', '(((', ')))', '\\', '<<', '|||', '${'])
      assert.doesNotThrow(() => parseShell(s), s);
  });
});

describe('unwrapCommand', () => {
  for (const [input, want] of [
    ['sudo -E -u root apt-get install x', 'apt-get install x'],
    ['env -i A=1 B=2 pip install y', 'pip install y'],
    ['sudo env DEBIAN_FRONTEND=noninteractive apt-get -y upgrade', 'apt-get -y upgrade'],
    ['nice -n 10 timeout 60 make', 'make'],
    ['exec "$@"', '$@'],
    ['apt-get install z', 'apt-get install z'],
  ] as const)
    it(`${input} → ${want}`, () =>
      assert.deepEqual(unwrapCommand(parseShell(input)[0]!.words).join(' '), want));
});
