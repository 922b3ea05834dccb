import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { syftCases, syftFixture } from '../../../test-support/syft-expected.ts';
import { parseDpkgStatus, parseSource } from './parse-dpkg-status.ts';

interface SyftDpkgEntry {
  Package: string;
  Version?: string;
  Source?: string;
  Architecture?: string;
  Maintainer?: string;
  Depends?: string[];
  PreDepends?: string[];
  Provides?: string[];
  Files?: { Path: string; IsConfigFile?: boolean }[];
}

describe('parseDpkgStatus against Syft Test_parseDpkgStatus', () => {
  for (const c of syftCases('debian', 'Test_parseDpkgStatus')) {
    const fixture = c.case.fixturePath as string;
    if (fixture.includes('/opkg/')) continue; // opkg is not dpkg: out of scope here
    it(`${c.case.name} (${fixture})`, () => {
      const text = readFileSync(syftFixture('debian', fixture), 'utf8');
      const { records } = parseDpkgStatus(text);
      const want = c.expected as SyftDpkgEntry[];
      assert.deepEqual(
        records.map((r) => ({
          Package: r.name,
          Version: r.version,
          Source: r.declaredSource?.name,
          Architecture: r.arch,
          Maintainer: r.maintainer,
          // Syft splits on ", " and keeps each clause verbatim.
          Depends: r.depends?.split(/,\s*/),
          PreDepends: r.preDepends?.split(/,\s*/),
          Provides: r.provides?.split(/,\s*/),
          conffiles: r.conffiles,
        })),
        want.map((w) => ({
          Package: w.Package,
          Version: w.Version ?? '',
          Source: w.Source,
          Architecture: w.Architecture,
          Maintainer: w.Maintainer,
          Depends: w.Depends,
          PreDepends: w.PreDepends,
          Provides: w.Provides,
          // Files here come from the Conffiles field only (no info/ files in a bare parse).
          conffiles: (w.Files ?? []).filter((f) => f.IsConfigFile).map((f) => f.Path.slice(1)),
        })),
      );
    });
  }

  it('multiple: the empty `Package:` stanza is a warning; the versionless one is kept and reported', () => {
    const { records, warnings } = parseDpkgStatus(
      readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/multiple'), 'utf8'),
    );
    assert.deepEqual(
      records.map((r) => r.name),
      ['no-version', 'tzdata', 'util-linux'],
    );
    assert.deepEqual(warnings, [
      'stanza at line 1 skipped: it has no Package field',
      'package no-version (line 3) has no Version',
    ]);
  });

  it('corrupt: misspelt fields and junk lines → warnings, nothing invented', () => {
    const { records, warnings } = parseDpkgStatus(
      readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/corrupt'), 'utf8'),
    );
    assert.deepEqual(records, []);
    assert.deepEqual(warnings, [
      "stanza at line 1 skipped: line 5: expected 'Field: value', found 'Insterface to the configuration settings'",
    ]);
  });

  it('status states: deinstall ok config-files is gone; unpacked and triggers-pending files are on disk', () => {
    const deinstall = readFileSync(syftFixture('debian', 'testdata/var/lib/dpkg/status.d/deinstall'), 'utf8');
    assert.deepEqual(
      parseDpkgStatus(deinstall).records.map((r) => r.name),
      ['linux-image-6.14.0-1012-aws'],
    );
    const real = readFileSync('/var/lib/dpkg/status', 'utf8');
    const states = new Set(parseDpkgStatus(real).records.map((r) => r.status?.split(' ')[2]));
    assert.ok(states.has('installed'));
  });

  // Syft's TestSourceVersionExtract.
  it('parseSource', () => {
    assert.deepEqual(parseSource('test (1.2.3)'), ['test', '1.2.3']);
    assert.deepEqual(parseSource('test'), ['test', '']);
    assert.deepEqual(parseSource(''), ['', '']);
    assert.deepEqual(parseSource('glibc (2.36-9+deb12u4)'), ['glibc', '2.36-9+deb12u4']);
  });
});
