import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-oauth-token-proxy.js';

const ruleTester = new RuleTester();

ruleTester.run('no-oauth-token-proxy', rule, {
  valid: [
    // A handler that calls Claude with the service's API key.
    `import express from 'express';
import Anthropic from '@anthropic-ai/sdk';
const app = express();
const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
app.post('/chat', async (req, res) => {
  const message = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: req.body.messages });
  res.json(message);
});`,
    // The service's own OAuth server: a local route named /v1/oauth/token is not Anthropic's.
    `import express from 'express';
const app = express();
app.post('/v1/oauth/token', async (req, res) => {
  const accessToken = await issueAccessToken(req.body.client_id, req.body.code);
  res.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
});`,
    // Bring-your-own-key: the caller's API key passed through.
    `import express from 'express';
const app = express();
app.post('/v1/messages', async (req, res) => {
  const upstream = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'x-api-key': req.header('x-api-key') ?? '', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(req.body),
  });
  res.status(upstream.status).send(await upstream.text());
});`,
    // An OpenAI-style client's bearer API key passed on as x-api-key, subscription tokens turned away.
    `import express from 'express';
const app = express();
app.post('/v1/chat/completions', async (req, res) => {
  const key = (req.headers.authorization ?? '').replace('Bearer ', '');
  if (key.startsWith('sk-ant-oat')) return res.status(401).json({ error: 'Use an Anthropic API key' });
  const upstream = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': key, 'anthropic-version': '2023-06-01' }, body: toAnthropic(req.body) });
  res.json(fromAnthropic(await upstream.json()));
});`,
    // The caller's bearer token sent to some other API.
    `import { Hono } from 'hono';
const app = new Hono();
app.get('/me', async (c) => {
  const response = await fetch('https://api.github.com/user', { headers: { Authorization: c.req.header('Authorization') ?? '' } });
  return c.json(await response.json());
});`,
    // Saying whether a token is configured is not returning it.
    `import express from 'express';
const app = express();
app.get('/healthz', (_req, res) => {
  res.json({ ok: true, subscriptionConfigured: Boolean(process.env.CLAUDE_CODE_OAUTH_TOKEN) });
});`,
    // Not a request handler: a personal script (no-agent-sdk-subscription-auth's concern, not this rule's).
    `const response = await fetch('https://api.anthropic.com/v1/messages', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${process.env.CLAUDE_CODE_OAUTH_TOKEN}\`, 'anthropic-beta': 'oauth-2025-04-20' },
  body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 256, messages }),
});`,
    // A Next.js route handler that uses the API key.
    {
      code: `export async function POST(request: Request) {
  const body = await request.json();
  const upstream = await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { 'x-api-key': process.env.ANTHROPIC_API_KEY!, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify(body),
  });
  return new Response(upstream.body, { status: upstream.status });
}`,
      filename: 'app/api/chat/route.ts',
    },
    // The same export outside a route file is not a route handler.
    {
      code: `export async function POST(token: string) {
  return fetch('https://api.anthropic.com/v1/messages', { headers: { Authorization: \`Bearer \${token}\`, 'anthropic-beta': 'oauth-2025-04-20' } });
}`,
      filename: 'src/lib/post.ts',
    },
    // An Anthropic client for a gateway, in a hono handler.
    `import { Hono } from 'hono';
import Anthropic from '@anthropic-ai/sdk';
const app = new Hono();
app.post('/summarise', async (c) => {
  const client = new Anthropic({ authToken: process.env.PORTKEY_API_KEY, baseURL: 'https://api.portkey.ai/v1' });
  return c.json(await client.messages.create(await c.req.json()));
});`,
  ],
  invalid: [
    {
      // A web backend that starts Claude Code's PKCE login for its users: it offers "log in with Claude".
      code: `import express from 'express';
import crypto from 'node:crypto';
const CLIENT_ID = '9d1c250a-e61b-44d9-88ed-5944d1962f5e';
function getAuthorizationUrl() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const url = new URL('https://claude.ai/oauth/authorize');
  url.searchParams.set('client_id', CLIENT_ID);
  return { authUrl: url.toString(), verifier };
}
const app = express();
app.get('/api/oauth/anthropic/start', (req, res) => {
  const { authUrl } = getAuthorizationUrl();
  res.redirect(authUrl);
});`,
      errors: [
        { messageId: 'offersClaudeLogin', line: 3, column: 19, data: { framework: 'express \`GET /api/oauth/anthropic/start\` handler', path: 'Claude’s OAuth login (Claude Code’s client)' } },
        { messageId: 'offersClaudeLogin', line: 6, column: 23 },
      ],
    },
    // A request handler that reaches the Agent SDK or `claude -p` with no API key: it serves other
    // people from the machine's subscription login (no-multi-user-surface reported these as yellow
    // before the model; the corpus' tier decisions make a request handler red, a chat handler yellow).
    {
      code: `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = express();
app.post('/api/review', async (req, res) => {
  const messages = [];
  for await (const m of query({ prompt: req.body.diff })) messages.push(m);
  res.json(messages.at(-1));
});`,
      errors: [{ messageId: 'servesFromSubscription', line: 6, column: 25, data: { framework: 'express `POST /api/review` handler', path: 'the Agent SDK’s `query()`' } }],
    },
    {
      code: `import { query } from '@anthropic-ai/claude-agent-sdk';
export const POST = async (request: Request) => {
  const { prompt } = await request.json();
  const stream = query({ prompt, options: { maxTurns: 5 } });
  return new Response(toReadable(stream));
};`,
      filename: 'src/app/api/agent/route.ts',
      errors: [{ messageId: 'servesFromSubscription', line: 4, column: 18, data: { framework: 'Next.js route handler (`POST`)', path: 'the Agent SDK’s `query()`' } }],
    },
    {
      // A login shell given the command line as an argument vector.
      code: `import express from 'express';
import { spawn } from 'node:child_process';
export const router = express.Router();
router.post('/explain', (req, res) => {
  spawn('bash', ['-lc', \`claude -p "Explain: \${req.body.snippet}"\`]).stdout.pipe(res);
});`,
      errors: [{ messageId: 'servesFromSubscription', line: 5, column: 3, data: { framework: 'express `POST /explain` handler', path: '`claude -p` (a child process)' } }],
    },
    {
      // The caller's subscription token, checked by prefix, forwarded with the OAuth beta.
      code: `import { NextRequest, NextResponse } from 'next/server';

const ANTHROPIC = 'https://api.anthropic.com';

export async function POST(req: NextRequest) {
  const token = (req.headers.get('authorization') ?? '').replace(/^Bearer\\s+/i, '');
  if (!token.startsWith('sk-ant-oat')) {
    return NextResponse.json({ error: 'A Claude Pro/Max token is required' }, { status: 401 });
  }
  const upstream = await fetch(\`\${ANTHROPIC}/v1/messages\`, {
    method: 'POST',
    headers: { Authorization: \`Bearer \${token}\`, 'anthropic-beta': 'oauth-2025-04-20', 'content-type': 'application/json' },
    body: await req.text(),
  });
  return new NextResponse(upstream.body, { status: upstream.status });
}`,
      filename: 'app/api/v1/messages/route.ts',
      errors: [{ messageId: 'forwardsCredential', line: 12, column: 16, data: { framework: 'Next.js route handler (`POST`)', source: 'a token checked for the sk-ant-oat prefix' } }],
    },
    {
      // The caller's Authorization header as the Anthropic SDK's authToken.
      code: `import express from 'express';
import Anthropic from '@anthropic-ai/sdk';
const router = express.Router();
router.post('/chat', async (req, res) => {
  const client = new Anthropic({ authToken: req.headers.authorization?.slice('Bearer '.length) });
  res.json(await client.messages.create(req.body));
});`,
      errors: [{ messageId: 'forwardsCredential', line: 5, column: 34, data: { framework: 'express `POST /chat` handler', source: 'the caller’s Authorization header' } }],
    },
    {
      // An Agent SDK call with the stored login, inside an express handler.
      code: `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
const app = express();
app.post('/agent', async (req, res) => {
  const login = JSON.parse(readFileSync(homedir() + '/.claude/.credentials.json', 'utf8'));
  const run = query({ prompt: req.body.prompt, options: { env: { CLAUDE_CODE_OAUTH_TOKEN: login.claudeAiOauth.accessToken } } });
  for await (const message of run) if (message.type === 'result') res.json(message);
});`,
      errors: [{ messageId: 'callsWithSubscription', line: 8, column: 66 }],
    },
    {
      // A module-level client with the subscription token, used by a fastify route.
      code: `import Fastify from 'fastify';
import Anthropic from '@anthropic-ai/sdk';
const claude = new Anthropic({ authToken: process.env.CLAUDE_CODE_OAUTH_TOKEN });
const fastify = Fastify();
fastify.post('/complete', async (request) => {
  return claude.messages.create(request.body as never);
});`,
      errors: [{ messageId: 'callsWithSubscription', line: 3, column: 32, data: { framework: 'fastify `POST /complete` handler', source: 'CLAUDE_CODE_OAUTH_TOKEN' } }],
    },
    {
      // A Next.js API route that hands out the stored login.
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const creds = JSON.parse(readFileSync(join(homedir(), '.claude', '.credentials.json'), 'utf8'));
  const { accessToken, expiresAt } = creds.claudeAiOauth;
  res.status(200).json({ accessToken, expiresAt });
}`,
      filename: 'pages/api/claude-token.ts',
      errors: [{ messageId: 'returnsCredential', line: 9, column: 3, data: { framework: 'Next.js API route', source: 'the stored Claude Code login' } }],
    },
    {
      code: `import { Hono } from 'hono';
const app = new Hono();
app.get('/token', (c) => c.json({ token: process.env.CLAUDE_CODE_OAUTH_TOKEN }));`,
      errors: [{ messageId: 'returnsCredential', line: 3, column: 26 }],
    },
    {
      // node:http, the request sent to Anthropic in a helper the handler calls.
      code: `import { createServer } from 'node:http';
async function complete(body: string) {
  return fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { authorization: 'Bearer ' + process.env.CLAUDE_CODE_OAUTH_TOKEN, 'anthropic-beta': 'oauth-2025-04-20' },
    body,
  });
}
createServer(async (req, res) => {
  let body = '';
  for await (const chunk of req) body += chunk;
  const upstream = await complete(body);
  res.end(await upstream.text());
}).listen(8787);`,
      errors: [{ messageId: 'callsWithSubscription', line: 5, column: 16, data: { framework: 'node:http server handler → `complete` (line 12)', source: 'CLAUDE_CODE_OAUTH_TOKEN' } }],
    },
    {
      code: `const creds = JSON.parse(await Bun.file(\`\${process.env.HOME}/.claude/.credentials.json\`).text());
Bun.serve({
  port: 3000,
  fetch(req) {
    return new Response(JSON.stringify({ accessToken: creds.claudeAiOauth.accessToken }));
  },
});`,
      errors: [{ messageId: 'returnsCredential', line: 5, column: 12 }],
    },
    {
      code: `Deno.serve(async (req) => {
  return await fetch('https://api.anthropic.com/v1/messages', {
    method: 'POST',
    headers: { Authorization: req.headers.get('Authorization') ?? '', 'anthropic-beta': 'oauth-2025-04-20' },
    body: req.body,
  });
});`,
      errors: [{ messageId: 'forwardsCredential', line: 4, column: 16, data: { framework: '`Deno.serve` handler', source: 'the caller’s Authorization header' } }],
    },
    {
      code: `import Koa from 'koa';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
async function readLogin() {
  const raw = await readFile(\`\${os.homedir()}/.claude/.credentials.json\`, 'utf8');
  return JSON.parse(raw).claudeAiOauth;
}
const app = new Koa();
app.use(async (ctx) => {
  ctx.body = { login: await readLogin() };
});`,
      errors: [{ messageId: 'returnsCredential', line: 10, column: 3 }],
    },
    {
      code: `import express from 'express';
import path from 'node:path';
import os from 'node:os';
const app = express();
app.get('/debug/login', (_req, res) => res.sendFile(path.join(os.homedir(), '.claude', '.credentials.json')));`,
      errors: [{ messageId: 'returnsCredential', line: 5, column: 40 }],
    },
  ],
});
