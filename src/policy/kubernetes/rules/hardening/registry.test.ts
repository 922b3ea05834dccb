import { readdirSync, readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { HARDENING_RULES } from '../../hardening-rules.ts';
import { checkRegistry } from './rule-cases.ts';

const here = (p: string) => new URL(p, import.meta.url);

describe('HARDENING_RULES', () => {
  checkRegistry(HARDENING_RULES, {
    idPattern: /^BW-K8S-1\d\d$/,
    profile: 'best-practice',
    registrySource: readFileSync(here('../../hardening-rules.ts'), 'utf8'),
    testSources: readdirSync(here('.'))
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => readFileSync(here(f), 'utf8')),
  });
});
