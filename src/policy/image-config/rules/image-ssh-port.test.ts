import { imageRuleCases } from './image-rule-cases.ts';
import { imageSshPort } from './image-ssh-port.ts';

imageRuleCases(imageSshPort, {
  valid: [
    { name: 'web ports', config: { ExposedPorts: { '80/tcp': {}, '443/tcp': {} } } },
    { name: 'none', config: {} },
    { name: 'malformed', config: { ExposedPorts: ['22/tcp'] } },
  ],
  invalid: [
    {
      name: '22/tcp',
      config: { ExposedPorts: { '8080/tcp': {}, '22/tcp': {} } },
      errors: [{ messageId: 'sshPort', path: 'config.ExposedPorts["22/tcp"]', data: { port: '22/tcp' } }],
    },
  ],
});
