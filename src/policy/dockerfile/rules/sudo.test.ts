import { ruleCases } from './rule-cases.ts';
import { sudo } from './sudo.ts';

ruleCases(sudo, {
  valid: [
    {
      name: 'installing sudo is another matter',
      lines: ['FROM debian:12', 'RUN apt-get install -y sudo=1.9.13p3-1'],
    },
    { name: 'sudo as an argument', lines: ['FROM debian:12', 'RUN echo sudo && grep sudo /etc/group'] },
    {
      name: 'sudoers file',
      lines: ['FROM debian:12', 'RUN echo "app ALL=(ALL) NOPASSWD: ALL" > /etc/sudoers.d/app'],
    },
  ],
  invalid: [
    {
      name: 'sudo apt-get',
      lines: ['FROM debian:12', 'USER app', 'RUN sudo apt-get update'],
      errors: [{ messageId: 'sudo', lines: [3, 3], data: { program: 'sudo' } }],
    },
    {
      name: 'after &&, over continuation lines',
      lines: ['FROM debian:12', 'RUN set -e && \\', '    sudo -u app make install'],
      errors: [{ messageId: 'sudo', lines: [2, 3] }],
    },
    {
      name: 'behind env, in exec form',
      lines: ['FROM debian:12', 'RUN ["env", "A=1", "sudo", "true"]'],
      errors: [{ messageId: 'sudo', lines: [2, 2] }],
    },
    {
      name: 'doas in a heredoc',
      lines: ['FROM alpine:3.20', 'RUN <<EOT', '#!/bin/sh -e', 'doas apk update', 'EOT'],
      errors: [{ messageId: 'sudo', lines: [2, 5], data: { program: 'doas' } }],
    },
  ],
});
