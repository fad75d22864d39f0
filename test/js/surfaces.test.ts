import { describe, expect, it } from 'vitest';
import { createImportResolver, importedModules } from '../../src/js/imports.js';
import { createStaticEvaluator } from '../../src/js/static-string.js';
import { findSurfaceHandlers } from '../../src/js/surfaces.js';
import { withSourceCode } from './harness.js';

function surfacesOf(code: string, filename = 'server.ts'): string[] {
  return withSourceCode(
    code,
    (context) =>
      findSurfaceHandlers({
        sourceCode: context.sourceCode,
        evaluator: createStaticEvaluator(context.sourceCode),
        resolve: createImportResolver(context.sourceCode),
        modules: importedModules(context.sourceCode.text),
        filename,
      }).map((handler) => `${handler.kind}: ${handler.label}${handler.imported ? ` -> ${handler.imported.source}#${handler.imported.name}` : ''}`),
    filename,
  );
}

describe('findSurfaceHandlers', () => {
  it('finds web framework routes, local and imported handlers', () => {
    expect(surfacesOf(`import express from 'express';
import { chat } from './routes/chat.js';
const app = express();
async function health(_req, res) { res.send('ok'); }
app.get('/healthz', health);
app.post('/chat', requireUser, chat);
app.route('/items').put(async (req, res) => res.json(req.body));
app.use(express.json());`)).toEqual([
      'http: express `GET /healthz` handler',
      'http: express `POST /chat` handler -> ./routes/chat.js#chat',
      'http: express `PUT /items` handler',
    ]);
  });

  it('finds tRPC procedures, TanStack server functions and Slack handlers registered as app.event(…)(method)', () => {
    expect(surfacesOf(`import { initTRPC } from '@trpc/server';
const t = initTRPC.create();
export const publicProcedure = t.procedure;
export const appRouter = t.router({
  review: publicProcedure.input(z.object({ diff: z.string() })).mutation(async ({ input }) => runReview(input.diff)),
  status: t.procedure.query(() => 'ok'),
});`)).toEqual(['http: tRPC procedure', 'http: tRPC procedure']);
    expect(surfacesOf(`import { createServerFn } from '@tanstack/react-start';
export const ask = createServerFn({ method: 'POST' }).validator((d: string) => d).handler(async ({ data }) => answer(data));`)).toEqual([
      'http: TanStack Start server function',
    ]);
    expect(surfacesOf(`import { App } from '@slack/bolt';
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
class Bot {
  async onMention({ event, say }) { await say(await ask(event.text)); }
}
async function handleMessage({ message, say }) { await say(await ask(message.text)); }
app.event('message')(handleMessage);`)).toEqual(['slack: Slack `event` handler']);
  });

  it('finds node, Bun and Deno servers', () => {
    expect(surfacesOf(`import http from 'node:http';
http.createServer((req, res) => res.end('x'));
Bun.serve({ fetch(req) { return new Response('x'); }, routes: { '/api/chat': { POST: async (req) => new Response('y') } } });
Deno.serve((req) => new Response('z'));`)).toEqual([
      'http: node:http server handler',
      'http: `Bun.serve` fetch handler',
      'http: `Bun.serve` `POST /api/chat` route',
      'http: `Deno.serve` handler',
    ]);
  });

  it('finds bot handlers only where the bot framework is imported', () => {
    expect(surfacesOf(`import { App } from '@slack/bolt';
const app = new App({});
app.message(async () => {});
app.action('approve', async () => {});`)).toEqual(['slack: Slack `app.message` handler', 'slack: Slack `app.action` handler']);
    expect(surfacesOf(`const emitter = new EventEmitter();
emitter.on('message', () => {});
store.action('save', () => {});`)).toEqual([]);
    expect(surfacesOf(`client.on('interactionCreate', async (interaction) => {});
client.on('ready', () => {});`)).toEqual(['discord: Discord `interactionCreate` listener']);
  });

  it('knows file-routed handlers by their path', () => {
    const route = `export async function GET() { return Response.json({}); }
export const POST = async (req: Request) => new Response('x');
export function helper() {}`;
    expect(surfacesOf(route, 'app/api/chat/route.ts')).toEqual(['http: Next.js route handler (`GET`)', 'http: Next.js route handler (`POST`)']);
    expect(surfacesOf(route, 'lib/chat.ts')).toEqual([]);
    expect(surfacesOf('export default withAuth(async function handler(req, res) { res.json({}); });', 'pages/api/me.ts')).toEqual(['http: Next.js API route']);
  });
});
