/**
 * The model's vocabulary as data: which frameworks make entry points (per ecosystem), and which
 * packages, binaries, wrappers and endpoints are Claude sinks. Every front end recognises code
 * through these tables, and the scanner's prefilter takes its trigger words from them
 * (src/detect/triggers.ts; a meta test fails when an entry has none), so adding a framework or
 * a sink is one entry here.
 *
 * Sources: policy.md "Facts a detector needs" (packages, binaries, endpoints, observed headers);
 * the frameworks' own documentation for their handler-registering APIs.
 *
 * @packageDocumentation
 */
import type { EntryPointKind, SinkKind } from './facts.js';

/** A package ecosystem: which language's imports an entry names. */
export type Ecosystem = 'npm' | 'pypi' | 'go' | 'rubygems';

/** A framework whose handlers run for other people (or for one person: `cli`). */
export interface EntryPointFramework {
  ecosystem: Ecosystem;
  /** Shown in messages: `express`, `Slack Bolt`, `discord.js`, `FastAPI`. */
  name: string;
  kind: EntryPointKind;
  /** For chat frameworks: the service, as messages name it (`Slack`, `Discord`, `Telegram`, `WhatsApp`). */
  service?: string;
  /** Import names (npm package, Python top-level module, Go module path, gem) that identify it. */
  packages: readonly string[];
  /** Methods that register a handler (`app.post`, `bot.on`, `app.event`); empty when recognised otherwise (file routes, decorators). */
  registrars: readonly string[];
  /** Trigger words: substrings every file that uses the framework contains. */
  triggers: readonly string[];
}

/** A Claude sink by package: calling into it reaches Claude. */
export interface SinkPackage {
  ecosystem: Ecosystem;
  kind: SinkKind;
  /** Import names. */
  packages: readonly string[];
  /** Exported functions or classes that start Claude (empty: the package's default client). */
  entries: readonly string[];
  triggers: readonly string[];
}

/** `'x'` and `"x"`: how JS/TS code names a module in `import`/`require`. */
function quoted(names: readonly string[]): string[] {
  return names.flatMap((name) => [`'${name}'`, `"${name}"`]);
}

/** Route-registering methods of express-like routers (express, fastify, hono, koa-router, Elysia, h3 routers). */
export const HTTP_ROUTE_METHODS: readonly string[] = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head'];

/**
 * Entry-point frameworks. `kind` decides the tier when a handler reaches a subscription-capable
 * sink (see the judge): `http` serves other people's requests, `chat` other people's messages.
 */
export const ENTRY_POINT_FRAMEWORKS: readonly EntryPointFramework[] = [
  // npm: HTTP
  { ecosystem: 'npm', name: 'express', kind: 'http', packages: ['express'], registrars: HTTP_ROUTE_METHODS, triggers: quoted(['express']) },
  { ecosystem: 'npm', name: 'fastify', kind: 'http', packages: ['fastify'], registrars: [...HTTP_ROUTE_METHODS, 'route'], triggers: quoted(['fastify']) },
  { ecosystem: 'npm', name: 'hono', kind: 'http', packages: ['hono'], registrars: HTTP_ROUTE_METHODS, triggers: [...quoted(['hono']), 'hono/'] },
  { ecosystem: 'npm', name: 'koa', kind: 'http', packages: ['koa', '@koa/router', 'koa-router'], registrars: [...HTTP_ROUTE_METHODS, 'use'], triggers: [...quoted(['koa']), 'koa-router', '@koa/router'] },
  { ecosystem: 'npm', name: 'Elysia', kind: 'http', packages: ['elysia'], registrars: [...HTTP_ROUTE_METHODS, 'ws'], triggers: ['elysia'] },
  { ecosystem: 'npm', name: 'h3', kind: 'http', packages: ['h3'], registrars: [...HTTP_ROUTE_METHODS, 'defineEventHandler', 'eventHandler', 'defineWebSocketHandler'], triggers: ['defineEventHandler', 'eventHandler', ...quoted(['h3'])] },
  { ecosystem: 'npm', name: 'NestJS', kind: 'http', packages: ['@nestjs/common'], registrars: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'MessagePattern', 'SubscribeMessage'], triggers: ['@nestjs/'] },
  { ecosystem: 'npm', name: 'tRPC', kind: 'http', packages: ['@trpc/server'], registrars: ['query', 'mutation', 'subscription'], triggers: ['@trpc/server', 'publicProcedure', 'protectedProcedure'] },
  { ecosystem: 'npm', name: 'node:http', kind: 'http', packages: ['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2'], registrars: ['createServer', 'createSecureServer'], triggers: ['createServer', 'createSecureServer'] },
  { ecosystem: 'npm', name: 'Bun.serve', kind: 'http', packages: ['bun'], registrars: ['serve'], triggers: ['Bun.serve', "from 'bun'", 'from "bun"'] },
  { ecosystem: 'npm', name: 'Deno.serve', kind: 'http', packages: [], registrars: ['serve'], triggers: ['Deno.serve'] },
  { ecosystem: 'npm', name: 'Next.js', kind: 'http', packages: ['next/server'], registrars: [], triggers: ['next/server', 'NextRequest', 'NextApiRequest', 'export async function POST', 'export async function GET', 'export function POST', 'export function GET', 'export const POST', 'export const GET'] },
  { ecosystem: 'npm', name: 'Remix', kind: 'http', packages: ['@remix-run/node', '@remix-run/cloudflare'], registrars: [], triggers: ['@remix-run/', 'ActionFunctionArgs', 'LoaderFunctionArgs', 'export async function action', 'export async function loader'] },
  { ecosystem: 'npm', name: 'TanStack Start', kind: 'http', packages: ['@tanstack/react-start', '@tanstack/start'], registrars: ['createServerFn', 'createServerFileRoute', 'createAPIFileRoute'], triggers: ['@tanstack/react-start', '@tanstack/start', 'createServerFn', 'createServerFileRoute', 'createAPIFileRoute'] },
  { ecosystem: 'npm', name: 'SvelteKit', kind: 'http', packages: ['@sveltejs/kit'], registrars: [], triggers: ['@sveltejs/kit', 'RequestHandler'] },
  { ecosystem: 'npm', name: 'Workers module', kind: 'http', packages: [], registrars: ['fetch'], triggers: ['fetch(request', 'fetch(req,', 'fetch(req)'] },
  // npm: chat
  { ecosystem: 'npm', name: 'Slack Bolt', kind: 'chat', service: 'Slack', packages: ['@slack/bolt'], registrars: ['message', 'command', 'event', 'action', 'shortcut', 'view', 'options', 'function'], triggers: ['@slack/bolt'] },
  { ecosystem: 'npm', name: 'discord.js', kind: 'chat', service: 'Discord', packages: ['discord.js', '@discordjs/core'], registrars: ['on', 'once'], triggers: ['discord.js', '@discordjs/core'] },
  { ecosystem: 'npm', name: 'Telegraf', kind: 'chat', service: 'Telegram', packages: ['telegraf'], registrars: ['on', 'command', 'hears', 'start', 'help', 'action', 'use', 'inlineQuery', 'callbackQuery', 'settings'], triggers: ['telegraf'] },
  { ecosystem: 'npm', name: 'grammY', kind: 'chat', service: 'Telegram', packages: ['grammy'], registrars: ['on', 'command', 'hears', 'callbackQuery', 'inlineQuery', 'use'], triggers: ['grammy'] },
  { ecosystem: 'npm', name: 'node-telegram-bot-api', kind: 'chat', service: 'Telegram', packages: ['node-telegram-bot-api'], registrars: ['on', 'onText'], triggers: ['node-telegram-bot-api'] },
  { ecosystem: 'npm', name: 'whatsapp-web.js', kind: 'chat', service: 'WhatsApp', packages: ['whatsapp-web.js'], registrars: ['on'], triggers: ['whatsapp-web.js'] },
  { ecosystem: 'npm', name: 'Baileys', kind: 'chat', service: 'WhatsApp', packages: ['@whiskeysockets/baileys', 'baileys'], registrars: ['on'], triggers: ['baileys'] },
  // pypi: HTTP
  { ecosystem: 'pypi', name: 'FastAPI', kind: 'http', packages: ['fastapi'], registrars: ['get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket'], triggers: ['fastapi'] },
  { ecosystem: 'pypi', name: 'Flask', kind: 'http', packages: ['flask'], registrars: ['route', 'get', 'post', 'put', 'patch', 'delete'], triggers: ['flask'] },
  { ecosystem: 'pypi', name: 'Quart', kind: 'http', packages: ['quart'], registrars: ['route', 'get', 'post', 'websocket'], triggers: ['from quart', 'import quart'] },
  { ecosystem: 'pypi', name: 'Starlette', kind: 'http', packages: ['starlette'], registrars: ['Route', 'WebSocketRoute', 'route'], triggers: ['starlette'] },
  { ecosystem: 'pypi', name: 'aiohttp', kind: 'http', packages: ['aiohttp'], registrars: ['add_get', 'add_post', 'add_route', 'get', 'post', 'route'], triggers: ['aiohttp'] },
  { ecosystem: 'pypi', name: 'Sanic', kind: 'http', packages: ['sanic'], registrars: ['route', 'get', 'post'], triggers: ['sanic'] },
  { ecosystem: 'pypi', name: 'Litestar', kind: 'http', packages: ['litestar'], registrars: ['get', 'post', 'put', 'patch', 'delete'], triggers: ['litestar'] },
  { ecosystem: 'pypi', name: 'Django', kind: 'http', packages: ['django', 'rest_framework'], registrars: ['path', 're_path'], triggers: ['django', 'rest_framework'] },
  // pypi: chat
  { ecosystem: 'pypi', name: 'slack_bolt', kind: 'chat', packages: ['slack_bolt'], registrars: ['event', 'message', 'command', 'action', 'shortcut', 'view', 'options', 'function'], triggers: ['slack_bolt'] },
  { ecosystem: 'pypi', name: 'discord.py', kind: 'chat', packages: ['discord'], registrars: ['command', 'event', 'listener', 'hybrid_command', 'slash_command'], triggers: ['import discord', 'from discord'] },
  { ecosystem: 'pypi', name: 'python-telegram-bot', kind: 'chat', packages: ['telegram'], registrars: ['add_handler'], triggers: ['telegram.ext', 'from telegram', 'import telegram'] },
  { ecosystem: 'pypi', name: 'aiogram', kind: 'chat', packages: ['aiogram'], registrars: ['message', 'callback_query', 'inline_query'], triggers: ['aiogram'] },
  { ecosystem: 'pypi', name: 'pyTelegramBotAPI', kind: 'chat', packages: ['telebot'], registrars: ['message_handler', 'callback_query_handler'], triggers: ['telebot'] },
  { ecosystem: 'pypi', name: 'matrix-nio', kind: 'chat', packages: ['nio'], registrars: ['add_event_callback'], triggers: ['add_event_callback', 'from nio', 'import nio'] },
  // go
  { ecosystem: 'go', name: 'net/http', kind: 'http', packages: ['net/http'], registrars: ['HandleFunc', 'Handle', 'ServeHTTP'], triggers: ['"net/http"'] },
  { ecosystem: 'go', name: 'gin', kind: 'http', packages: ['github.com/gin-gonic/gin'], registrars: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'Any'], triggers: ['gin-gonic/gin'] },
  { ecosystem: 'go', name: 'echo', kind: 'http', packages: ['github.com/labstack/echo'], registrars: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'Any'], triggers: ['labstack/echo'] },
  { ecosystem: 'go', name: 'chi', kind: 'http', packages: ['github.com/go-chi/chi'], registrars: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'HandleFunc'], triggers: ['go-chi/chi'] },
  { ecosystem: 'go', name: 'fiber', kind: 'http', packages: ['github.com/gofiber/fiber'], registrars: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'All'], triggers: ['gofiber/fiber'] },
  { ecosystem: 'go', name: 'slack-go', kind: 'chat', packages: ['github.com/slack-go/slack'], registrars: [], triggers: ['slack-go/slack'] },
  { ecosystem: 'go', name: 'discordgo', kind: 'chat', packages: ['github.com/bwmarrin/discordgo'], registrars: ['AddHandler'], triggers: ['bwmarrin/discordgo'] },
  { ecosystem: 'go', name: 'telegram-bot-api', kind: 'chat', packages: ['github.com/go-telegram-bot-api/telegram-bot-api', 'github.com/go-telegram/bot'], registrars: ['GetUpdatesChan', 'RegisterHandler'], triggers: ['telegram-bot-api', 'go-telegram/bot'] },
  // rubygems
  { ecosystem: 'rubygems', name: 'Rails', kind: 'http', packages: ['rails', 'action_controller'], registrars: [], triggers: ['ApplicationController', 'ActionController'] },
  { ecosystem: 'rubygems', name: 'Sinatra', kind: 'http', packages: ['sinatra'], registrars: ['get', 'post', 'put', 'patch', 'delete'], triggers: ['sinatra'] },
  { ecosystem: 'rubygems', name: 'slack-ruby-bot', kind: 'chat', packages: ['slack-ruby-bot', 'slack-ruby-client'], registrars: ['command', 'match', 'on'], triggers: ['slack-ruby'] },
  { ecosystem: 'rubygems', name: 'discordrb', kind: 'chat', packages: ['discordrb'], registrars: ['message', 'command', 'mention'], triggers: ['discordrb'] },
  { ecosystem: 'rubygems', name: 'telegram-bot-ruby', kind: 'chat', packages: ['telegram/bot'], registrars: ['listen'], triggers: ['telegram/bot'] },
];

/** Agent SDK packages per ecosystem (its `query()` starts Claude Code, which falls back to the stored login). */
export const AGENT_SDK_PACKAGES: readonly SinkPackage[] = [
  {
    ecosystem: 'npm',
    kind: 'agent-sdk',
    packages: ['@anthropic-ai/claude-agent-sdk', '@anthropic-ai/claude-code'],
    entries: ['query', 'unstable_v2_prompt', 'unstable_v2_createSession', 'unstable_v2_resumeSession'],
    triggers: ['claude-agent-sdk', '@anthropic-ai/claude-code'],
  },
  { ecosystem: 'pypi', kind: 'agent-sdk', packages: ['claude_agent_sdk', 'claude_code_sdk'], entries: ['query', 'ClaudeSDKClient'], triggers: ['claude_agent_sdk', 'claude_code_sdk'] },
  { ecosystem: 'go', kind: 'agent-sdk', packages: ['github.com/anthropics/claude-agent-sdk-go', 'github.com/severity1/claude-code-sdk-go'], entries: ['Query', 'NewClient'], triggers: ['claude-agent-sdk', 'claude-code-sdk'] },
];

/** Anthropic API client packages (their API-key path is right; `authToken` with a subscription token is not). */
export const ANTHROPIC_SDK_PACKAGES: readonly SinkPackage[] = [
  { ecosystem: 'npm', kind: 'anthropic-sdk', packages: ['@anthropic-ai/sdk'], entries: ['Anthropic'], triggers: ['@anthropic-ai/sdk'] },
  { ecosystem: 'pypi', kind: 'anthropic-sdk', packages: ['anthropic'], entries: ['Anthropic', 'AsyncAnthropic', 'Client', 'AsyncClient'], triggers: ['import anthropic', 'from anthropic'] },
  { ecosystem: 'go', kind: 'anthropic-sdk', packages: ['github.com/anthropics/anthropic-sdk-go'], entries: ['NewClient'], triggers: ['anthropic-sdk-go'] },
  { ecosystem: 'rubygems', kind: 'anthropic-sdk', packages: ['anthropic'], entries: ['Anthropic::Client'], triggers: ['Anthropic::Client', 'require "anthropic"', "require 'anthropic'"] },
];

/** File names of the Claude Code CLI (the last path segment of the program run). */
export const CLAUDE_BINARIES: readonly string[] = ['claude', 'claude.exe', 'claude.cmd'];
/** Packages that package runners (`npx`, `bunx`, `pnpm dlx`) run as the `claude` CLI. */
export const CLAUDE_CLI_PACKAGES: readonly string[] = ['@anthropic-ai/claude-code'];

/** A program that runs another program given in its arguments: `npx pkg`, `mise exec -- claude`, `bash -c "…"`. */
export interface ProgramWrapper {
  program: string;
  /** How the wrapped program is found: the first package argument, after `--`/a subcommand, or in a `-c` script. */
  takes: 'package' | 'program' | 'script';
  /** Subcommand that must come first (`dlx` for `pnpm dlx`, `exec`/`x` for mise). */
  subcommands?: readonly string[];
}

/** Wrappers a `claude` run goes through on its way to a process start. */
export const PROGRAM_WRAPPERS: readonly ProgramWrapper[] = [
  { program: 'npx', takes: 'package' },
  { program: 'bunx', takes: 'package' },
  { program: 'pnpx', takes: 'package' },
  { program: 'pnpm', takes: 'package', subcommands: ['dlx'] },
  { program: 'yarn', takes: 'package', subcommands: ['dlx'] },
  { program: 'mise', takes: 'program', subcommands: ['exec', 'x'] },
  { program: 'asdf', takes: 'program', subcommands: ['exec'] },
  { program: 'env', takes: 'program' },
  { program: 'exec', takes: 'program' },
  { program: 'nohup', takes: 'program' },
  { program: 'sudo', takes: 'program' },
  { program: 'time', takes: 'program' },
  { program: 'script', takes: 'script' },
  ...['sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'pwsh', 'powershell', 'cmd'].map((program): ProgramWrapper => ({ program, takes: 'script' })),
];

/** Pseudo-terminal packages: a command line written into one is started by its shell. */
export const TERMINAL_MODULES: readonly string[] = ['node-pty', '@homebridge/node-pty-prebuilt-multiarch', '@lydell/node-pty', 'vscode'];

/** Flags that make `claude` answer one prompt and exit: the form programs use. */
export const CLAUDE_PRINT_FLAGS: readonly string[] = ['-p', '--print'];

/** Host name suffix of Anthropic's API (`api.anthropic.com`). */
export const ANTHROPIC_API_HOST = 'anthropic.com';

/** An HTTP endpoint that is a sink: calling it with a subscription bearer token uses the subscription. */
export interface EndpointSink {
  kind: Extract<SinkKind, 'api-request' | 'oauth-endpoint'>;
  /** Shown in messages. */
  label: string;
  /** Matches the URL (or the known part of it). */
  pattern: RegExp;
  triggers: readonly string[];
}

/** Anthropic's API and Claude Code's OAuth endpoints (token, authorize, usage, profile). */
export const ENDPOINT_SINKS: readonly EndpointSink[] = [
  { kind: 'oauth-endpoint', label: 'Claude’s OAuth token endpoint', pattern: /\/v1\/oauth\/token\b/, triggers: ['/v1/oauth/token'] },
  { kind: 'oauth-endpoint', label: 'Claude’s OAuth usage/profile endpoint', pattern: /\/api\/oauth\/(?:usage|profile|claude_cli)/, triggers: ['/api/oauth/'] },
  { kind: 'api-request', label: 'Anthropic’s Messages API', pattern: /anthropic\.com(?::\d+)?\/v1\/|anthropic\.com\/?$/, triggers: ['anthropic.com'] },
];

/** The subscription token variable of Claude Code and the Agent SDK. */
export const OAUTH_TOKEN_ENV = 'CLAUDE_CODE_OAUTH_TOKEN';
/** A token sent as `Authorization: Bearer` (what subscription tokens are sent as). */
export const AUTH_TOKEN_ENV = 'ANTHROPIC_AUTH_TOKEN';
/** The API key variable: the right credential for anything that is not one person's own use. */
export const API_KEY_ENV = 'ANTHROPIC_API_KEY';
/** Switches that make Claude Code authenticate with a cloud provider instead of Anthropic. */
export const CLOUD_PROVIDER_ENV: readonly string[] = ['CLAUDE_CODE_USE_BEDROCK', 'CLAUDE_CODE_USE_VERTEX', 'CLAUDE_CODE_USE_FOUNDRY'];
/** Claude Code setting that runs a command to obtain an API key. */
export const API_KEY_HELPER_SETTING = 'apiKeyHelper';

/** Every sink package, all ecosystems. */
export const SINK_PACKAGES: readonly SinkPackage[] = [...AGENT_SDK_PACKAGES, ...ANTHROPIC_SDK_PACKAGES];

/** The entry-point frameworks of one ecosystem. */
export function entryPointFrameworksOf(ecosystem: Ecosystem): EntryPointFramework[] {
  return ENTRY_POINT_FRAMEWORKS.filter((framework) => framework.ecosystem === ecosystem);
}

/** The framework an import name belongs to, in an ecosystem. */
export function frameworkOfPackage(ecosystem: Ecosystem, name: string): EntryPointFramework | undefined {
  return ENTRY_POINT_FRAMEWORKS.find((framework) => framework.ecosystem === ecosystem && framework.packages.includes(name));
}

/** `claude` as code runs it (a command word in quotes, a command line, a binary path): the CLI sink's trigger words. */
export const CLAUDE_CLI_TRIGGERS: readonly string[] = [
  "'claude'", '"claude"', '`claude', 'claude -', '/claude', 'claude.exe', 'claude.cmd', "claude'", 'claude"', 'CLAUDE_BIN', 'CLAUDE_PATH', 'CLAUDE_CLI', 'claudePath', 'claudeBin', 'claudeCommand',
  ...CLAUDE_CLI_PACKAGES,
];
