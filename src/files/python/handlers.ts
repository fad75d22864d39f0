/**
 * Entry points of a Python module: the functions that answer other people. Web request handlers
 * (FastAPI, Flask, Quart, Starlette, aiohttp, Sanic, Litestar, Django views, LiteLLM custom
 * providers) and chat-bot handlers (slack_bolt, discord.py, python-telegram-bot, aiogram,
 * pyTelegramBotAPI, matrix-nio). Recognised from one table ({@link PYTHON_FRAMEWORKS}): the
 * decorators, registration calls (`app.add_handler(MessageHandler(filters.TEXT, on_text))`,
 * `app.event("app_mention")(self.on_mention)`, `client.add_event_callback(cb, RoomMessageText)`)
 * and base classes these frameworks document, and only in modules that import the framework.
 *
 * @packageDocumentation
 */
import { callArguments, unwrap } from './evaluate.js';
import type { ModuleScope } from './scope.js';
import type { PyNode } from './tree.js';

/** Who can trigger an entry point: anyone who can send a web request, or a chat message. */
export type EntryKind = 'http' | 'chat';

/** One framework's ways of registering handlers. Adding a framework is one entry of {@link PYTHON_FRAMEWORKS}. */
export interface PythonFramework {
  /** As messages name it: `FastAPI`, `slack_bolt`. */
  name: string;
  kind: EntryKind;
  /** The chat service, for bots: `Slack`, `Discord`, `Telegram`, `Matrix`. */
  service?: string;
  /** Top-level packages whose import enables the framework. */
  packages: readonly string[];
  /** Decorator methods that register their function: `@app.post(...)`, `@app.event(...)`. */
  decorators?: readonly string[];
  /** Decorators named by their qualified name (`litestar.get`). */
  bareDecorators?: RegExp;
  /** Calls whose arguments include the handler: `add_url_rule`, `MessageHandler`, `add_event_callback`. */
  registrations?: RegExp;
  /** Registrar methods called with the route first and the handler after: `app.event("x")(handler)`. */
  curried?: readonly string[];
  /** Base classes whose subclasses' methods in {@link handlerMethods} are handlers. */
  handlerBases?: RegExp;
  handlerMethods?: RegExp;
}

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'route', 'api_route', 'websocket', 'websocket_route', 'view'];
/** Methods of class-based views that answer requests. */
const VIEW_METHODS = /^(get|post|put|patch|delete|list|create|retrieve|update|partial_update|destroy|dispatch)$/;

/** The Python frameworks whose handlers are entry points. */
export const PYTHON_FRAMEWORKS: readonly PythonFramework[] = [
  { name: 'FastAPI', kind: 'http', packages: ['fastapi'], decorators: HTTP_VERBS, registrations: /(^|\.)(add_api_route|add_api_websocket_route|add_route)$/, handlerBases: /Endpoint$/, handlerMethods: VIEW_METHODS },
  { name: 'Flask', kind: 'http', packages: ['flask'], decorators: HTTP_VERBS, registrations: /(^|\.)add_url_rule$/, handlerBases: /(View|MethodView)$/, handlerMethods: VIEW_METHODS },
  { name: 'Quart', kind: 'http', packages: ['quart'], decorators: HTTP_VERBS, registrations: /(^|\.)add_url_rule$/ },
  { name: 'Starlette', kind: 'http', packages: ['starlette'], decorators: HTTP_VERBS, registrations: /(^|\.)(Route|WebSocketRoute|add_route|add_websocket_route)$/, handlerBases: /(HTTPEndpoint|WebSocketEndpoint)$/, handlerMethods: VIEW_METHODS },
  { name: 'aiohttp', kind: 'http', packages: ['aiohttp'], decorators: HTTP_VERBS, registrations: /(^|\.)(add_get|add_post|add_put|add_patch|add_delete|add_route)$|^aiohttp\.web\.(get|post|put|patch|delete|route|view)$/, handlerBases: /View$/, handlerMethods: VIEW_METHODS },
  { name: 'Sanic', kind: 'http', packages: ['sanic'], decorators: HTTP_VERBS, bareDecorators: /^sanic\.(get|post|put|patch|delete|route|websocket)$/, registrations: /(^|\.)add_route$/ },
  { name: 'Litestar', kind: 'http', packages: ['litestar'], decorators: HTTP_VERBS, bareDecorators: /^litestar\.(get|post|put|patch|delete|route|websocket)$/ },
  { name: 'Django', kind: 'http', packages: ['django', 'rest_framework'], decorators: ['action', 'api_view'], registrations: /(^|\.)(path|re_path|url)$/, handlerBases: /(View|ViewSet|APIView)$/, handlerMethods: VIEW_METHODS },
  // A LiteLLM custom provider answers every request the LiteLLM proxy routes to it.
  { name: 'LiteLLM', kind: 'http', packages: ['litellm'], handlerBases: /(^|\.)CustomLLM$/, handlerMethods: /^a?(completion|streaming|embedding|image_generation)$/ },
  { name: 'slack_bolt', kind: 'chat', service: 'Slack', packages: ['slack_bolt'], decorators: ['event', 'message', 'command', 'action', 'shortcut', 'view', 'options', 'function'], curried: ['event', 'message', 'command', 'action', 'shortcut', 'view', 'options', 'function'] },
  { name: 'discord.py', kind: 'chat', service: 'Discord', packages: ['discord', 'nextcord', 'disnake'], decorators: ['command', 'event', 'listener', 'hybrid_command', 'slash_command', 'context_menu', 'user_command', 'message_command'], registrations: /(^|\.)(add_listener|add_command)$/, handlerBases: /(Client|Bot|Cog|AutoShardedBot)$/, handlerMethods: /^on_(message|interaction|reaction_add|member_join|application_command)/ },
  { name: 'python-telegram-bot', kind: 'chat', service: 'Telegram', packages: ['telegram'], registrations: /(^|\.)(Command|Message|CallbackQuery|InlineQuery|ChosenInlineResult|ChatMember|Poll|PreCheckoutQuery|Type|Prefix|Conversation|Business\w*)Handler$/ },
  { name: 'aiogram', kind: 'chat', service: 'Telegram', packages: ['aiogram'], decorators: ['message', 'callback_query', 'inline_query', 'edited_message', 'channel_post', 'business_message'], registrations: /(^|\.)(message|callback_query|inline_query|edited_message)\.register$/ },
  { name: 'pyTelegramBotAPI', kind: 'chat', service: 'Telegram', packages: ['telebot'], decorators: ['message_handler', 'callback_query_handler', 'inline_handler', 'edited_message_handler', 'channel_post_handler'], registrations: /(^|\.)register_\w+_handler$/ },
  { name: 'matrix-nio', kind: 'chat', service: 'Matrix', packages: ['nio'], registrations: /(^|\.)add_event_callback$/ },
];

/** An entry point: where it is registered, and the expressions that name its handler. */
export interface EntryPoint {
  framework: PythonFramework;
  /** The decorator, registration call or method name that makes it an entry point. */
  site: PyNode;
  /** The handler's definition, when the module defines it (decorators, class-based handlers). */
  definition?: PyNode;
  /** Expressions that may name the handler, for registration calls (`on_text`, `self.on_mention`, `auth(on_text)`). */
  callbacks: PyNode[];
}

/** A function of the module that handles other people's requests or messages. */
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

/** How messages name a framework's handlers: `FastAPI request handler`, `Slack bot handler (slack_bolt)`. */
export function surfaceOf(framework: PythonFramework): string {
  return framework.kind === 'chat' ? `${framework.service ?? ''} bot handler (${framework.name})`.trim() : `${framework.name} request handler`;
}

function frameworksOf(packages: ReadonlySet<string>): PythonFramework[] {
  return PYTHON_FRAMEWORKS.filter((framework) => framework.packages.some((name) => packages.has(name)));
}

/** The method name of `x.method` (or `x.method(...)`'s callee), if the expression is one. */
function methodName(expression: PyNode | undefined): string | undefined {
  return expression?.type === 'attribute' ? expression.child('attribute')?.text : undefined;
}

/** The framework a decorator registers its function with. */
function decoratorFramework(decorator: PyNode, frameworks: PythonFramework[], scope: ModuleScope): PythonFramework | undefined {
  let expression = unwrap(decorator.namedChildren[0]);
  if (expression?.type === 'call') expression = expression.child('function');
  if (!expression) return undefined;
  const qualified = scope.qualifiedName(expression) ?? '';
  const bare = frameworks.find((framework) => framework.bareDecorators?.test(qualified));
  if (bare) return bare;
  const method = methodName(expression);
  if (method === undefined) return undefined;
  // Chat frameworks first: `@app.message` is slack_bolt's even where a web framework is imported too.
  const ordered = [...frameworks.filter((framework) => framework.kind === 'chat'), ...frameworks.filter((framework) => framework.kind === 'http')];
  return ordered.find((framework) => framework.decorators?.includes(method));
}

/** Expressions among a call's arguments (nested calls' arguments included) that may name a function. */
function callbackExpressions(call: PyNode): PyNode[] {
  const found: PyNode[] = [];
  const { positional, keywords } = callArguments(call);
  for (const argument of [...positional, ...keywords.values()]) {
    const inner = unwrap(argument);
    if (inner?.type === 'identifier' || inner?.type === 'attribute') found.push(inner);
    else if (inner?.type === 'call') found.push(...callbackExpressions(inner));
    else if (inner?.type === 'lambda') found.push(inner);
  }
  return found;
}

/** The class a method is defined in (decorated or not), if any. */
function classOf(definition: PyNode): PyNode | undefined {
  const body = definition.parent?.type === 'decorated_definition' ? definition.parent.parent : definition.parent;
  return body?.type === 'block' && body.parent?.type === 'class_definition' ? body.parent : undefined;
}

/**
 * Finds the entry points of a module.
 *
 * @param scope - the module's names
 * @returns in source order
 */
export function findEntryPoints(scope: ModuleScope): EntryPoint[] {
  const frameworks = frameworksOf(scope.importedPackages);
  if (frameworks.length === 0) return [];
  const entries: EntryPoint[] = [];
  const registered = new Set<PyNode>();
  for (const node of scope.root.descendants()) {
    if (node.type === 'decorated_definition') {
      const definition = node.child('definition');
      if (definition?.type !== 'function_definition') continue;
      for (const decorator of node.namedChildren.filter((child) => child.type === 'decorator')) {
        const framework = decoratorFramework(decorator, frameworks, scope);
        if (framework) {
          entries.push({ framework, site: decorator, definition, callbacks: [] });
          break;
        }
      }
    } else if (node.type === 'call') {
      const callee = node.child('function');
      const qualified = scope.qualifiedName(callee) ?? '';
      const registration = frameworks.find((framework) => framework.registrations?.test(qualified));
      if (registration && !registered.has(node)) {
        // `app.add_handler(MessageHandler(...))`: the registration is reported where it is added.
        const outer = node.parent?.type === 'argument_list' && node.parent.parent?.type === 'call' ? node.parent.parent : node;
        registered.add(node);
        entries.push({ framework: registration, site: outer, callbacks: callbackExpressions(node) });
        continue;
      }
      // `app.event("app_mention")(self.on_mention)`
      const inner = callee?.type === 'call' ? callee.child('function') : undefined;
      const curried = frameworks.find((framework) => framework.curried?.includes(methodName(inner) ?? ''));
      if (curried) entries.push({ framework: curried, site: node, callbacks: callbackExpressions(node) });
    } else if (node.type === 'function_definition') {
      const cls = classOf(node);
      const name = node.child('name')?.text ?? '';
      if (!cls) {
        // Django function views: `def view(request, ...)` at module level in a Django module.
        const django = frameworks.find((framework) => framework.name === 'Django');
        const first = node.child('parameters')?.namedChildren[0];
        const firstName = first?.type === 'identifier' ? first.text : first?.namedChildren[0]?.text;
        if (django && (node.parent?.type === 'module' || node.parent?.parent?.type === 'module') && firstName === 'request') entries.push({ framework: django, site: node.child('name') ?? node, definition: node, callbacks: [] });
        continue;
      }
      const bases = (cls.child('superclasses')?.namedChildren ?? []).map((base) => scope.qualifiedName(base) ?? base.text);
      const framework = frameworks.find((candidate) => candidate.handlerMethods?.test(name) && bases.some((base) => candidate.handlerBases?.test(base)));
      if (framework) entries.push({ framework, site: node.child('name') ?? node, definition: node, callbacks: [] });
    }
  }
  return entries.sort((a, b) => a.site.start - b.site.start);
}

/**
 * The handlers a module defines itself (decorated, class-based, or registered by a call of the same
 * module), for the checks that follow a request's data through the handler.
 *
 * @param scope - the module's names
 * @returns each handler once, in source order
 */
export function findHandlers(scope: ModuleScope): Handler[] {
  const handlers = new Map<PyNode, Handler>();
  for (const entry of findEntryPoints(scope)) {
    const definitions = entry.definition ? [entry.definition] : entry.callbacks.map((callback) => scope.localFunction(callback));
    for (const definition of definitions) {
      if (!definition || handlers.has(definition)) continue;
      handlers.set(definition, { definition, framework: entry.framework.name, surface: surfaceOf(entry.framework), bot: entry.framework.kind === 'chat' });
    }
  }
  return [...handlers.values()].sort((a, b) => a.definition.start - b.definition.start);
}
