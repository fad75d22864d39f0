import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-multi-user-surface.js';

const ruleTester = new RuleTester();

ruleTester.run('no-multi-user-surface', rule, {
  valid: [
    // A personal script: no one else's request reaches the call.
    `import { query } from '@anthropic-ai/claude-agent-sdk';
for await (const message of query({ prompt: 'Review my staged changes' })) console.log(message);`,
    `import { execFileSync } from 'node:child_process';
const notes = execFileSync('claude', ['-p', 'Draft release notes'], { encoding: 'utf8' });`,
    // A bot that passes the API key explicitly.
    `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });
app.message(async ({ message, say }) => {
  const run = query({ prompt: message.text, options: { env: { ...process.env, ANTHROPIC_API_KEY: secrets.anthropicKey } } });
  for await (const m of run) if (m.type === 'result') await say(m.result);
});`,
    // A bot on the Messages API with an API key: no subscription path at all.
    `import { App } from '@slack/bolt';
import Anthropic from '@anthropic-ai/sdk';
const anthropic = new Anthropic();
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.command('/ask', async ({ command, ack, respond }) => {
  await ack();
  const reply = await anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 512, messages: [{ role: 'user', content: command.text }] });
  await respond(reply.content[0].type === 'text' ? reply.content[0].text : '');
});`,
    // A bot that refuses to start without an API key.
    `import { Client, Events, GatewayIntentBits } from 'discord.js';
import { query } from '@anthropic-ai/claude-agent-sdk';
if (!process.env.ANTHROPIC_API_KEY) throw new Error('ANTHROPIC_API_KEY is required');
const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages] });
client.on(Events.MessageCreate, async (message) => {
  for await (const m of query({ prompt: message.content })) if (m.type === 'result') await message.reply(m.result);
});`,
    // Claude Code on Bedrock.
    `import express from 'express';
import { spawn } from 'node:child_process';
const app = express();
app.post('/review', (req, res) => {
  spawn('claude', ['-p', req.body.diff], { env: { ...process.env, CLAUDE_CODE_USE_BEDROCK: '1', AWS_REGION: 'us-east-1' } }).stdout.pipe(res);
});`,
    // Startup work, not a message handler.
    `import { Client } from 'discord.js';
import { query } from '@anthropic-ai/claude-agent-sdk';
const client = new Client({ intents: [] });
client.once('ready', async () => {
  for await (const m of query({ prompt: 'Write a status line for today' })) if (m.type === 'result') client.user?.setActivity(m.result);
});`,
    // Red, reported by no-agent-sdk-subscription-auth instead: a surface does not add a yellow on top.
    `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-agent-sdk';
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.message(async ({ message }) => {
  query({ prompt: message.text, options: { env: { ...process.env, CLAUDE_CODE_OAUTH_TOKEN: process.env.CLAUDE_CODE_OAUTH_TOKEN } } });
});`,
    // A handler that calls an imported helper: across files only the scanner can tell.
    `import { App } from '@slack/bolt';
import { askClaude } from './lib/claude.js';
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.message(async ({ message, say }) => say(await askClaude(message.text)));`,
    // The CLI asked for its version from a route.
    `import express from 'express';
import { execFileSync } from 'node:child_process';
const app = express();
app.get('/version', (_req, res) => res.send(execFileSync('claude', ['--version'], { encoding: 'utf8' })));`,
  ],
  invalid: [
    {
      // The argv is built by a method of a bridge class and spawned by another, the binary from a lookup: reported where the command is built.
      code: `import { Telegraf } from 'telegraf';
import { spawn } from 'node:child_process';
const CLAUDE_BIN = process.env.CLAUDE_BIN ?? findOnPath('claude');
class ClaudeBridge {
  buildCommand(prompt: string): string[] {
    const cmd = [CLAUDE_BIN, '-p', prompt, '--output-format', 'json'];
    if (this.model) cmd.push('--model', this.model);
    return cmd;
  }
  ask(prompt: string) {
    const [bin, ...args] = this.buildCommand(prompt);
    return spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  }
}
const bridge = new ClaudeBridge();
const bot = new Telegraf(process.env.BOT_TOKEN!);
bot.on('text', (ctx) => bridge.ask(ctx.message.text));`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 6, column: 17, data: { surface: 'Telegram \`bot.on\` handler (line 17) → \`ClaudeBridge\` (line 15)', path: '\`claude -p\` (a child process)' } }],
    },
    {
      // A command line typed into a pseudo-terminal, built on either branch: reported where it is built.
      code: `import * as pty from 'node-pty';
import { Client, Events } from 'discord.js';
const term = pty.spawn('bash', [], { env: process.env });
const client = new Client({ intents: [] });
client.on(Events.MessageCreate, (message) => {
  const text = message.content.replace(/"/g, '\\\\"');
  let command: string;
  if (sessions.has(message.channelId)) command = \`claude -p "\${text}" --resume \${sessions.get(message.channelId)}\`;
  else command = \`claude -p "\${text}" --output-format json\`;
  term.write(command + '\\r');
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 8, column: 50, data: { surface: 'Discord \`messageCreate\` listener (line 5)', path: '\`claude -p\` (typed into a terminal)' } }],
    },
    {
      // The call sits in a helper the Slack handler calls.
      code: `import { App } from '@slack/bolt';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const app = new App({ token: process.env.SLACK_BOT_TOKEN, signingSecret: process.env.SLACK_SIGNING_SECRET });

async function askClaude(question: string): Promise<string> {
  const { stdout } = await run('claude', ['-p', question, '--output-format', 'text']);
  return stdout.trim();
}

app.message(async ({ message, say }) => {
  if (message.subtype === undefined) await say(await askClaude(message.text ?? ''));
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 9, column: 28, data: { surface: 'Slack `app.message` handler (line 13) → `askClaude` (line 14)', path: '`claude -p` (a child process)' } }],
    },
    {
      code: `import bolt from '@slack/bolt';
import { query as runAgent } from '@anthropic-ai/claude-agent-sdk';
const app = new bolt.App({ token: process.env.SLACK_BOT_TOKEN });
app.command('/triage', async ({ command, ack, respond }) => {
  await ack();
  for await (const m of runAgent({ prompt: \`Triage: \${command.text}\`, options: { allowedTools: ['Read', 'Grep'] } })) {
    if (m.type === 'result') await respond(m.result);
  }
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 6, column: 25, data: { surface: 'Slack `app.command` handler (line 4)', path: 'the Agent SDK’s `query()`' } }],
    },
    {
      code: `const { Client, Events, GatewayIntentBits } = require('discord.js');
const { query } = require('@anthropic-ai/claude-agent-sdk');
const client = new Client({ intents: [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] });
client.on(Events.MessageCreate, async (message) => {
  if (message.author.bot || !message.mentions.has(client.user)) return;
  for await (const m of query({ prompt: message.content })) if (m.type === 'result') await message.reply(m.result);
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 6, column: 25, data: { surface: 'Discord `messageCreate` listener (line 4)', path: 'the Agent SDK’s `query()`' } }],
    },
    {
      // A discord.js slash-command module.
      code: `const { SlashCommandBuilder } = require('discord.js');
const { spawnSync } = require('node:child_process');
module.exports = {
  data: new SlashCommandBuilder().setName('ask').setDescription('Ask Claude'),
  async execute(interaction) {
    const result = spawnSync('claude', ['-p', interaction.options.getString('question')], { encoding: 'utf8' });
    await interaction.reply(result.stdout);
  },
};`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 6, column: 20, data: { surface: 'Discord slash command (line 3)', path: '`claude -p` (a child process)' } }],
    },
    {
      code: `import { Telegraf } from 'telegraf';
import { $ } from 'zx';
const bot = new Telegraf(process.env.BOT_TOKEN!);
bot.on('text', async (ctx) => {
  const answer = await $\`claude -p \${ctx.message.text}\`;
  await ctx.reply(answer.stdout);
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 5, column: 24, data: { surface: 'Telegram `bot.on` handler (line 4)', path: '`claude -p` (a child process)' } }],
    },
    {
      code: `import { Bot } from 'grammy';
const bot = new Bot(process.env.BOT_TOKEN ?? '');
bot.command('ask', async (ctx) => {
  const proc = Bun.spawn(['claude', '--print', ctx.match]);
  await ctx.reply(await new Response(proc.stdout).text());
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 4, column: 16, data: { surface: 'Telegram `bot.command` handler (line 3)', path: '`claude -p` (a child process)' } }],
    },
    {
      code: `const TelegramBot = require('node-telegram-bot-api');
const { exec } = require('child_process');
const bot = new TelegramBot(process.env.TELEGRAM_TOKEN, { polling: true });
bot.onText(/\\/ask (.+)/, (msg, match) => {
  exec(\`claude -p "\${match[1]}"\`, (error, stdout) => bot.sendMessage(msg.chat.id, stdout));
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 5, column: 3, data: { surface: 'Telegram `bot.onText` handler (line 4)', path: '`claude -p` (a child process)' } }],
    },
    {
      // A class the handler uses through a module-level instance.
      code: `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-agent-sdk';
class ClaudeRunner {
  async run(prompt: string) {
    for await (const m of query({ prompt })) if (m.type === 'result') return m.result;
    return '';
  }
}
const runner = new ClaudeRunner();
const app = new App({ token: process.env.SLACK_BOT_TOKEN });
app.event('app_mention', async ({ event, say }) => {
  await say(await runner.run(event.text));
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 5, column: 27, data: { surface: 'Slack `app.event` handler (line 11) → `ClaudeRunner` (line 9)', path: 'the Agent SDK’s `query()`' } }],
    },
      {
      // A zx script's global $, in a Telegram bot.
      code: `import { Bot } from 'grammy';
const bot = new Bot(process.env.BOT_TOKEN!);
bot.on('message:text', async (ctx) => {
  await ctx.reply((await $\`claude --print \${ctx.message.text}\`).stdout);
});`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 4, column: 26, data: { surface: 'Telegram `bot.on` handler (line 3)', path: '`claude -p` (a child process)' } }],
    },
      {
      // The handler class is handed the Claude class through a constructor parameter property.
      code: `import { App } from '@slack/bolt';
import { query } from '@anthropic-ai/claude-code';
class ClaudeHandler {
  async *streamQuery(prompt: string) {
    yield* query({ prompt, options: { permissionMode: 'acceptEdits' } });
  }
}
class SlackHandler {
  constructor(private app: App, private readonly claudeHandler: ClaudeHandler) {}
  setupEventHandlers() {
    this.app.message(async ({ message, say }) => this.handleMessage(message, say));
  }
  private async handleMessage(message: { text?: string }, say: (text: string) => Promise<unknown>) {
    for await (const m of this.claudeHandler.streamQuery(message.text ?? '')) if (m.type === 'result') await say(m.result);
  }
}
new SlackHandler(new App({ token: process.env.SLACK_BOT_TOKEN }), new ClaudeHandler()).setupEventHandlers();`,
      errors: [{ messageId: 'surfaceReachesSubscription', line: 5, column: 12, data: { surface: 'Slack `app.message` handler (line 11) → `ClaudeHandler` (line 9)', path: 'the Agent SDK’s `query()`' } }],
    },
  ],
});
