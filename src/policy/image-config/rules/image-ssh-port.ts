import { exposesPort22 } from '../../dockerfile/rules/ssh-port.ts';
import type { ImageConfigRule } from '../image-config-rule.ts';

type MessageId = 'sshPort';

/** BW-IMG-003: the image does not expose SSH. */
export const imageSshPort: ImageConfigRule<MessageId> = {
  id: 'BW-IMG-003',
  severity: 'MEDIUM',
  title: 'Port 22 (SSH) exposed',
  description:
    'An image that exposes port 22 ships or expects an SSH server: another way in, with its own ' +
    'credentials to manage.',
  remediation: 'Rebuild without the SSH server and its EXPOSE; use `kubectl exec` or `docker exec` instead.',
  references: ['https://docs.docker.com/reference/dockerfile/#expose', 'DS004'],
  messages: { sshPort: 'the image config exposes port {port}' },
  *check(c) {
    for (const port of c.exposedPorts)
      if (exposesPort22(port))
        yield { messageId: 'sshPort', path: `config.ExposedPorts["${port}"]`, data: { port } };
  },
};
