import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageNameKey } from './name-key.ts';

describe('packageNameKey', () => {
  it('normalises PyPI names as PEP 503 does', () => {
    assert.equal(packageNameKey('PyPI', 'Zope.Interface'), 'zope-interface');
    assert.equal(packageNameKey('PyPI', 'foo__bar-.baz'), 'foo-bar-baz');
  });
  it('keeps Go module paths as they are', () => {
    assert.equal(packageNameKey('Go', 'github.com/Sirupsen/logrus'), 'github.com/Sirupsen/logrus');
  });
  it('lowercases other ecosystems, ignoring the release', () => {
    assert.equal(packageNameKey('Maven', 'org.Apache:Log4j'), 'org.apache:log4j');
    assert.equal(packageNameKey('Debian:8', 'Linux'), 'linux');
  });
});
