import { addRemoteUrl } from './add-remote-url.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(addRemoteUrl, {
  valid: [
    { name: 'local file', lines: ['FROM alpine:3.20', 'ADD app.tar.gz /opt/'] },
    { name: 'COPY of a URL-like name is not ADD', lines: ['FROM alpine:3.20', 'COPY http.conf /etc/'] },
    {
      name: 'URL with a checksum',
      lines: ['FROM alpine:3.20', `ADD --checksum=sha256:${'c'.repeat(64)} https://example.com/a.tgz /a.tgz`],
    },
    { name: 'URL as the destination only', lines: ['FROM alpine:3.20', 'ADD a.txt /srv/http://x/'] },
  ],
  invalid: [
    {
      name: 'https URL',
      lines: ['FROM alpine:3.20', 'ADD https://example.com/tool.tgz /opt/'],
      errors: [{ messageId: 'remoteUrl', lines: [2, 2], data: { source: 'https://example.com/tool.tgz' } }],
    },
    {
      name: 'exec form, two sources',
      lines: ['FROM alpine:3.20', 'ADD ["http://a.example/x", "local.txt", "ftp://b.example/y", "/dst/"]'],
      errors: [
        { messageId: 'remoteUrl', lines: [2, 2], data: { source: 'http://a.example/x' } },
        { messageId: 'remoteUrl', lines: [2, 2], data: { source: 'ftp://b.example/y' } },
      ],
    },
    {
      name: 'URL from an ARG',
      lines: ['FROM alpine:3.20', 'ARG URL=https://example.com/x.tgz', 'ADD --chown=app $URL /opt/'],
      errors: [{ messageId: 'remoteUrl', lines: [3, 3], data: { source: 'https://example.com/x.tgz' } }],
    },
    {
      name: 'Git repository',
      lines: ['FROM alpine:3.20', 'ADD https://github.com/moby/buildkit.git#v0.16.0 /src'],
      errors: [{ messageId: 'gitRepository', lines: [2, 2] }],
    },
    {
      name: 'Git over SSH',
      lines: ['FROM alpine:3.20', 'ADD git@github.com:moby/buildkit.git /src'],
      errors: [{ messageId: 'gitRepository', lines: [2, 2] }],
    },
  ],
});
