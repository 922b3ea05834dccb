import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  osFromAlpineRelease,
  osFromDebianVersion,
  osFromLsbRelease,
  osFromOsRelease,
  osFromRedhatRelease,
  osFromSystemReleaseCpe,
} from './parse-release-files.ts';

const fixture = (path: string) => readFileSync(new URL(`testdata/${path}`, import.meta.url), 'utf8');

describe('osFromOsRelease', () => {
  it('keeps ID, VERSION_ID, codename, pretty name and ID_LIKE', () => {
    assert.deepEqual(osFromOsRelease(fixture('centos-7/usr/lib/os-release')), {
      id: 'centos',
      versionId: '7',
      prettyName: 'CentOS Linux 7 (Core)',
      idLike: ['rhel', 'fedora'],
    });
  });
  it('marks Google distroless', () => {
    assert.deepEqual(osFromOsRelease(fixture('distroless-debian-10/etc/os-release')), {
      id: 'debian',
      prettyName: 'Distroless',
      distroless: true,
    });
  });
  it('needs an ID (as Trivy: no-id gives nothing)', () => {
    assert.equal(osFromOsRelease(fixture('no-id/etc/os-release')), undefined);
    assert.equal(osFromOsRelease(''), undefined);
  });
  it('takes an os-release without VERSION_ID (Trivy rejects it; an unversioned OS is still worth knowing)', () => {
    assert.deepEqual(osFromOsRelease(fixture('no-version/etc/os-release')), {
      id: 'alpine',
      prettyName: 'Alpine Linux v3.15',
    });
  });
});

describe('fallback release files', () => {
  it('redhat-release (Syft fixtures; the version is taken whole, not only `\\d.\\d+`)', () => {
    assert.deepEqual(osFromRedhatRelease(fixture('almalinux-8.10/etc/redhat-release')), {
      id: 'almalinux',
      versionId: '8.10',
      prettyName: 'AlmaLinux release 8.10 (Cerulean Leopard)',
    });
    assert.equal(osFromRedhatRelease(fixture('rhel-8.10/etc/redhat-release'))?.id, 'rhel');
    assert.equal(osFromRedhatRelease(fixture('rocky-8.10/etc/redhat-release'))?.id, 'rocky');
    // Syft says `scientific linux`; Scientific Linux's own os-release says ID="scientific".
    assert.equal(osFromRedhatRelease(fixture('scientific-7.9/etc/redhat-release'))?.id, 'scientific');
    assert.deepEqual(osFromRedhatRelease(fixture('centos-7/etc/centos-release')), {
      id: 'centos',
      versionId: '7.6.1810',
      prettyName: 'CentOS Linux release 7.6.1810 (Core)',
    });
    assert.equal(osFromRedhatRelease('not a release line'), undefined);
  });
  it('debian_version: point release, testing/unstable, junk', () => {
    assert.deepEqual(osFromDebianVersion(fixture('debian-13.5/etc/debian_version')), {
      id: 'debian',
      versionId: '13.5',
    });
    assert.deepEqual(osFromDebianVersion(fixture('debian-sid/etc/debian_version')), {
      id: 'debian',
      versionCodename: 'buster',
      prettyName: 'Debian GNU/Linux buster/sid',
    });
    assert.deepEqual(osFromDebianVersion(readFileSync('/etc/debian_version', 'utf8')), {
      id: 'debian',
      versionId: readFileSync('/etc/debian_version', 'utf8').trim(),
    });
    assert.equal(osFromDebianVersion(''), undefined);
    assert.equal(osFromDebianVersion('12.4 with trailing words'), undefined);
  });
  it('lsb-release', () => {
    assert.deepEqual(osFromLsbRelease(fixture('ubuntu-22.04-lsb/etc/lsb-release')), {
      id: 'ubuntu',
      versionId: '22.04',
      versionCodename: 'jammy',
      prettyName: 'Ubuntu 22.04.3 LTS',
    });
  });
  it('alpine-release and system-release-cpe (values as in Alpine 3.18 and CentOS 6)', () => {
    assert.deepEqual(osFromAlpineRelease('3.18.4\n'), { id: 'alpine', versionId: '3.18.4' });
    assert.equal(osFromAlpineRelease('garbage here'), undefined);
    assert.deepEqual(osFromSystemReleaseCpe('cpe:/o:centos:linux:6:GA\n'), { id: 'centos', versionId: '6' });
    assert.deepEqual(osFromSystemReleaseCpe('cpe:/o:redhat:enterprise_linux:7.3:GA:server'), {
      id: 'rhel',
      versionId: '7.3',
    });
    assert.equal(osFromSystemReleaseCpe('no cpe'), undefined);
  });
});
