import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OsInfo } from '../../core/os-info.ts';
import { ecosystemFromPurl } from './ecosystem-from-purl.ts';

const os = (id: string, versionId?: string, idLike?: string[]): OsInfo => ({
  id,
  ...(versionId ? { versionId } : {}),
  ...(idLike ? { idLike } : {}),
  source: 'test',
});

describe('ecosystemFromPurl', () => {
  const cases: [purl: string, sbomOs: OsInfo | undefined, expected: string | undefined][] = [
    // OS packages: the distro qualifier as Syft and Bulwark write it (<os-release id>-<version>)
    [
      'pkg:deb/debian/libc6@2.36-9+deb12u7?arch=amd64&distro=debian-12.4&upstream=glibc',
      undefined,
      'Debian:12',
    ],
    ['pkg:deb/debian/base-files@12.4+deb12u11?arch=amd64&distro=debian-12', undefined, 'Debian:12'],
    ['pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04', undefined, 'Ubuntu:22.04'],
    ['pkg:apk/alpine/busybox@1.36.1-r5?arch=x86_64&distro=alpine-3.18.4', undefined, 'Alpine:v3.18'],
    ['pkg:rpm/almalinux/bash@5.1.8-9.el9?arch=x86_64&distro=almalinux-9.3', undefined, 'AlmaLinux:9'],
    ['pkg:rpm/rocky/openssl@3.0.7-25.el9_3?distro=rocky-9.3', undefined, 'Rocky Linux:9'],
    ['pkg:rpm/redhat/runc@1.1.11-1.el9?epoch=4&distro=rhel-9.3', undefined, 'Red Hat'],
    ['pkg:rpm/opensuse/zlib@1.2.13-150500.4.3.1?distro=opensuse-leap-15.5', undefined, 'openSUSE:Leap 15.5'],
    [
      'pkg:rpm/sles/glibc@2.31-150300.63.1?distro=sles-15.5',
      undefined,
      'SUSE:Linux Enterprise Server 15 SP5',
    ],
    // Trivy: family names, and only the version for apk
    ['pkg:rpm/alma/bash@5.1.8-9.el9?arch=x86_64&distro=alma-9.3', undefined, 'AlmaLinux:9'],
    ['pkg:rpm/redhat/bash@5.1.8-9.el9?distro=redhat-9.3', undefined, 'Red Hat'],
    ['pkg:rpm/opensuse.leap/zlib@1.2.13?distro=opensuse.leap-15.5', undefined, 'openSUSE:Leap 15.5'],
    ['pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=3.18.4', undefined, 'Alpine:v3.18'],
    ['pkg:apk/wolfi/glibc@2.39-r1?arch=x86_64&distro=wolfi-20230201', undefined, 'Wolfi'],
    // No distro qualifier: the SBOM's operating system, when it is the namespace's distribution
    ['pkg:deb/debian/libc6@2.36-9?arch=amd64', os('debian', '12.4'), 'Debian:12'],
    ['pkg:rpm/almalinux/bash@5.1.8-9.el9', os('almalinux', '9.3'), 'AlmaLinux:9'],
    ['pkg:rpm/redhat/bash@5.1.8-9.el9', os('rhel', '9.3'), 'Red Hat'],
    ['pkg:rpm/centos/bash@5.1.8-9.el9', os('almalinux', '9.3', ['rhel', 'centos', 'fedora']), 'AlmaLinux:9'],
    ['pkg:apk/alpine/musl@1.2.4-r2', os('alpine', '3.19.1'), 'Alpine:v3.19'],
    ['pkg:rpm/bash@5.1.8-9.el9', os('almalinux', '9.3'), 'AlmaLinux:9'],
    ['pkg:deb/debian/libc6@2.36-9?distro=bookworm', os('debian', '12'), 'Debian:12'],
    // …but not another distribution's, and not a release-less Debian
    ['pkg:deb/debian/libc6@2.36-9', os('alpine', '3.18.4'), undefined],
    ['pkg:deb/debian/libc6@2.36-9', undefined, undefined],
    ['pkg:apk/alpine/musl@1.2.4-r2', undefined, undefined],
    ['pkg:rpm/redhat/bash@5.1.8-9.el9', undefined, 'Red Hat'],
    ['pkg:apk/wolfi/glibc@2.39-r1', undefined, 'Wolfi'],
    ['pkg:rpm/centos/bash@4.2.46-35.el7_9?distro=centos-7', undefined, undefined],
    // Language ecosystems, by purl type (a distro qualifier there means nothing)
    ['pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2', undefined, 'Maven'],
    ['pkg:npm/%40babel/core@7.24.0', undefined, 'npm'],
    ['pkg:npm/lodash@4.17.21', os('debian', '12'), 'npm'],
    ['pkg:pypi/requests@2.31.0', undefined, 'PyPI'],
    ['pkg:golang/github.com/BurntSushi/toml@v1.3.2', undefined, 'Go'],
    ['pkg:golang/stdlib@1.21.6', undefined, 'Go'],
    ['pkg:cargo/serde@1.0.197', undefined, 'crates.io'],
    ['pkg:gem/rack@3.0.9.1', undefined, 'RubyGems'],
    ['pkg:composer/symfony/http-foundation@v6.4.4', undefined, 'Packagist'],
    ['pkg:nuget/Newtonsoft.Json@13.0.3', undefined, 'NuGet'],
    ['pkg:pub/http@1.2.0', undefined, 'Pub'],
    ['pkg:hex/phoenix@1.7.11', undefined, 'Hex'],
    ['pkg:bitnami/redis@7.4.1-0?arch=arm64&distro=debian-12', undefined, 'Bitnami'],
    // Unknown: no ecosystem
    ['pkg:generic/openssl@3.0.7', os('debian', '12'), undefined],
    ['pkg:oci/debian@sha256%3Aabc', undefined, undefined],
    ['pkg:alpm/arch/pacman@6.0.2-9?distro=arch', undefined, undefined],
    ['not a purl', os('debian', '12'), undefined],
    ['', undefined, undefined],
  ];
  for (const [purl, sbomOs, expected] of cases) {
    const label = sbomOs ? ` with OS ${sbomOs.id} ${sbomOs.versionId ?? ''}` : '';
    it(`${purl || '(empty)'}${label} → ${expected ?? 'none'}`, () => {
      assert.equal(ecosystemFromPurl(purl, sbomOs), expected);
    });
  }
});
