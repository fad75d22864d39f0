import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-credential-store-read.js';

const ruleTester = new RuleTester();

ruleTester.run('no-credential-store-read', rule, {
  valid: [
    // Reading Claude Code's usage logs is not a credential read.
    `import { homedir } from 'node:os';
import path from 'node:path';
import { glob } from 'glob';
const logs = await glob(path.join(homedir(), '.claude', 'projects', '**', '*.jsonl'));`,
    // Some other tool's credentials file.
    `import fs from 'node:fs';
const creds = JSON.parse(fs.readFileSync(path.join(os.homedir(), '.aws', 'credentials'), 'utf8'));`,
    `const gcloud = path.join(homedir(), '.config', 'gcloud', '.credentials.json');`,
    // The Claude config directory itself, settings and commands: not the login.
    `const settings = path.join(process.env.CLAUDE_CONFIG_DIR ?? path.join(os.homedir(), '.claude'), 'settings.json');`,
    // Our own keychain item, in a file that only mentions Claude Code in prose.
    `// Stores the token next to Claude Code's settings, in our own keychain item.
import { execSync } from 'node:child_process';
const token = execSync('security find-generic-password -s my-cli -w', { encoding: 'utf8' });`,
    // A keychain item of our own app.
    `import keytar from 'keytar';
const token = await keytar.getPassword('my-cli', os.userInfo().username);`,
    // A path passed in by the caller cannot be judged here.
    `export function load(dir: string) { return fs.readFileSync(path.join(dir, 'config.json'), 'utf8'); }`,
    // Other keys that merely look similar.
    `const oauth = config.claudeOauthClientId;`,
  ],
  invalid: [
    {
      code: `import os from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
const raw = readFileSync(path.join(os.homedir(), '.claude', '.credentials.json'), 'utf8');`,
      errors: [{ messageId: 'credentialsFile', line: 4, column: 26, endColumn: 81 }],
    },
    {
      code: 'const file = `${process.env.HOME}/.claude/.credentials.json`;',
      errors: [{ messageId: 'credentialsFile', line: 1, column: 14 }],
    },
    {
      code: `const home = process.env.HOME || '/root';
const CREDS = home + '/.claude/.credentials.json';`,
      errors: [{ messageId: 'credentialsFile', line: 2, column: 15 }],
    },
    {
      // CLAUDE_CONFIG_DIR moves the directory; a constant declared elsewhere in the file.
      code: `import { promises as fsp } from 'fs';
import { join } from 'path';
import { homedir } from 'os';

export async function loadToken() {
  const raw = await fsp.readFile(join(CONFIG_DIR, '.credentials.json'), 'utf8');
  return JSON.parse(raw);
}
const CONFIG_DIR = process.env.CLAUDE_CONFIG_DIR ?? join(homedir(), '.claude');`,
      errors: [{ messageId: 'credentialsFile', line: 6, column: 34 }],
    },
    {
      // readFileSync destructured from require('fs'), the directory in a constant.
      code: `const { readFileSync } = require('fs');
const os = require('os');
const CLAUDE_DIR = require('path').join(os.homedir(), '.claude');
const creds = JSON.parse(readFileSync(\`\${CLAUDE_DIR}/.credentials.json\`, 'utf8'));`,
      errors: [{ messageId: 'credentialsFile', line: 4, column: 39 }],
    },
    {
      // Windows path, written out.
      code: String.raw`const p = 'C:\\Users\\dev\\.claude\\.credentials.json';`,
      errors: [{ messageId: 'credentialsFile', line: 1, column: 11 }],
    },
    {
      // A local function that returns the path.
      code: `function credentialsPath() {
  return path.resolve(os.homedir(), '.claude/.credentials.json');
}
const data = await readFile(credentialsPath());`,
      errors: [{ messageId: 'credentialsFile', line: 2, column: 10 }],
    },
    {
      // fs/promises imported under another name, the file name split in two.
      code: `import * as files from 'node:fs/promises';
const name = '.credentials' + '.json';
await files.readFile(path.join(homedir(), '.claude', name));`,
      errors: [{ messageId: 'credentialsFile', line: 3, column: 22 }],
    },
    {
      // JSON parsed and then .claudeAiOauth read; and destructured.
      code: `const { accessToken } = JSON.parse(raw).claudeAiOauth;
const { claudeAiOauth: oauth } = JSON.parse(raw);
const t = creds?.['claudeAiOauth']?.refreshToken;`,
      errors: [
        { messageId: 'storedLoginKey', line: 1, column: 41 },
        { messageId: 'storedLoginKey', line: 2, column: 9 },
        { messageId: 'storedLoginKey', line: 3, column: 19 },
      ],
    },
    {
      // The keychain through execSync, the service name in a variable.
      code: `import { execSync } from 'node:child_process';
const SERVICE = 'Claude Code-credentials';
const json = execSync(\`security find-generic-password -s "\${SERVICE}" -w\`, { encoding: 'utf8' });`,
      errors: [{ messageId: 'keychain', line: 3, column: 14 }],
    },
    {
      // execFile with the service name split over the argument vector.
      code: `const cp = require('child_process');
const args = ['find-generic-password', '-s', 'Claude Code' + '-credentials', '-w'];
cp.execFile('/usr/bin/security', args, (err, stdout) => done(stdout));`,
      errors: [{ messageId: 'keychain', line: 3, column: 1 }],
    },
    {
      code: `import { spawn } from 'child_process';
const service = ['Claude Code', 'credentials'].join('-');
const child = spawn('security', ['find-generic-password', '-s', service, '-a', user, '-w']);`,
      errors: [{ messageId: 'keychain', line: 3, column: 15 }],
    },
    {
      // A file about the stored login that reads keychain items by a service name it is given, and lists them all.
      code: `import { spawn, execSync } from 'node:child_process';
function readItem(service: string, account: string): string {
  return execSync(\`security find-generic-password -s "\${service}" -a "\${account}" -w\`, { encoding: 'utf8' });
}
const run = (args: string[]) => spawn('security', args);
export const listAll = () => run(['dump-keychain']);
export const accessTokenOf = (json: string) => JSON.parse(json).claudeAiOauth.accessToken;`,
      errors: [
        { messageId: 'keychain', line: 3, column: 10 },
        { messageId: 'keychain', line: 6, column: 30 },
        { messageId: 'storedLoginKey', line: 7, column: 65 },
      ],
    },
    {
      code: `import keytar from 'keytar';
const secret = await keytar.getPassword('Claude Code-credentials', os.userInfo().username);`,
      errors: [{ messageId: 'keychain', line: 2, column: 22 }],
    },
    {
      code: `import { Entry } from '@napi-rs/keyring';
const entry = new Entry('Claude Code-credentials', process.env.USER);
const json = entry.getPassword();`,
      errors: [{ messageId: 'keychain', line: 2, column: 15 }],
    },
    {
      code: "const out = await $`security find-generic-password -s ${'Claude Code-credentials'} -w`;",
      errors: [{ messageId: 'keychain', line: 1, column: 19 }],
    },
  ],
});
