import { pipeToShell } from './pipe-to-shell.ts';
import { ruleCases } from './rule-cases.ts';

ruleCases(pipeToShell, {
  valid: [
    {
      name: 'download to a file and verify',
      lines: [
        'FROM alpine:3.20',
        'RUN curl -fsSLo i.sh https://x.example/i.sh && sha256sum -c i.sum && sh i.sh',
      ],
    },
    {
      name: 'pipe into tar',
      lines: ['FROM alpine:3.20', 'RUN curl -fsSL https://x.example/a.tgz | tar -xz -C /opt'],
    },
    { name: 'quoted pipe is text', lines: ['FROM alpine:3.20', 'RUN echo "curl x | sh" > /notes.txt'] },
    {
      name: 'a shell, then curl',
      lines: ['FROM alpine:3.20', 'RUN sh -c "echo hi" | curl -d @- https://x.example'],
    },
    {
      name: 'not POSIX shell under a PowerShell SHELL',
      lines: [
        'FROM mcr.microsoft.com/powershell:7.4',
        'SHELL ["pwsh", "-Command"]',
        'RUN curl https://x.example | sh',
      ],
    },
    {
      name: 'separate commands',
      lines: ['FROM alpine:3.20', 'RUN curl -O https://x.example/i.sh; sh ./i.sh'],
    },
  ],
  invalid: [
    {
      name: 'curl | sh',
      lines: ['FROM alpine:3.20', 'RUN curl -fsSL https://get.example.com | sh'],
      errors: [{ messageId: 'pipeToShell', lines: [2, 2], data: { fetcher: 'curl', shell: 'sh' } }],
    },
    {
      name: 'wget | sudo bash over continuation lines',
      lines: [
        'FROM debian:12',
        'RUN apt-get update && \\',
        '    wget -qO- https://x.example/setup | sudo -E bash -',
      ],
      errors: [{ messageId: 'pipeToShell', lines: [2, 3], data: { fetcher: 'wget', shell: 'bash' } }],
    },
    {
      name: 'through tee into python3',
      lines: ['FROM python:3.12', 'RUN curl -sSL https://install.example/py | tee /tmp/i.py | python3 -'],
      errors: [{ messageId: 'pipeToShell', lines: [2, 2], data: { shell: 'python3' } }],
    },
    {
      name: 'sh -c "$(curl …)"',
      lines: ['FROM alpine:3.20', 'RUN sh -c "$(curl -fsSL https://x.example/install.sh)"'],
      errors: [{ messageId: 'executesDownload', lines: [2, 2], data: { fetcher: 'curl', shell: 'sh' } }],
    },
    {
      name: 'bash <(wget …)',
      lines: ['FROM debian:12', 'RUN bash <(wget -qO- https://x.example/i.sh)'],
      errors: [{ messageId: 'executesDownload', lines: [2, 2], data: { fetcher: 'wget', shell: 'bash' } }],
    },
    {
      name: 'inside a RUN heredoc',
      lines: ['FROM alpine:3.20', 'RUN <<EOF', 'set -e', 'curl -fsSL https://x.example | sh', 'EOF'],
      errors: [{ messageId: 'pipeToShell', lines: [2, 5] }],
    },
    {
      name: 'exec form with sh -c',
      lines: ['FROM alpine:3.20', 'RUN ["/bin/sh", "-c", "wget -O- https://x.example | sh"]'],
      errors: [{ messageId: 'pipeToShell', lines: [2, 2] }],
    },
  ],
});
