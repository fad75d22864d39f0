import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-agent-sdk-subscription-auth.js';

const ruleTester = new RuleTester();

ruleTester.run('no-agent-sdk-subscription-auth', rule, {
  valid: [
    // Help text that tells a person how to set the variable is not code that sets it.
    `import { spawn } from 'node:child_process';
console.log('Set CLAUDE_CODE_OAUTH_TOKEN=<your token> first (run claude setup-token).');
spawn('claude', ['-p', 'hello'], { stdio: 'inherit' });`,
    // A module name from the environment is not known: no guess.
    `const { query } = require(process.env.AGENT_MODULE);
const messages = query({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: session.token } } });`,
    // query() with the default environment in a personal script.
    `import { query } from '@anthropic-ai/claude-agent-sdk';
for await (const message of query({ prompt: 'Summarise CHANGELOG.md', options: { cwd: process.cwd() } })) {
  if (message.type === 'result') console.log(message.result);
}`,
    // claude -p run by a personal script.
    `import { execFileSync } from 'node:child_process';
execFileSync('claude', ['-p', 'Write release notes for the last tag'], { stdio: 'inherit' });`,
    // The Anthropic SDK with an API key.
    `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });`,
    // authToken belongs to other providers too.
    `import { createClient } from '@libsql/client';
export const db = createClient({ url: process.env.TURSO_URL, authToken: process.env.TURSO_AUTH_TOKEN });`,
    `import OpenAI from 'openai';
const oauthToken = await getAzureToken();
const client = new OpenAI({ apiKey: oauthToken, baseURL: 'https://example.openai.azure.com/openai/v1' });`,
    // A gateway token for the Anthropic SDK is not a subscription credential.
    `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ authToken: process.env.GATEWAY_TOKEN, baseURL: 'https://llm-gateway.internal' });`,
    // Workload identity federation sends the OAuth beta with API-billed tokens.
    `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ authToken: federatedToken, defaultHeaders: { 'anthropic-beta': 'oauth-2025-04-20,oidc-federation-2025-10-01' } });`,
    // The CLI asked for its version, not a prompt.
    `import { execa } from 'execa';
const { stdout } = await execa('claude', ['--version']);`,
    // A test that removes the key to check that the Anthropic SDK refuses to start.
    `import Anthropic from '@anthropic-ai/sdk';
beforeEach(() => {
  delete process.env.ANTHROPIC_API_KEY;
});
it('requires an API key', () => {
  expect(() => new Anthropic()).toThrow();
});`,
    // The Agent SDK given an API key explicitly.
    `import { query } from '@anthropic-ai/claude-agent-sdk';
export function review(prompt: string, apiKey: string) {
  return query({ prompt, options: { env: { ...process.env, ANTHROPIC_API_KEY: apiKey } } });
}`,
    // Removing another variable in a loop.
    `import { spawn } from 'node:child_process';
const env = { ...process.env };
for (const key of ['ANTHROPIC_BASE_URL', 'HTTP_PROXY']) delete env[key];
spawn('claude', ['-p', 'hello'], { env });`,
    // A gateway through ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN.
    `const { spawn } = require('child_process');
spawn('claude', ['-p', question], {
  env: { ...process.env, ANTHROPIC_BASE_URL: 'http://localhost:4000', ANTHROPIC_AUTH_TOKEN: process.env.LITELLM_MASTER_KEY },
});`,
    // Storing the token as a GitHub secret runs gh, not claude.
    `import { execFileSync } from 'node:child_process';
execFileSync('gh', ['secret', 'set', 'CLAUDE_CODE_OAUTH_TOKEN', '--body', token]);`,
    // Turning subscription tokens away is the right pattern.
    `import Anthropic from '@anthropic-ai/sdk';
export function clientFor(key: string) {
  if (key.startsWith('sk-ant-oat')) throw new Error('Subscription tokens are not accepted: use an API key');
  return new Anthropic({ apiKey: key });
}`,
    // A function of another module that happens to be called query.
    `import { query } from './db.js';
await query({ sql: 'select 1', options: { env: { CLAUDE_CODE_OAUTH_TOKEN: 'unused' } } });`,
  ],
  invalid: [
    {
      // A chosen account's token put into the env of the shell that runs claude, and as a prefix of the typed command line.
      code: `import * as pty from 'node-pty';
export function start(oauthToken?: string) {
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color' };
  if (oauthToken) env.CLAUDE_CODE_OAUTH_TOKEN = oauthToken;
  const term = pty.spawn('bash', [], { env });
  const prefix = oauthToken ? \`CLAUDE_CODE_OAUTH_TOKEN="\${oauthToken}" \` : '';
  term.write(\`\${prefix}claude -p "Summarise the build log"\\r\`);
}`,
      errors: [
        { messageId: 'subscriptionEnv', line: 4, column: 19, data: { callee: '\`claude -p\` (typed into a terminal)', source: 'CLAUDE_CODE_OAUTH_TOKEN' } },
        { messageId: 'subscriptionEnv', line: 6, column: 31 },
      ],
    },
    {
      // Client options built by a helper for a client made elsewhere: a refreshed subscription token sent with the OAuth beta.
      code: `function stealthHeaders() {
  return { 'anthropic-beta': 'claude-code-20250219,oauth-2025-04-20', 'x-app': 'cli' };
}
export async function anthropicClientOptions(stored) {
  const refreshed = await refreshAccessToken(stored.refreshToken);
  return {
    authToken: refreshed.accessToken,
    defaultHeaders: stealthHeaders(),
  };
}`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 7, column: 5, data: { callee: 'Anthropic client options', source: 'a bearer token sent with the oauth-2025-04-20 beta' } }],
    },
    {
      // A usage monitor: the stored login's token sent to the OAuth usage endpoint, URL and beta in class fields.
      code: `import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
export class QuotaService {
  private readonly USAGE_URL = 'https://api.anthropic.com/api/oauth/usage';
  private readonly BETA = 'oauth-2025-04-20';
  private readToken(): string {
    const raw = fs.readFileSync(path.join(os.homedir(), '.claude', '.credentials.json'), 'utf8');
    return JSON.parse(raw).claudeAiOauth.accessToken;
  }
  async fetchQuota() {
    const token = this.readToken();
    return fetch(this.USAGE_URL, { headers: { Authorization: \`Bearer \${token}\`, 'anthropic-beta': this.BETA } });
  }
}`,
      errors: [{ messageId: 'subscriptionBearer', line: 13, column: 47, data: { callee: 'Claude’s OAuth usage/profile endpoint', source: 'the stored Claude Code login' } }],
    },
    {
      // require with an alias, the token read from the stored login.
      code: `const { query: runAgent } = require('@anthropic-ai/claude-agent-sdk');
const fs = require('fs');
const os = require('os');
const creds = JSON.parse(fs.readFileSync(\`\${os.homedir()}/.claude/.credentials.json\`, 'utf8'));
async function main() {
  const stream = runAgent({
    prompt: 'Triage the open issues',
    options: { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: creds.claudeAiOauth.accessToken } },
  });
}`,
      errors: [{ messageId: 'subscriptionEnv', line: 8, column: 39, data: { callee: 'the Agent SDK’s `query()`', source: 'CLAUDE_CODE_OAUTH_TOKEN set from the stored Claude Code login' } }],
    },
    {
      // A namespace import of the old package, the environment in a constant.
      code: `import * as agent from '@anthropic-ai/claude-code';
export async function run(prompt: string, token: string) {
  const env = { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: token };
  return agent.query({ prompt, options: { env, maxTurns: 3 } });
}`,
      errors: [{ messageId: 'subscriptionEnv', line: 3, column: 33 }],
    },
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ authToken: process.env.CLAUDE_CODE_OAUTH_TOKEN });`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 2, column: 35, data: { source: 'CLAUDE_CODE_OAUTH_TOKEN' } }],
    },
    {
      code: `import Anthropic from '@anthropic-ai/sdk';
const { ANTHROPIC_AUTH_TOKEN } = process.env;
export const claude = new Anthropic({ authToken: ANTHROPIC_AUTH_TOKEN });`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 3, column: 39, data: { source: 'ANTHROPIC_AUTH_TOKEN' } }],
    },
    {
      // The keychain item, read through a local function; the class imported under another name.
      code: `import { Anthropic as Client } from '@anthropic-ai/sdk';
import { execSync } from 'node:child_process';
function keychainToken() {
  const raw = execSync('security find-generic-password -s "Claude Code-credentials" -w').toString();
  return JSON.parse(raw).claudeAiOauth.accessToken;
}
const client = new Client({ authToken: keychainToken() });`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 7, column: 29 }],
    },
    {
      code: `const Anthropic = require('@anthropic-ai/sdk');
const client = new Anthropic({
  authToken: 'sk-ant-oat01-REPLACE_WITH_YOUR_TOKEN',
});`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 3, column: 3, data: { source: 'an sk-ant-oat token literal' } }],
    },
    {
      // Whatever the token's name, the OAuth beta header says it is a subscription token.
      code: `import Anthropic from '@anthropic-ai/sdk';
const BETA = 'oauth-2025-04-20';
export function clientFor(token: string) {
  return new Anthropic({ authToken: token, defaultHeaders: { 'anthropic-beta': BETA } });
}`,
      errors: [{ messageId: 'authTokenFromOAuth', line: 4, column: 26, data: { source: 'a bearer token sent with the oauth-2025-04-20 beta' } }],
    },
    {
      // An absolute path to the CLI, --print, an explicit environment.
      code: `import { spawn } from 'node:child_process';
export function ask(prompt: string, token: string) {
  return spawn('/usr/local/bin/claude', ['--print', prompt], {
    env: { PATH: process.env.PATH, CLAUDE_CODE_OAUTH_TOKEN: token },
  });
}`,
      errors: [{ messageId: 'subscriptionEnv', line: 4, column: 36, data: { callee: '`claude -p` (a child process)', source: 'CLAUDE_CODE_OAUTH_TOKEN' } }],
    },
    {
      // Through a login shell, the token set on the command line.
      code: `import { execSync } from 'child_process';
const out = execSync(\`bash -lc "CLAUDE_CODE_OAUTH_TOKEN=\${token} claude -p '\${question}'"\`);`,
      errors: [{ messageId: 'subscriptionEnv', line: 2, column: 22 }],
    },
    {
      // execa's $ with options.
      code: `import { $ } from 'execa';
const { stdout } = await $({ env: { CLAUDE_CODE_OAUTH_TOKEN: token } })\`claude -p \${prompt}\`;`,
      errors: [{ messageId: 'subscriptionEnv', line: 2, column: 37 }],
    },
    {
      code: `const proc = Bun.spawn(['claude', '-p', prompt], { env: { ...Bun.env, CLAUDE_CODE_OAUTH_TOKEN: token } });`,
      errors: [{ messageId: 'subscriptionEnv', line: 1, column: 71 }],
    },
    {
      code: `import { query } from '@anthropic-ai/claude-agent-sdk';
delete process.env.ANTHROPIC_API_KEY;
for await (const message of query({ prompt: 'Fix the failing test' })) console.log(message);`,
      errors: [{ messageId: 'apiKeyRemoved', line: 2, column: 1, data: { callee: 'the Agent SDK’s `query()`' } }],
    },
    {
      code: `import { spawn } from 'node:child_process';
const { ANTHROPIC_API_KEY, ...env } = process.env;
spawn('claude', ['-p', prompt], { env, stdio: 'inherit' });`,
      errors: [{ messageId: 'apiKeyRemoved', line: 2, column: 9 }],
    },
    {
      code: `import { execa } from 'execa';
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (key.startsWith('ANTHROPIC_')) delete env[key];
}
await execa('claude', ['-p', prompt], { env });`,
      errors: [{ messageId: 'apiKeyRemoved', line: 4, column: 37 }],
    },
    {
      code: `import { query } from '@anthropic-ai/claude-agent-sdk';
const stream = query({ prompt, options: { env: { ...process.env, ANTHROPIC_API_KEY: '' } } });`,
      errors: [{ messageId: 'apiKeyRemoved', line: 2, column: 66 }],
    },
    {
      code: `import { query } from '@anthropic-ai/claude-agent-sdk';
const options = { env: { ...process.env, ANTHROPIC_API_KEY: undefined }, allowedTools: ['Read'] };
const stream = query({ prompt, options });`,
      errors: [{ messageId: 'apiKeyRemoved', line: 2, column: 42 }],
    },
    {
      code: `import { query } from '@anthropic-ai/claude-agent-sdk';
import { loadLogin } from './login.js';
process.env.CLAUDE_CODE_OAUTH_TOKEN = await loadLogin();
const stream = query({ prompt: 'hello' });`,
      errors: [{ messageId: 'subscriptionEnv', line: 3, column: 1 }],
    },
    {
      code: `import { spawnSync } from 'node:child_process';
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'ANTHROPIC_API_KEY'));
spawnSync('claude', ['-p', 'summarise'], { env });`,
      errors: [{ messageId: 'apiKeyRemoved', line: 2, column: 32 }],
    },
    {
      code: `import { exec } from 'node:child_process';
import { promisify } from 'node:util';
const sh = promisify(exec);
await sh('env -u ANTHROPIC_API_KEY claude -p "summarise the diff"');`,
      errors: [{ messageId: 'apiKeyRemoved', line: 4, column: 10 }],
    },
    {
      code: `const { query } = await import('@anthropic-ai/claude-agent-sdk');
const messages = query({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: session.token } } });`,
      errors: [{ messageId: 'subscriptionEnv', line: 2, column: 52 }],
    },
    {
      // The module name built from strings, then required by variable (issue #17: require(variable)).
      code: `const sdkModule = '@anthropic-ai/' + 'claude-agent-sdk';
const { query } = require(sdkModule);
const messages = query({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: session.token } } });`,
      errors: [{ messageId: 'subscriptionEnv', line: 3, column: 52 }],
    },
    {
      // A dynamic import of a template and of a concatenation.
      code: `const scope = '@anthropic-ai';
const sdk = await import(\`\${scope}/claude-agent-sdk\`);
const { query: ask } = await import('@anthropic-ai/' + 'claude-agent-sdk');
export const first = sdk.query({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: session.token } } });
export const second = ask({ prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: session.token } } });`,
      errors: [
        { messageId: 'subscriptionEnv', line: 4, column: 60 },
        { messageId: 'subscriptionEnv', line: 5, column: 55 },
      ],
    },
    {
      // npx runs the same CLI.
      code: `import { execFile } from 'node:child_process';
execFile('npx', ['-y', '@anthropic-ai/claude-code', '-p', prompt], { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: token } }, done);`,
      errors: [{ messageId: 'subscriptionEnv', line: 2, column: 93 }],
    },
      {
      // The program from the environment with claude as the fallback; a class field that names claude.
      code: `import { spawn } from 'node:child_process';
const child = spawn(process.env.CLAUDE_PATH || 'claude', ['-p', prompt], { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: token } });
class Runner {
  constructor(private claudeExecutable: string) {}
  run(args: string[], token: string) {
    return spawn(this.claudeExecutable, args, { env: { CLAUDE_CODE_OAUTH_TOKEN: token } });
  }
}`,
      errors: [
        { messageId: 'subscriptionEnv', line: 2, column: 99 },
        { messageId: 'subscriptionEnv', line: 6, column: 56 },
      ],
    },
  ],
});
