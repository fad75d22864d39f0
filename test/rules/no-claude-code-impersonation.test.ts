import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-claude-code-impersonation.js';

const ruleTester = new RuleTester();

ruleTester.run('no-claude-code-impersonation', rule, {
  valid: [
    // Another provider's OAuth: GitHub's client id and token endpoint, Google's authorize endpoint.
    `const GITHUB_CLIENT_ID = process.env.GITHUB_CLIENT_ID ?? 'Iv1.8a61f9b3a7aba766';
const res = await fetch('https://github.com/login/oauth/access_token', {
  method: 'POST',
  headers: { Accept: 'application/json' },
  body: new URLSearchParams({ client_id: GITHUB_CLIENT_ID, code, redirect_uri: 'http://localhost:8976/callback' }),
});`,
    `const authorize = new URL('https://accounts.google.com/o/oauth2/v2/auth');
authorize.searchParams.set('client_id', '1234567890-abc.apps.googleusercontent.com');
const token = await fetch('https://oauth2.googleapis.com/token', { method: 'POST', body });`,
    // Another provider's endpoints with the very same path.
    `const TOKEN_URL = 'https://auth.example.com/v1/oauth/token';
const AUTHORIZE_URL = \`\${process.env.IDP_URL}/oauth/authorize\`;`,
    // A route of our own server named /v1/oauth/token, also behind a prefix named after Claude.
    `import express from 'express';
const app = express();
app.post('/v1/oauth/token', async (req, res) => {
  res.json(await issueToken(req.body));
});
app.get('/oauth/authorize', renderConsent);`,
    // A path segment named claude does not make the unknown host Anthropic's.
    'await fetch(`${baseUrl}/claude/v1/oauth/token`);',
    `const CLAUDE_PROXY_PREFIX = process.env.PREFIX;
router.post(\`\${CLAUDE_PROXY_PREFIX}/v1/oauth/token\`, (req, res) => res.json(issue(req)));`,
    // Our own server's token endpoint, called with its own base URL.
    `const api = axios.create({ baseURL: 'https://api.acme.dev' });
await api.post('/v1/oauth/token', { grant_type: 'client_credentials' });
await fetch(\`\${baseUrl}/v1/oauth/token\`, { method: 'POST' });
await fetch(new URL('/v1/oauth/token', import.meta.url));`,
    // Workload identity federation, as the Anthropic SDK does it: the API host's token endpoint and
    // the OAuth beta together with the federation beta.
    `const GRANT_TYPE_JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const OAUTH_API_BETA_HEADER = 'oauth-2025-04-20';
const FEDERATION_BETA_HEADER = 'oidc-federation-2026-04-01';
export async function exchange(config: { baseURL: string }, assertion: string) {
  const res = await fetch(\`\${config.baseURL}/v1/oauth/token\`, {
    method: 'POST',
    headers: { 'anthropic-beta': \`\${OAUTH_API_BETA_HEADER},\${FEDERATION_BETA_HEADER}\` },
    body: JSON.stringify({ grant_type: GRANT_TYPE_JWT_BEARER, assertion }),
  });
  return res.json();
}`,
    `import { GoogleAuth } from 'google-auth-library';
const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const tokenUrl = \`\${process.env.ANTHROPIC_BASE_URL ?? 'https://api.anthropic.com'}/v1/oauth/token\`;
const direct = 'https://api.anthropic.com/v1/oauth/token';
const beta = 'oauth-2025-04-20,oidc-federation-2026-04-01';`,
    // The Anthropic SDK used as intended, with an API key and an ordinary beta.
    `import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const msg = await anthropic.beta.messages.create({
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  betas: ['interleaved-thinking-2025-05-14'],
  system: 'You are a helpful assistant for the Acme docs site.',
  messages: [{ role: 'user', content: question }],
});`,
    // Generic x-app headers with other values, and x-app: cli far from Anthropic.
    `await fetch('https://api.anthropic.com/v1/messages', {
  headers: { 'x-api-key': process.env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01', 'x-app': 'docs-bot' },
});`,
    `const headers = new Headers();
headers.set('X-App', 'web');
headers.set('x-app-version', 'cli');`,
    `export const client = got.extend({ headers: { 'x-app': 'cli', 'user-agent': \`acme-cli/\${version}\` } });`,
    // Other CLIs' user agents, and our own CLI whose name merely contains claude.
    `const ua = { 'User-Agent': \`gh-cli/\${pkg.version}\` };
const agent = 'claude-code-router/1.0.2';
const other = 'my-claude-cli-wrapper/0.3.0';`,
    // Claude Code named in prose and logs; Claude Code itself run as a child process.
    `console.log('Claude Code is not installed; run npm i -g @anthropic-ai/claude-code');
logger.info(\`Started Claude Code session \${id}\`);
const hint = 'You are running inside Claude Code, so hooks apply.';`,
    // A system prompt of our own that mentions Claude Code.
    `const system = 'You are a reviewer. Claude Code wrote this patch; check it for bugs.';`,
    // A proxy that inspects incoming beta values only compares them.
    `if (req.headers['anthropic-beta']?.includes('oauth-2025-04-20')) return res.status(400).end();
const isOauth = beta === 'oauth-2025-04-20';
switch (beta) {
  case 'claude-code-20250219':
    break;
}`,
    // Types carry no value.
    `type KnownBeta = 'oauth-2025-04-20' | 'files-api-2025-04-14';`,
    // The MCP connector callback of claude.ai is not an OAuth endpoint of Claude Code.
    `const redirectUris = ['https://claude.ai/api/mcp/auth_callback'];`,
    // Reading the client id from configuration is not writing it.
    `const clientId = process.env.OAUTH_CLIENT_ID;
const decoded = Buffer.from(process.env.CLIENT_ID_B64 ?? '', 'base64').toString();`,
  ],
  invalid: [
    {
      // The client id written out, as a constant.
      code: `const CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';`,
      errors: [{ messageId: 'clientId', line: 1, column: 19 }],
    },
    {
      // As a config default and as an object property value.
      code: `export const config = {
  clientId: process.env.CLIENT_ID ?? '9d1c250a-e61b-44d9-88ed-5944d1962f5e',
  oauth: { client_id: "9d1c250a-e61b-44d9-88ed-5944d1962f5e", scope: 'user:inference' },
};`,
      errors: [
        { messageId: 'clientId', line: 2, column: 38 },
        { messageId: 'clientId', line: 3, column: 23 },
      ],
    },
    {
      // Base64-encoded and decoded at start-up with Buffer: reported at the encoded literal, once.
      code: `const ENCODED_CLIENT = 'OWQxYzI1MGEtZTYxYi00NGQ5LTg4ZWQtNTk0NGQxOTYyZjVl';
const CLIENT_ID = Buffer.from(ENCODED_CLIENT, 'base64').toString('utf8');`,
      errors: [{ messageId: 'clientId', line: 1, column: 24 }],
    },
    {
      // …with atob, inline.
      code: `const clientId = atob('OWQxYzI1MGEtZTYxYi00NGQ5LTg4ZWQtNTk0NGQxOTYyZjVl');`,
      errors: [{ messageId: 'clientId', line: 1, column: 23 }],
    },
    {
      // …split in two before decoding: reported where the parts are joined.
      code: `const id = Buffer.from('OWQxYzI1MGEtZTYx' + 'Yi00NGQ5LTg4ZWQtNTk0NGQxOTYyZjVl', 'base64').toString();`,
      errors: [{ messageId: 'clientId', line: 1, column: 24 }],
    },
    {
      // Split into groups and joined: reported at the join.
      code: `const id = ['9d1c250a', 'e61b', '44d9', '88ed', '5944d1962f5e'].join('-');`,
      errors: [{ messageId: 'clientId', line: 1, column: 12 }],
    },
    {
      // The token endpoint, both hosts, in a fetch.
      code: `const res = await fetch('https://console.anthropic.com/v1/oauth/token', {
  method: 'POST',
  body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID }),
});
const NEW_TOKEN_URL = "https://platform.claude.com/v1/oauth/token";`,
      errors: [
        { messageId: 'oauthEndpoint', line: 1, column: 25, data: { url: 'https://console.anthropic.com/v1/oauth/token' } },
        { messageId: 'oauthEndpoint', line: 5, column: 23 },
      ],
    },
    {
      // The authorize endpoint with the client id in its query: one finding per marker.
      code: "const url = `https://claude.ai/oauth/authorize?code=true&client_id=9d1c250a-e61b-44d9-88ed-5944d1962f5e&state=${state}`;",
      errors: [
        { messageId: 'oauthEndpoint', line: 1, column: 13 },
        { messageId: 'clientId', line: 1, column: 13 },
      ],
    },
    {
      // Host constant and path: new URL(path, base), and the URL's href.
      code: `const ANTHROPIC_CONSOLE = 'https://console.anthropic.com';
const tokenUrl = new URL('/v1/oauth/token', ANTHROPIC_CONSOLE);
const authorize = new URL('oauth/authorize', 'https://claude.ai/').href;`,
      errors: [
        { messageId: 'oauthEndpoint', line: 2, column: 18 },
        { messageId: 'oauthEndpoint', line: 3, column: 19 },
      ],
    },
    {
      // Host constant and path in a template and a concatenation.
      code: `const BASE = 'https://platform.claude.com';
await fetch(\`\${BASE}/v1/oauth/token\`, { method: 'POST', body });
const authorizeUrl = 'https://' + (useConsole ? 'console.anthropic.com' : 'claude.ai') + '/oauth/authorize';`,
      errors: [
        { messageId: 'oauthEndpoint', line: 2, column: 13 },
        { messageId: 'oauthEndpoint', line: 3, column: 22 },
      ],
    },
    {
      // A host imported from elsewhere, named after Anthropic; a host from ANTHROPIC_* env.
      code: `import { ANTHROPIC_CONSOLE_URL } from './constants.js';
const tokenEndpoint = \`\${ANTHROPIC_CONSOLE_URL}/v1/oauth/token\`;
const refreshUrl = process.env.ANTHROPIC_OAUTH_BASE + '/v1/oauth/token';`,
      errors: [
        { messageId: 'oauthEndpoint', line: 2, column: 23, data: { url: 'ANTHROPIC_CONSOLE_URL/v1/oauth/token' } },
        { messageId: 'oauthEndpoint', line: 3, column: 20, data: { url: '$ANTHROPIC_OAUTH_BASE/v1/oauth/token' } },
      ],
    },
    {
      // The token endpoint on the API host, with a refresh grant (not federation); the redirect URI
      // registered for Claude Code's client.
      code: `const REFRESH_URL = 'https://api.anthropic.com/v1/oauth/token';
const refreshUrl = \`\${process.env.ANTHROPIC_BASE_URL}/v1/oauth/token\`;
const body = { grant_type: 'refresh_token', refresh_token, redirect_uri: 'https://platform.claude.com/oauth/code/callback' };`,
      errors: [
        { messageId: 'oauthEndpoint', line: 1, column: 21, data: { url: 'https://api.anthropic.com/v1/oauth/token' } },
        { messageId: 'oauthEndpoint', line: 2, column: 20, data: { url: '$ANTHROPIC_BASE_URL/v1/oauth/token' } },
        { messageId: 'oauthEndpoint', line: 3, column: 74, data: { url: 'https://platform.claude.com/oauth/code/callback' } },
      ],
    },
    {
      // A client created with an Anthropic base URL, then a relative request; node:https options.
      code: `const oauth = axios.create({ baseURL: 'https://console.anthropic.com' });
const { data } = await oauth.post('/v1/oauth/token', form);
const req = https.request({ hostname: 'platform.claude.com', path: '/v1/oauth/token', method: 'POST' });`,
      errors: [
        { messageId: 'oauthEndpoint', line: 2, column: 35 },
        { messageId: 'oauthEndpoint', line: 3, column: 68 },
      ],
    },
    {
      // The OAuth beta value in a header, and the Claude Code beta from a constant.
      code: `const CLAUDE_CODE_BETA = 'claude-code-20250219';
const client = new Anthropic({
  authToken: token,
  defaultHeaders: { 'anthropic-beta': 'oauth-2025-04-20', 'x-beta': CLAUDE_CODE_BETA },
});`,
      errors: [
        { messageId: 'betaHeader', line: 1, column: 26, data: { value: 'claude-code-20250219', meaning: 'sent by Claude Code itself' } },
        { messageId: 'betaHeader', line: 4, column: 39, data: { value: 'oauth-2025-04-20', meaning: 'authenticated with a Claude subscription’s OAuth token' } },
      ],
    },
    {
      // Both betas inside one comma-separated list; a list assembled from constants.
      code: `headers['anthropic-beta'] = 'oauth-2025-04-20,claude-code-20250219,interleaved-thinking-2025-05-14';
const OAUTH_BETA = 'oauth-2025-04-20';
const betas = [OAUTH_BETA, 'fine-grained-tool-streaming-2025-05-14'].join(',');
const header = \`\${OAUTH_BETA},\${'claude-code-' + '20250219'}\`;`,
      errors: [
        { messageId: 'betaHeader', line: 1, column: 29, data: { value: 'oauth-2025-04-20', meaning: 'authenticated with a Claude subscription’s OAuth token' } },
        { messageId: 'betaHeader', line: 1, column: 29, data: { value: 'claude-code-20250219', meaning: 'sent by Claude Code itself' } },
        { messageId: 'betaHeader', line: 2, column: 20 },
        { messageId: 'betaHeader', line: 4, column: 33 },
      ],
    },
    {
      // The SDK's betas parameter.
      code: `await client.beta.messages.create({ model, max_tokens: 512, betas: ['oauth-2025-04-20'], messages });`,
      errors: [{ messageId: 'betaHeader', line: 1, column: 69 }],
    },
    {
      // x-app: cli and a claude-cli user agent, as literal headers.
      code: `const res = await fetch('https://api.anthropic.com/v1/messages', {
  headers: {
    Authorization: \`Bearer \${accessToken}\`,
    'x-app': 'cli',
    'User-Agent': 'claude-cli/1.0.83 (external, cli)',
  },
});`,
      errors: [
        { messageId: 'cliHeader', line: 4, column: 14, data: { header: 'x-app: cli' } },
        { messageId: 'cliHeader', line: 5, column: 19, data: { header: 'User-Agent: claude-cli/1.0.83' } },
      ],
    },
    {
      // The same headers set one by one, the version from package.json, the value from a constant.
      code: `import Anthropic from '@anthropic-ai/sdk';
const APP = 'cli';
const headers = new Headers();
headers.set('x-app', APP);
headers.set('user-agent', \`claude-cli/\${pkg.version} (external, sdk-cli)\`);
req.headers['X-App'] = 'cli';
const pairs = new Headers([['x-app', 'cli']]);`,
      errors: [
        { messageId: 'cliHeader', line: 4, column: 22 },
        { messageId: 'cliHeader', line: 5, column: 27, data: { header: 'User-Agent: claude-cli/*' } },
        { messageId: 'cliHeader', line: 6, column: 24 },
        { messageId: 'cliHeader', line: 7, column: 38 },
      ],
    },
    {
      // A curl command line with Claude Code's headers.
      code: "await $`curl https://api.anthropic.com/v1/messages -H 'x-app: cli' -H \"anthropic-beta: ${'oauth-2025-04-20'}\"`;",
      errors: [
        { messageId: 'cliHeader', line: 1, column: 8 },
        { messageId: 'betaHeader', line: 1, column: 90 },
      ],
    },
    {
      // The system prompt that claims to be Claude Code, as a string and as the first text block.
      code: `const SYSTEM = "You are Claude Code, Anthropic's official CLI for Claude.";
await client.messages.create({
  model: 'claude-sonnet-4-5',
  system: [
    { type: 'text', text: 'You are Claude Code, Anthropic’s official CLI for Claude.' },
    { type: 'text', text: userSystemPrompt },
  ],
  messages,
});`,
      errors: [
        { messageId: 'systemPrompt', line: 1, column: 16 },
        { messageId: 'systemPrompt', line: 5, column: 27 },
      ],
    },
    {
      // The prompt assembled from parts.
      code: `const IDENTITY = 'You are Claude Code, ' + "Anthropic's official CLI for Claude.";
const system = \`\${IDENTITY}\\n\\n\${instructions}\`;`,
      errors: [{ messageId: 'systemPrompt', line: 1, column: 18 }],
    },
    {
      // A refresh grant with the client id from a constant: the constant where it is written, and the grant that poses as Claude Code.
      code: `const OAUTH_CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
async function refresh(refreshToken: string) {
  const postData = JSON.stringify({
    grant_type: 'refresh_token',
    client_id: OAUTH_CLIENT_ID,
    refresh_token: refreshToken,
  });
  return post(TOKEN_HOST, postData);
}`,
      errors: [
        { messageId: 'clientId', line: 1, column: 25 },
        { messageId: 'clientId', line: 5, column: 5 },
      ],
    },
    {
      // The client id carried by a local function: reported where it is built, not at each call.
      code: `function clientId() {
  return atob('OWQxYzI1MGEtZTYxYi00NGQ5LTg4ZWQtNTk0NGQxOTYyZjVl');
}
const body = { client_id: clientId(), grant_type: 'authorization_code' };`,
      errors: [{ messageId: 'clientId', line: 2, column: 15 }],
    },
  ],
});
