import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-credential-mount.js';

const ruleTester = new RuleTester();

ruleTester.run('no-credential-mount', rule, {
  valid: [
    // Named volumes and project settings are not the stored login.
    `import { spawn } from 'node:child_process';
spawn('docker', ['run', '--rm', '-v', 'claude-state:/home/node/.claude', '-v', \`\${process.cwd()}/.claude:/workspace/.claude\`, 'sandbox']);`,
    // The API key passed at run time: the green way.
    `import { execFileSync } from 'node:child_process';
execFileSync('docker', ['run', '-e', 'ANTHROPIC_API_KEY', '-v', \`\${process.cwd()}:/work\`, 'agent:latest']);`,
    // Some other tool's config directory.
    `import Docker from 'dockerode';
const docker = new Docker();
await docker.createContainer({ Image: 'gcloud', HostConfig: { Binds: [\`\${os.homedir()}/.config/gcloud:/root/.config/gcloud:ro\`] } });`,
    // Not a container engine, even with the path in its arguments.
    `spawn('rsync', ['-a', \`\${os.homedir()}/.claude/\`, 'backup:/srv/claude/']);`,
    // Usage logs only.
    `new GenericContainer('reporter').withBindMounts([{ source: path.join(os.homedir(), '.claude', 'projects'), target: '/logs', mode: 'ro' }]);`,
    // A caller-supplied directory cannot be judged.
    `export const run = (dir: string) => spawn('docker', ['run', '-v', \`\${dir}:/root/.claude\`, 'img']);`,
  ],
  invalid: [
    {
      code: `import { spawn } from 'node:child_process';
import os from 'node:os';
spawn('docker', ['run', '--rm', '-it', '-v', \`\${os.homedir()}/.claude:/root/.claude\`, 'claude-sandbox']);`,
      errors: [{ messageId: 'containerMountsLogin', line: 3, column: 46 }],
    },
    {
      // A shell command line, the home directory from the environment.
      code: `import { execSync } from 'node:child_process';
execSync(\`docker run -d -p 8080:8080 -v \${process.env.HOME}/.claude/.credentials.json:/home/node/.claude/.credentials.json:ro api\`);`,
      errors: [{ messageId: 'containerMountsLogin', line: 2, column: 10 }],
    },
    {
      // --mount syntax, arguments in a constant.
      code: `const CLAUDE_DIR = path.join(os.homedir(), '.claude');
const args = ['run', '--mount', \`type=bind,source=\${CLAUDE_DIR},target=/home/agent/.claude\`, 'agent'];
await execa('podman', args);`,
      errors: [{ messageId: 'containerMountsLogin', line: 3, column: 23 }],
    },
    {
      // docker cp of the login into a running container.
      code: `spawnSync('docker', ['cp', '~/.claude/.credentials.json', \`\${containerId}:/root/.claude/\`]);`,
      errors: [{ messageId: 'containerMountsLogin', line: 1, column: 28 }],
    },
    {
      // dockerode: HostConfig.Binds and Mounts.
      code: `import Docker from 'dockerode';
const docker = new Docker();
const home = os.homedir();
const container = await docker.createContainer({
  Image: 'worker',
  HostConfig: {
    Binds: [\`\${home}/.claude:/root/.claude:ro\`],
    Mounts: [{ Type: 'bind', Source: '/home/deploy/.claude/.credentials.json', Target: '/root/.claude/.credentials.json' }],
  },
});`,
      errors: [
        { messageId: 'containerMountsLogin', line: 7, column: 13 },
        { messageId: 'containerMountsLogin', line: 8, column: 14 },
      ],
    },
    {
      // testcontainers.
      code: `import { GenericContainer } from 'testcontainers';
const agent = await new GenericContainer('agent:dev')
  .withBindMounts([{ source: \`\${homedir()}/.claude\`, target: '/home/node/.claude', mode: 'ro' }])
  .withCopyFilesToContainer([{ source: join(homedir(), '.claude', '.credentials.json'), target: '/root/.claude/.credentials.json' }])
  .start();`,
      errors: [
        { messageId: 'containerMountsLogin', line: 3, column: 20 },
        { messageId: 'containerMountsLogin', line: 4, column: 30 },
      ],
    },
    {
      // zx / execa tagged template, and Deno.Command.
      code: `await $\`docker run -v \${os.homedir()}/.claude:/root/.claude:ro claude-box\`;
await new Deno.Command('docker', { args: ['run', '-v=' + Deno.env.get('HOME') + '/.claude:/root/.claude', 'img'] }).output();`,
      errors: [
        { messageId: 'containerMountsLogin', line: 1, column: 7 },
        { messageId: 'containerMountsLogin', line: 2, column: 50 },
      ],
    },
  ],
});
