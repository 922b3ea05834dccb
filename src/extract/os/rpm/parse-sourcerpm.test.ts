import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSourceRpm } from './parse-sourcerpm.ts';

test('parseSourceRpm splits name, version and release', () => {
  const cases: [string, ReturnType<typeof parseSourceRpm>][] = [
    ['bash-5.1.8-6.el9.src.rpm', { name: 'bash', version: '5.1.8', release: '6.el9' }],
    // Names with dashes and digits: only the last two dashes separate.
    [
      'python3-gobject-3.28.3-1.el8.src.rpm',
      { name: 'python3-gobject', version: '3.28.3', release: '1.el8' },
    ],
    ['libstemmer-0-10.585svn.el8.src.rpm', { name: 'libstemmer', version: '0', release: '10.585svn.el8' }],
    [
      'nodejs-10.21.0-3.module_el8.2.0+391+8da3adc6.src.rpm',
      { name: 'nodejs', version: '10.21.0', release: '3.module_el8.2.0+391+8da3adc6' },
    ],
    ['glibc-2.12-1.212.el6.nosrc.rpm', { name: 'glibc', version: '2.12', release: '1.212.el6' }],
    ['sourcerpm', undefined],
    ['(none)', undefined],
    ['bash-5.1.8.src.rpm', undefined],
    ['bash-5.1.8-6.el9.x86_64.rpm', undefined],
    ['', undefined],
  ];
  for (const [input, want] of cases) assert.deepEqual(parseSourceRpm(input), want, input);
});
