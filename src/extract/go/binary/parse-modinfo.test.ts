import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { goQuotedPrefix, parseModInfo } from './parse-modinfo.ts';

// Lines from real binaries: Docker CLI 28.2.2 (quoted -ldflags) and terraform 1.11.4.
const DOCKER = [
  'path\tgithub.com/docker/cli/cmd/docker',
  'build\t-buildmode=pie',
  'build\t-ldflags=" -X \\"github.com/docker/cli/cli/version.GitCommit=e6534b4\\" -X \\"github.com/docker/cli/cli/version.Version=28.2.2\\" -extldflags -static"',
  'build\tGOOS=linux',
].join('\n');
const TERRAFORM = [
  'path\tgithub.com/hashicorp/terraform',
  'mod\tgithub.com/hashicorp/terraform\t(devel)\t',
  'dep\tgithub.com/hashicorp/hcl/v2\tv2.23.0\th1:Fphj1/gCylPxHutVSEOf2fBOh1VE4AuLV7+kbJf3qos=',
  'dep\tgithub.com/hashicorp/terraform/internal/backend/remote-state/azure\tv0.0.0-00010101000000-000000000000\t',
  '=>\t./internal/backend/remote-state/azure\t(devel)\t',
  '',
].join('\n');

describe('parseModInfo', () => {
  it('unquotes Go-quoted build settings', () => {
    const m = parseModInfo(DOCKER);
    assert.equal(m.path, 'github.com/docker/cli/cmd/docker');
    assert.deepEqual(m.settings[1], {
      key: '-ldflags',
      value:
        ' -X "github.com/docker/cli/cli/version.GitCommit=e6534b4" -X "github.com/docker/cli/cli/version.Version=28.2.2" -extldflags -static',
    });
    assert.deepEqual(m.problems, []);
  });
  it('reads mod, dep and => lines', () => {
    const m = parseModInfo(TERRAFORM);
    assert.deepEqual(m.main, { path: 'github.com/hashicorp/terraform', version: '(devel)' });
    assert.equal(m.deps[0]!.sum, 'h1:Fphj1/gCylPxHutVSEOf2fBOh1VE4AuLV7+kbJf3qos=');
    assert.deepEqual(m.deps[1]!.replace, {
      path: './internal/backend/remote-state/azure',
      version: '(devel)',
    });
  });
  it('keeps going past bad lines', () => {
    const m = parseModInfo('bogus\tline\nmod\nbuild\tnoequals\n=>\tx\tv1\ndep\ta\tv1.0.0');
    assert.equal(m.deps.length, 1);
    assert.equal(m.problems.length, 4);
  });
});

describe('goQuotedPrefix', () => {
  it('decodes escapes', () =>
    assert.equal(goQuotedPrefix('"a\\tb\\x41\\u00e9\\"c" rest')?.value, 'a\tbAé"c'));
  it('rejects an unterminated string', () => assert.equal(goQuotedPrefix('"abc'), undefined));
});
