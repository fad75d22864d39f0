/**
 * Recognises multi-user surfaces in one file: the functions that run when someone else sends a
 * request or a message. Slack (`@slack/bolt` `app.message/command/event/action/shortcut/view`),
 * Discord (discord.js `messageCreate`/`interactionCreate` listeners and slash-command modules),
 * Telegram (telegraf, grammY, node-telegram-bot-api) and HTTP: express, fastify, hono, koa routes,
 * node:http(s) `createServer`, `Bun.serve`, `Deno.serve`, h3 event handlers, `export default {
 * fetch }` workers, and file-routed handlers (Next.js route handlers in `app/**\/route.ts` and API
 * routes in `pages/api/**`, Remix actions and loaders, SvelteKit and Astro endpoints).
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  BOT_FRAMEWORKS,
  CHAINED_HANDLERS,
  DISCORD_COMMAND_BUILDERS,
  DISCORD_MESSAGE_EVENTS,
  EVENT_HANDLER_FACTORIES,
  FILE_ROUTES,
  HTTP_FRAMEWORKS,
  HTTP_ROUTE_METHODS,
  NODE_HTTP_MODULES,
  type SurfaceKind,
} from '../detect/surface-frameworks.js';
import { functionOf, type FunctionNode } from './functions.js';
import { forEachNode } from './node-index.js';
import { GLOBAL_MODULE, mayBeRepositoryModule, type ModuleRef } from './imports.js';
import type { ImportUse } from './reach.js';
import { calleeName, findProperty, skipWrappers, staticPropertyName, type StaticEvaluator } from './static-string.js';
import { objectLiteralOf } from './claude-invocations.js';

/** A function that runs for other people's requests or messages. */
export interface SurfaceHandler {
  kind: SurfaceKind;
  /** For messages: "Slack `app.message` handler", "express `POST /chat` handler", "Next.js route handler (`POST`)". */
  label: string;
  /** The handler function, when it is in this file. */
  handler?: FunctionNode;
  /** The handler, when it is imported from another module of the repository (`app.post('/x', handleChat)`). */
  imported?: ImportUse;
  /** Where the handler is registered (the registering call or export), for locations in messages. */
  node: TSESTree.Node;
}

/** What surface recognition needs from the file. */
export interface SurfaceContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  evaluator: StaticEvaluator;
  resolve: (node: TSESTree.Node) => ModuleRef | undefined;
  /** Modules the file imports (src/js/imports.ts `importedModules`). */
  modules: ReadonlySet<string>;
  /** The file's path, `/`-separated (file-routed frameworks). */
  filename: string;
}

/**
 * Every surface handler of a file, in source order.
 *
 * @param context - the file's helpers
 */
export function findSurfaceHandlers(context: SurfaceContext): SurfaceHandler[] {
  const { sourceCode, modules } = context;
  const found: SurfaceHandler[] = [];
  const add = (kind: SurfaceKind, label: string, handler: TSESTree.Node | undefined | null, node: TSESTree.Node): void => {
    const fn = functionOf(sourceCode, handler ?? undefined);
    if (fn) {
      if (!found.some((known) => known.handler === fn)) found.push({ kind, label, handler: fn, node });
      return;
    }
    const ref = handler ? context.resolve(handler) : undefined;
    if (ref && mayBeRepositoryModule(ref.module)) found.push({ kind, label, imported: { source: ref.module, name: ref.path[0] ?? '*' }, node });
  };
  const bots = BOT_FRAMEWORKS.filter((framework) => framework.modules.some((name) => modules.has(name)));
  const http = HTTP_FRAMEWORKS.find((framework) => framework.modules.some((name) => modules.has(name)))?.label;
  const usesKoa = modules.has('koa');

  forEachNode(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      callSurface(context, node, bots, http, usesKoa, add);
    } else if (node.type === AST_NODE_TYPES.ObjectExpression) {
      discordCommandModule(context, node, add);
    } else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      // `export default { fetch(request, env) { … } }`: a Workers/Bun/Deno module handler.
      const object = objectLiteralOf(sourceCode, node.declaration);
      const fetchHandler = object && findProperty(object, 'fetch');
      if (fetchHandler) add('http', '`fetch` request handler', fetchHandler, node);
    }
  });
  fileRoutes(context, add);
  return found;
}

type Add = (kind: SurfaceKind, label: string, handler: TSESTree.Node | undefined | null, node: TSESTree.Node) => void;

function callSurface(
  context: SurfaceContext,
  node: TSESTree.CallExpression,
  bots: typeof BOT_FRAMEWORKS,
  http: string | undefined,
  usesKoa: boolean,
  add: Add,
): void {
  const { evaluator, resolve } = context;
  const callee = skipWrappers(node.callee);
  // Handlers: function literals, local functions, and functions imported from the repository.
  // Resolved only for a call that registers a handler: resolving every argument of every call was most of this pass.
  let handlerArguments: TSESTree.CallExpressionArgument[] | undefined;
  const functions = (): TSESTree.CallExpressionArgument[] =>
    (handlerArguments ??= node.arguments.filter((argument) => functionOf(context.sourceCode, argument) || isImportedFromRepository(context, argument)));
  // `app.event('app_mention')(handleMention)`: the registering call returns the function that takes the handler.
  if (callee.type === AST_NODE_TYPES.CallExpression) {
    const inner = calleeName(callee.callee);
    const bot = bots.find((candidate) => candidate.kind !== 'discord' && inner !== undefined && candidate.methods.includes(inner));
    if (bot) for (const fn of functions()) add(bot.kind, `${bot.name} \`${inner}\` handler`, fn, node);
    return;
  }
  const method = calleeName(callee);
  if (!method) return;
  const [first] = node.arguments;
  const firstText = first ? evaluator.string(first) : undefined;
  const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? (calleeName(callee.object) ?? 'app') : undefined;

  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const chained = CHAINED_HANDLERS.find((candidate) => candidate.methods.includes(method) && candidate.chain.test(context.sourceCode.getText(callee.object)));
    if (chained) {
      for (const fn of functions()) add('http', chained.label, fn, node);
      return;
    }
    for (const bot of bots) {
      if (!bot.methods.includes(method)) continue;
      if (bot.kind === 'discord' && !isDiscordMessageEvent(first, firstText)) continue;
      const label = bot.kind === 'discord' ? `Discord \`${firstText ?? 'messageCreate'}\` listener` : `${bot.name} \`${receiver}.${method}\` handler`;
      for (const fn of functions()) add(bot.kind, label, fn, node);
      return;
    }
    if (!bots.some((bot) => bot.kind === 'discord') && (method === 'on' || method === 'once') && first && isDiscordMessageEvent(first, firstText) && firstText !== 'message') {
      for (const fn of functions()) add('discord', `Discord \`${firstText ?? 'messageCreate'}\` listener`, fn, node);
      return;
    }
    // app.post('/chat', handler), router.get('/x', auth, handler), fastify.get('/x', { schema }, handler)
    if (HTTP_ROUTE_METHODS.includes(method) && firstText !== undefined && /^[/*]/.test(firstText)) {
      const label = `${http ?? 'HTTP'} \`${method.toUpperCase()} ${firstText}\` handler`;
      for (const fn of functions()) add('http', label, fn, node);
      return;
    }
    // router.route('/x').post(handler)
    const routed = skipWrappers(callee.object);
    if (HTTP_ROUTE_METHODS.includes(method) && routed.type === AST_NODE_TYPES.CallExpression && calleeName(routed.callee) === 'route') {
      const path = evaluator.string(routed.arguments[0]) ?? '*';
      for (const fn of functions()) add('http', `${http ?? 'HTTP'} \`${method.toUpperCase()} ${path}\` handler`, fn, node);
      return;
    }
    // fastify.route({ method, url, handler })
    if (method === 'route' && http) {
      const options = objectLiteralOf(context.sourceCode, first);
      const handler = options && findProperty(options, 'handler');
      if (handler) add('http', `${http} \`${evaluator.string(options && findProperty(options, 'url')) ?? 'route'}\` handler`, handler, node);
      return;
    }
    // koa: app.use(async (ctx) => …)
    if (method === 'use' && usesKoa) {
      for (const fn of functions()) add('http', 'koa middleware', fn, node);
      return;
    }
    if (method === 'on' && firstText === 'request' && [...context.modules].some((name) => NODE_HTTP_MODULES.includes(name))) {
      for (const fn of functions()) add('http', 'node:http `request` listener', fn, node);
      return;
    }
  }

  if (EVENT_HANDLER_FACTORIES.includes(method)) {
    add('http', `h3 \`${method}\` handler`, first, node);
    return;
  }
  const ref = resolve(callee);
  if (!ref) return;
  if (NODE_HTTP_MODULES.includes(ref.module) && (ref.path[0] === 'createServer' || ref.path[0] === 'createSecureServer')) {
    for (const fn of functions()) add('http', `node:${ref.module.replace(/^node:/, '')} server handler`, fn, node);
    return;
  }
  const global = ref.module === GLOBAL_MODULE || ref.module === 'bun' ? ref.path.join('.') : undefined;
  if (global === 'Bun.serve' || global === 'serve') {
    const options = objectLiteralOf(context.sourceCode, first);
    if (!options) return;
    add('http', '`Bun.serve` fetch handler', findProperty(options, 'fetch'), node);
    const routes = objectLiteralOf(context.sourceCode, findProperty(options, 'routes'));
    for (const property of routes?.properties ?? []) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const route = staticPropertyName(property) ?? '*';
      const methods = objectLiteralOf(context.sourceCode, property.value);
      if (!methods) add('http', `\`Bun.serve\` \`${route}\` route`, property.value, node);
      for (const entry of methods?.properties ?? []) {
        if (entry.type === AST_NODE_TYPES.Property) add('http', `\`Bun.serve\` \`${staticPropertyName(entry) ?? ''} ${route}\` route`, entry.value, node);
      }
    }
  } else if (global === 'Deno.serve') {
    for (const fn of functions()) add('http', '`Deno.serve` handler', fn, node);
    const options = objectLiteralOf(context.sourceCode, first);
    if (options) add('http', '`Deno.serve` handler', findProperty(options, 'handler'), node);
  }
}

function isImportedFromRepository(context: SurfaceContext, node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  if (inner.type !== AST_NODE_TYPES.Identifier && inner.type !== AST_NODE_TYPES.MemberExpression) return false;
  const ref = context.resolve(inner);
  return ref !== undefined && mayBeRepositoryModule(ref.module);
}

function isDiscordMessageEvent(node: TSESTree.Node | undefined, text: string | undefined): boolean {
  if (text !== undefined) return DISCORD_MESSAGE_EVENTS.includes(text) || text === 'message';
  const inner = node && skipWrappers(node);
  // Events.MessageCreate, Events.InteractionCreate
  return inner?.type === AST_NODE_TYPES.MemberExpression && DISCORD_MESSAGE_EVENTS.includes(staticPropertyName(inner) ?? '');
}

/** `{ data: new SlashCommandBuilder()…, async execute(interaction) { … } }`: a discord.js slash command. */
function discordCommandModule(context: SurfaceContext, node: TSESTree.ObjectExpression, add: Add): void {
  const data = findProperty(node, 'data');
  const execute = findProperty(node, 'execute');
  if (!data || !execute) return;
  const text = context.sourceCode.getText(data);
  if (DISCORD_COMMAND_BUILDERS.some((builder) => text.includes(builder))) add('discord', 'Discord slash command', execute, node);
}

/** Next.js, Remix, SvelteKit and Astro: handlers are named exports of files at known paths. */
function fileRoutes(context: SurfaceContext, add: Add): void {
  const route = FILE_ROUTES.find((candidate) => candidate.path.test(context.filename));
  if (!route) return;
  for (const statement of context.sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && route.exports.includes('default')) {
      add('http', route.label, defaultHandler(context, statement.declaration), statement);
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id && route.exports.includes(declaration.id.name)) {
      add('http', `${route.label} (\`${declaration.id.name}\`)`, declaration, statement);
    }
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && route.exports.includes(declarator.id.name)) {
          add('http', `${route.label} (\`${declarator.id.name}\`)`, defaultHandler(context, declarator.init ?? undefined), statement);
        }
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : String(specifier.exported.value);
      if (route.exports.includes(exported) && specifier.local.type === AST_NODE_TYPES.Identifier) {
        add('http', `${route.label} (\`${exported}\`)`, specifier.local, statement);
      }
    }
  }
}

/** `export default handler`, `export default withAuth(async (req, res) => …)`: the function that handles requests. */
function defaultHandler(context: SurfaceContext, node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const fn = functionOf(context.sourceCode, node);
  if (fn) return fn;
  const inner = node && skipWrappers(node);
  if (inner?.type === AST_NODE_TYPES.CallExpression) {
    for (const argument of inner.arguments) {
      const wrapped = defaultHandler(context, argument);
      if (wrapped) return wrapped;
    }
  }
  return undefined;
}
