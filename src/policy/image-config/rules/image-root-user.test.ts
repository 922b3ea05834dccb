import { imageRootUser } from './image-root-user.ts';
import { imageRuleCases } from './image-rule-cases.ts';

imageRuleCases(imageRootUser, {
  valid: [
    { name: 'named user', config: { User: 'app' } },
    { name: 'uid with root group', config: { User: '65532:0' } },
    { name: 'Windows default user', config: {}, os: 'windows' },
    { name: 'Windows ContainerUser', config: { User: 'ContainerUser' }, os: 'windows' },
  ],
  invalid: [
    {
      name: 'no User',
      config: { Entrypoint: ['/docker-entrypoint.sh'], Cmd: ['nginx', '-g', 'daemon off;'] },
      errors: [
        {
          messageId: 'noUser',
          path: 'config.User',
          data: { command: '"/docker-entrypoint.sh nginx -g daemon off;"' },
        },
      ],
    },
    {
      name: 'empty User, no command',
      config: { User: '' },
      errors: [{ messageId: 'noUser', path: 'config.User', data: { command: 'its default command' } }],
    },
    {
      name: 'User not a string',
      config: { User: 0 },
      errors: [{ messageId: 'noUser', path: 'config.User' }],
    },
    {
      name: 'root',
      config: { User: 'root' },
      errors: [{ messageId: 'rootUser', path: 'config.User', data: { user: 'root' } }],
    },
    {
      name: '0:0',
      config: { User: '0:0', Cmd: ['sh'] },
      errors: [{ messageId: 'rootUser', path: 'config.User' }],
    },
    {
      name: 'Windows administrator',
      config: { User: 'ContainerAdministrator' },
      os: 'windows',
      errors: [{ messageId: 'rootUser', path: 'config.User' }],
    },
  ],
});
