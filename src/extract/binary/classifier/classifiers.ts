import type { ClassifierSpec } from './classifier-spec.ts';

const V3 = String.raw`\d{1,4}\.\d{1,4}\.\d{1,4}`;
/** Python: `[NUL]3.11.2[NUL]` in both the interpreter and libpython, led by the file name's x.y. */
const PYTHON_VERSION = {
  regex: /\x00(?<version>{{version}}[-._a-zA-Z0-9]{0,20})\x00/,
  anchors: ['\x00{{version}}'],
};
/** A CPE 2.3 template for `vendor:product`. */
const cpe = (vendorProduct: string) => [`cpe:2.3:a:${vendorProduct}:*:*:*:*:*:*:*:*`];

/**
 * The classifier table (data, in the spirit of Syft's binary cataloger). Where Syft has the
 * classifier, names, purls and CPEs follow it, and its test snippets are our tests. The Go
 * programs (runc, containerd, docker, kubelet, kube-apiserver) are not classified by Syft, whose
 * Go cataloger covers them; here they get the Go module purl go/binary would give
 * (pkg:golang/github.com/opencontainers/runc@v1.1.5), so the two reports can be merged, and they
 * still get a version when the build info has none (Debian builds without module info).
 */
export const CLASSIFIERS: readonly ClassifierSpec[] = [
  {
    class: 'python-binary',
    fileNames: ['python*'],
    evidence: {
      kind: 'file-name-version',
      fileNameVersion: /^python(?<version>\d+(?:\.\d+)+)$/,
      patterns: [PYTHON_VERSION],
    },
    package: 'python',
    purl: 'pkg:generic/python@{{version}}',
    cpes: [
      'cpe:2.3:a:python_software_foundation:python:*:*:*:*:*:*:*:*',
      'cpe:2.3:a:python:python:*:*:*:*:*:*:*:*',
    ],
  },
  {
    class: 'python-binary-lib',
    fileNames: ['libpython*.so*'],
    evidence: {
      kind: 'file-name-version',
      fileNameVersion: /^libpython(?<version>\d+(?:\.\d+)+)[a-z]?\.so/,
      patterns: [PYTHON_VERSION],
    },
    package: 'python',
    purl: 'pkg:generic/python@{{version}}',
    cpes: [
      'cpe:2.3:a:python_software_foundation:python:*:*:*:*:*:*:*:*',
      'cpe:2.3:a:python:python:*:*:*:*:*:*:*:*',
    ],
  },
  {
    class: 'redis-binary',
    // Debian installs redis-server as a symlink to redis-check-rdb (one binary, three names).
    fileNames: ['redis-server', 'redis-check-rdb', 'redis-check-aof'],
    evidence: {
      kind: 'content',
      patterns: [
        // "7.0.14buildkitsandbox-1702957741000000000" (official images, ~v7)
        {
          regex: new RegExp(String.raw`[^\d](?<version>${V3})buildkitsandbox-\d`),
          anchors: ['buildkitsandbox-'],
        },
        // "4.0.11841ce7054bd9-1542359302000000000" (~v3–v6: version, 12-hex build host, time)
        { regex: /[^\d.](?<version>\d{1,2}\.\d{1,2}\.\d{1,3})[0-9a-f]{12}-\d{10}/ },
        // "Server started, Redis version 2.8.23" (~v2)
        { regex: new RegExp(`Redis version (?<version>${V3})`), anchors: ['Redis version '] },
        // Debian: "[NUL]7.0.15[NUL]c11-builtin" (the version string beside the malloc name)
        {
          regex: new RegExp(String.raw`\x00(?<version>${V3})\x00(?:c11-builtin|libc|jemalloc|tcmalloc)`),
          anchors: ['\x00c11-builtin', '\x00jemalloc', '\x00libc\x00'],
        },
      ],
    },
    package: 'redis',
    purl: 'pkg:generic/redis@{{version}}',
    cpes: ['cpe:2.3:a:redislabs:redis:*:*:*:*:*:*:*:*', 'cpe:2.3:a:redis:redis:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'nodejs-binary',
    fileNames: ['node'],
    evidence: {
      kind: 'content',
      patterns: [
        // node.js/v22.9.0 (the inspector's user agent). Tried first, unlike Syft: the old-release
        // anchors below are frequent in modern binaries and cost a second in a 100 MiB node.
        { regex: new RegExp(String.raw`node\.js/v(?<version>${V3})`), anchors: ['node.js/v'] },
        // [NUL]node v0.10.48[NUL], [NUL]v0.12.18[NUL], [NUL]v4.9.1[NUL] (old releases)
        {
          regex: /\x00(?:node )?v(?<version>[0456]\.\d{1,3}\.\d{1,3})\x00/,
          anchors: ['\x00node v', '\x00v0.', '\x00v4.', '\x00v5.', '\x00v6.'],
        },
      ],
    },
    package: 'node',
    purl: 'pkg:generic/node@{{version}}',
    cpes: ['cpe:2.3:a:nodejs:node.js:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'busybox-binary',
    fileNames: ['busybox'],
    evidence: {
      kind: 'content',
      patterns: [{ regex: new RegExp(String.raw`BusyBox\s{1,4}v(?<version>${V3})`), anchors: ['BusyBox'] }],
    },
    package: 'busybox',
    purl: 'pkg:generic/busybox@{{version}}',
    cpes: ['cpe:2.3:a:busybox:busybox:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'nginx-binary',
    fileNames: ['nginx'],
    evidence: {
      kind: 'content',
      patterns: [
        // [NUL]nginx version: nginx/1.25.1; openresty/1.21.4.1 reports the nginx part 1.21.4
        {
          regex: new RegExp(
            String.raw`(?:\x00|\?)nginx version: [^/\x00]{1,40}/(?<version>${V3}(?:\+\d{1,6})?(?:-\d{1,6})?)`,
          ),
          anchors: ['nginx version: '],
        },
      ],
    },
    package: 'nginx',
    purl: 'pkg:generic/nginx@{{version}}',
    cpes: ['cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*', 'cpe:2.3:a:nginx:nginx:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'openssl-binary-aws-lc',
    group: 'openssl',
    fileNames: ['openssl'],
    evidence: {
      kind: 'content',
      // [NUL]OpenSSL 1.1.1 (compatible; AWS-LC 1.69.0)[NUL]
      patterns: [{ regex: new RegExp(String.raw`AWS-LC (?<version>${V3})\)\x00`), anchors: ['AWS-LC '] }],
    },
    package: 'aws-lc',
    purl: 'pkg:generic/aws-lc@{{version}}',
    cpes: ['cpe:2.3:a:amazon:aws_libcrypto:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'openssl-binary',
    group: 'openssl',
    // Syft reads the openssl program only; libcrypto carries the same string (libssl does not).
    fileNames: ['openssl', 'libcrypto.so*', 'libcrypto-*.so*'],
    evidence: {
      kind: 'content',
      patterns: [
        // [NUL]OpenSSL 3.1.4 24 Oct 2023, [NUL]OpenSSL 1.1.1w  11 Sep 2023
        {
          regex: new RegExp(
            String.raw`\x00OpenSSL (?<version>${V3}(?:[a-z]{1,3}|-alpha\d|-beta\d|-rc\d)?)[ \x00]`,
          ),
          anchors: ['\x00OpenSSL '],
        },
      ],
    },
    package: 'openssl',
    purl: 'pkg:generic/openssl@{{version}}',
    cpes: ['cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*'],
  },
  {
    class: 'runc-binary',
    fileNames: ['runc'],
    evidence: { kind: 'go-program' },
    package: 'github.com/opencontainers/runc',
    purl: 'pkg:golang/github.com/opencontainers/runc@{{version}}',
    cpes: cpe('linuxfoundation:runc'),
  },
  {
    class: 'containerd-binary',
    fileNames: ['containerd', 'containerd-shim', 'containerd-shim-runc-v*', 'ctr'],
    evidence: { kind: 'go-program' },
    package: 'github.com/containerd/containerd',
    purl: 'pkg:golang/github.com/containerd/containerd@{{version}}',
    cpes: cpe('linuxfoundation:containerd'),
  },
  {
    class: 'dockerd-binary',
    fileNames: ['dockerd'],
    evidence: { kind: 'go-program' },
    package: 'github.com/docker/docker',
    purl: 'pkg:golang/github.com/docker/docker@{{version}}',
    cpes: cpe('docker:docker'),
  },
  {
    class: 'docker-cli-binary',
    fileNames: ['docker'],
    evidence: { kind: 'go-program' },
    package: 'github.com/docker/cli',
    purl: 'pkg:golang/github.com/docker/cli@{{version}}',
    cpes: cpe('docker:docker'),
  },
  {
    class: 'kubelet-binary',
    fileNames: ['kubelet'],
    evidence: { kind: 'go-program' },
    package: 'k8s.io/kubernetes',
    purl: 'pkg:golang/k8s.io/kubernetes@{{version}}',
    cpes: cpe('kubernetes:kubernetes'),
  },
  {
    class: 'kube-apiserver-binary',
    fileNames: ['kube-apiserver'],
    evidence: { kind: 'go-program' },
    package: 'k8s.io/kubernetes',
    purl: 'pkg:golang/k8s.io/kubernetes@{{version}}',
    cpes: cpe('kubernetes:kubernetes'),
  },
];
