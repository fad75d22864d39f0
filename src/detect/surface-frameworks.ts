/**
 * Multi-user surfaces by name: the bot and web frameworks whose handlers act for other people, and
 * the methods that register those handlers. Pure names; recognition lives in src/js/surfaces.ts.
 *
 * @packageDocumentation
 */

/** A kind of multi-user surface. */
export type SurfaceKind = 'http' | 'slack' | 'discord' | 'telegram';

/** A bot framework: the packages that identify it and its handler-registering methods. */
export interface BotFramework {
  kind: Exclude<SurfaceKind, 'http'>;
  /** Shown in messages: "Slack", "Discord", "Telegram". */
  name: string;
  modules: readonly string[];
  methods: readonly string[];
}

/** Slack (`@slack/bolt`), Discord (discord.js) and Telegram (telegraf, grammY, node-telegram-bot-api). */
export const BOT_FRAMEWORKS: readonly BotFramework[] = [
  { kind: 'slack', name: 'Slack', modules: ['@slack/bolt'], methods: ['message', 'command', 'event', 'action', 'shortcut', 'view', 'options', 'function'] },
  { kind: 'discord', name: 'Discord', modules: ['discord.js', '@discordjs/core'], methods: ['on', 'once'] },
  {
    kind: 'telegram',
    name: 'Telegram',
    modules: ['telegraf', 'grammy', 'node-telegram-bot-api'],
    methods: ['on', 'command', 'hears', 'start', 'help', 'action', 'onText', 'use', 'inlineQuery', 'callbackQuery', 'settings'],
  },
];

/** discord.js events that carry other people's messages and commands (names and `Events` keys). */
export const DISCORD_MESSAGE_EVENTS: readonly string[] = ['messageCreate', 'interactionCreate', 'MessageCreate', 'InteractionCreate'];
/** discord.js builders that mark a slash-command module (`{ data: new SlashCommandBuilder(), execute }`). */
export const DISCORD_COMMAND_BUILDERS: readonly string[] = ['SlashCommandBuilder', 'ContextMenuCommandBuilder'];

/** Web frameworks whose route methods take a path and handlers; the label is shown in messages. */
export const HTTP_FRAMEWORKS: ReadonlyArray<{ label: string; modules: readonly string[] }> = [
  { label: 'express', modules: ['express'] },
  { label: 'fastify', modules: ['fastify'] },
  { label: 'hono', modules: ['hono'] },
  { label: 'koa', modules: ['koa', '@koa/router', 'koa-router'] },
  { label: 'elysia', modules: ['elysia'] },
  { label: 'h3', modules: ['h3'] },
];

/** Route-registering methods of express, fastify, hono, koa-router and the like. */
export const HTTP_ROUTE_METHODS: readonly string[] = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head'];

/** Node's HTTP server modules (`createServer(handler)`). */
export const NODE_HTTP_MODULES: readonly string[] = ['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2'];

/** Exported names that are request handlers in file-routed frameworks. */
export const HTTP_VERB_EXPORTS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** File-routed frameworks: which files hold handlers, and which exports are handlers there. */
export const FILE_ROUTES: ReadonlyArray<{ label: string; path: RegExp; exports: readonly string[] }> = [
  { label: 'Next.js route handler', path: /(?:^|\/)app\/(?:.+\/)?route\.[cm]?[jt]sx?$/, exports: HTTP_VERB_EXPORTS },
  { label: 'Next.js API route', path: /(?:^|\/)pages\/api\/.+\.[cm]?[jt]sx?$/, exports: ['default'] },
  { label: 'Remix route', path: /(?:^|\/)app\/routes\/.+\.[cm]?[jt]sx?$/, exports: ['action', 'loader'] },
  { label: 'SvelteKit endpoint', path: /(?:^|\/)\+server\.[cm]?[jt]s$/, exports: HTTP_VERB_EXPORTS },
  { label: 'Astro endpoint', path: /(?:^|\/)src\/pages\/.+\.[cm]?[jt]s$/, exports: HTTP_VERB_EXPORTS },
];

/** Handler wrappers of h3/Nuxt: `defineEventHandler(async (event) => …)`. */
export const EVENT_HANDLER_FACTORIES: readonly string[] = ['defineEventHandler', 'eventHandler'];
