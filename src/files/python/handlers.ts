/**
 * Which functions of a Python module answer other people: web request handlers (FastAPI, Flask,
 * Quart, Starlette, aiohttp, Sanic, Litestar, Django views) and chat-bot handlers (slack_bolt,
 * discord.py, python-telegram-bot, aiogram, pyTelegramBotAPI). Recognised by the decorators and
 * registration calls these frameworks document, and only in modules that import the framework.
 *
 * @packageDocumentation
 */
import { callArguments, unwrap } from './evaluate.js';
import type { ModuleScope } from './scope.js';
import type { PyNode } from './tree.js';

/** A function that handles other people's requests or messages. */
export interface Handler {
  /** The `function_definition` node. */
  definition: PyNode;
  /** The framework, as messages name it: `FastAPI`, `Flask`, `slack_bolt`, … */
  framework: string;
  /** What kind of surface it is, for messages: `FastAPI request handler`, `Slack bot handler (slack_bolt)`. */
  surface: string;
  /** True for chat bots, false for web request handlers. */
  bot: boolean;
}

interface Framework {
  name: string;
  bot: boolean;
  /** The chat service, for bots: `Slack`, `Discord`, `Telegram`. */
  service?: string;
}

/** Web frameworks by top-level package. */
const WEB_FRAMEWORKS: Readonly<Record<string, string>> = {
  fastapi: 'FastAPI',
  flask: 'Flask',
  quart: 'Quart',
  starlette: 'Starlette',
  aiohttp: 'aiohttp',
  sanic: 'Sanic',
  litestar: 'Litestar',
  django: 'Django',
  rest_framework: 'Django',
};
/** Decorator methods that register an HTTP route: `@app.get("/")`, `@bp.route("/")`, `@routes.post(...)`. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route', 'websocket', 'websocket_route', 'view']);
/** slack_bolt listener decorators: `@app.event("app_mention")`, `@app.command("/ask")`, … */
const SLACK_METHODS = new Set(['event', 'message', 'command', 'action', 'shortcut', 'view', 'options', 'function']);
/** discord.py decorators: `@bot.command()`, `@client.event`, `@tree.command(...)`, `@commands.Cog.listener()`. */
const DISCORD_METHODS = new Set(['command', 'event', 'listener', 'hybrid_command', 'slash_command', 'context_menu', 'user_command', 'message_command']);
/** aiogram router decorators: `@dp.message(...)`, `@router.callback_query(...)`. */
const AIOGRAM_METHODS = new Set(['message', 'callback_query', 'inline_query', 'edited_message', 'channel_post', 'business_message']);
/** python-telegram-bot handler classes: the callback is one of their arguments. */
const TELEGRAM_HANDLER_CLASSES = /^(Command|Message|CallbackQuery|InlineQuery|ChosenInlineResult|ChatMember|Poll|PreCheckoutQuery|Type|Prefix|Conversation)Handler$/;
/** Route registrations that take the handler as an argument (aiohttp, Starlette, Flask, Django URLconfs). */
const REGISTRATION_CALLS = /(^|\.)(add_get|add_post|add_put|add_patch|add_delete|add_route|add_api_route|add_url_rule|add_api_websocket_route|Route|WebSocketRoute|path|re_path)$|^aiohttp\.web\.(get|post|put|patch|delete|route|view)$/;
/** Methods of class-based views that answer requests. */
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'list', 'create', 'retrieve', 'update', 'partial_update', 'destroy', 'dispatch']);
/** Base classes of class-based views (Django, DRF, Starlette, Flask MethodView, aiohttp). */
const VIEW_BASES = /(View|ViewSet|Endpoint|APIView|MethodView)$/;

function frameworkOfPackages(packages: ReadonlySet<string>): Framework[] {
  const found: Framework[] = [];
  for (const [name, label] of Object.entries(WEB_FRAMEWORKS)) if (packages.has(name)) found.push({ name: label, bot: false });
  if (packages.has('slack_bolt')) found.push({ name: 'slack_bolt', bot: true, service: 'Slack' });
  if (packages.has('discord') || packages.has('nextcord')) found.push({ name: 'discord.py', bot: true, service: 'Discord' });
  if (packages.has('telegram')) found.push({ name: 'python-telegram-bot', bot: true, service: 'Telegram' });
  if (packages.has('aiogram')) found.push({ name: 'aiogram', bot: true, service: 'Telegram' });
  if (packages.has('telebot')) found.push({ name: 'pyTelegramBotAPI', bot: true, service: 'Telegram' });
  return found;
}

function surfaceOf(framework: Framework): string {
  return framework.bot ? `${framework.service ?? ''} bot handler (${framework.name})`.trim() : `${framework.name} request handler`;
}

/** The framework a decorator registers its function with, if it is a route or listener decorator. */
function decoratorFramework(decorator: PyNode, frameworks: Framework[], scope: ModuleScope): Framework | undefined {
  let expression = unwrap(decorator.namedChildren[0]);
  if (expression?.type === 'call') expression = expression.child('function');
  if (!expression) return undefined;
  const qualified = scope.qualifiedName(expression) ?? '';
  // Litestar and Sanic blueprints also offer bare `@get("/")` / `@post(...)`.
  const bare = /^(litestar|sanic)\.(get|post|put|patch|delete|route|websocket)$/.test(qualified);
  if (bare) return frameworks.find((framework) => !framework.bot) ?? { name: qualified.split('.')[0] ?? 'HTTP', bot: false };
  if (expression.type !== 'attribute') return undefined;
  const method = expression.child('attribute')?.text ?? '';
  const has = (name: string) => frameworks.find((framework) => framework.name === name);
  if (SLACK_METHODS.has(method) && has('slack_bolt')) return has('slack_bolt');
  if (DISCORD_METHODS.has(method) && has('discord.py')) return has('discord.py');
  if (AIOGRAM_METHODS.has(method) && has('aiogram')) return has('aiogram');
  if (method.endsWith('_handler') && has('pyTelegramBotAPI')) return has('pyTelegramBotAPI');
  if (ROUTE_METHODS.has(method)) return frameworks.find((framework) => !framework.bot);
  return undefined;
}

/**
 * Finds the handlers of a module.
 *
 * @param scope - the module's names
 * @returns each handler once, in source order
 */
export function findHandlers(scope: ModuleScope): Handler[] {
  const frameworks = frameworkOfPackages(scope.importedPackages);
  if (frameworks.length === 0) return [];
  const handlers = new Map<PyNode, Handler>();
  const add = (definition: PyNode | undefined, framework: Framework | undefined): void => {
    if (!definition || !framework || handlers.has(definition)) return;
    handlers.set(definition, { definition, framework: framework.name, surface: surfaceOf(framework), bot: framework.bot });
  };
  const web = frameworks.find((framework) => !framework.bot);
  const telegram = frameworks.find((framework) => framework.name === 'python-telegram-bot');
  const discord = frameworks.find((framework) => framework.name === 'discord.py');

  for (const node of scope.root.descendants()) {
    if (node.type === 'decorated_definition') {
      const definition = node.child('definition');
      if (definition?.type !== 'function_definition') continue;
      for (const decorator of node.namedChildren.filter((child) => child.type === 'decorator')) {
        add(definition, decoratorFramework(decorator, frameworks, scope));
      }
    } else if (node.type === 'call') {
      const qualified = scope.qualifiedName(node.child('function')) ?? '';
      const last = qualified.split('.').at(-1) ?? '';
      const framework = telegram && TELEGRAM_HANDLER_CLASSES.test(last) ? telegram : web && REGISTRATION_CALLS.test(qualified) ? web : undefined;
      if (!framework) continue;
      const { positional, keywords } = callArguments(node);
      for (const argument of [...positional, ...keywords.values()]) add(scope.localFunction(unwrap(argument)), framework);
    } else if (node.type === 'function_definition') {
      const name = node.child('name')?.text ?? '';
      const cls = node.parent?.parent?.type === 'class_definition' ? node.parent.parent : node.parent?.parent?.parent?.type === 'class_definition' ? node.parent.parent.parent : undefined;
      const bases = cls?.child('superclasses')?.text ?? '';
      if (web && cls && VIEW_METHODS.has(name) && bases.split(/[\s,()]+/).some((base) => VIEW_BASES.test(base))) add(node, web);
      else if (discord && cls && /^on_(message|interaction|reaction_add|member_join)/.test(name)) add(node, discord);
      else if (web?.name === 'Django' && !cls && node.parent?.type !== 'block') {
        const first = node.child('parameters')?.namedChildren[0];
        if (first && (first.type === 'identifier' ? first.text : first.namedChildren[0]?.text) === 'request') add(node, web);
      }
    }
  }
  return [...handlers.values()].sort((a, b) => a.definition.start - b.definition.start);
}
