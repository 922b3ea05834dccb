import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWithin, normaliseHostPath, runtimeSocketExposed } from './host-paths.ts';

describe('normaliseHostPath', () => {
  const cases: readonly [string, string | undefined][] = [
    ['/', '/'],
    ['//', '/'],
    ['/var/run/', '/var/run'],
    ['/var//run/./docker.sock', '/var/run/docker.sock'],
    ['/etc/..', '/'],
    ['/../etc', '/etc'],
    ['etc', undefined],
    ['', undefined],
  ];
  for (const [input, want] of cases)
    it(`${JSON.stringify(input)} → ${want}`, () => assert.equal(normaliseHostPath(input), want));
});

describe('isWithin', () => {
  it('matches whole segments only', () => {
    assert.equal(isWithin('/etc/kubernetes', '/etc'), true);
    assert.equal(isWithin('/etc', '/etc'), true);
    assert.equal(isWithin('/etcetera', '/etc'), false);
    assert.equal(isWithin('/anything', '/'), true);
  });
});

describe('runtimeSocketExposed', () => {
  it('names the socket or directory', () => {
    assert.deepEqual(runtimeSocketExposed('/var/run/docker.sock'), {
      socket: '/var/run/docker.sock',
      contains: false,
    });
    assert.deepEqual(runtimeSocketExposed('/run/containerd/io'), {
      socket: '/run/containerd',
      contains: false,
    });
    assert.deepEqual(runtimeSocketExposed('/run'), { socket: '/run/docker.sock', contains: true });
    assert.equal(runtimeSocketExposed('/var'), undefined);
    assert.equal(runtimeSocketExposed('/'), undefined);
    assert.equal(runtimeSocketExposed('/var/run/secrets'), undefined);
  });
});
