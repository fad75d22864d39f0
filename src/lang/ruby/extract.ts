/**
 * The Ruby front end: facts of one Ruby file (tree-sitter's Ruby grammar) for the model's judge.
 * - Entry points: Sinatra routes (`get '/x' do … end`), Rails controller actions (public methods
 *   of a class whose superclass is a controller), and bot listeners of the model's tables
 *   (discordrb `bot.message do`, telegram-bot-ruby `bot.listen do`, slack-ruby-bot `command`).
 * - Sinks: processes that start `claude`: backticks and `%x()`, `system`, `exec`, `spawn`,
 *   `Open3.*`, `IO.popen`, `PTY.spawn`, with an environment hash as first argument.
 * - Environment: `ENV["CLAUDE_CODE_OAUTH_TOKEN"] = …`, `ENV.delete("ANTHROPIC_API_KEY")`, reads of
 *   `ANTHROPIC_API_KEY`.
 * - Process starts that read Claude Code's keychain item or hand the token to a container.
 *
 * @packageDocumentation
 */
import { KEYCHAIN_SERVICE } from '../../detect/credential-store.js';
import type { TextFinding } from '../../detect/markers.js';
import type { OffsetRange } from '../../files/analyzer.js';
import { API_KEY_ENV, CLOUD_PROVIDER_ENV, ENTRY_POINT_FRAMEWORKS, HTTP_ROUTE_METHODS, type EntryPointFramework } from '../../model/index.js';
import { claudeStart, oauthEnvSource, readsClaudeKeychain, SUBSCRIPTION_ENV, tokenIntoContainer, type Started } from '../commands.js';
import { emptyExtraction, type Extraction } from '../facts.js';
import type { SyntaxNode } from '../tree.js';

/** Methods that start a process, by receiver (`''` for a bare call or `Kernel.`). */
const PROCESS_STARTERS: Readonly<Record<string, ReadonlySet<string>>> = {
  '': new Set(['system', 'exec', 'spawn']),
  Kernel: new Set(['system', 'exec', 'spawn']),
  Process: new Set(['spawn', 'exec']),
  Open3: new Set(['capture2', 'capture2e', 'capture3', 'popen2', 'popen2e', 'popen3', 'pipeline', 'pipeline_r', 'pipeline_w']),
  IO: new Set(['popen']),
  PTY: new Set(['spawn']),
};
/** Superclasses whose public methods are HTTP actions (Rails controllers). */
const CONTROLLER_SUPERCLASS = /(?:^|::)(?:ApplicationController|ActionController::(?:Base|API)|\w+Controller)$/;
/** Block-taking listener methods of the chat libraries in the model's tables (rubygems). */
const LISTENERS = new Map(
  ENTRY_POINT_FRAMEWORKS.filter((framework) => framework.ecosystem === 'rubygems' && framework.kind === 'chat').flatMap((framework) =>
    framework.registrars.map((registrar) => [registrar, framework] as const),
  ),
);
const SINATRA = ENTRY_POINT_FRAMEWORKS.find((framework) => framework.ecosystem === 'rubygems' && framework.name === 'Sinatra');
const RAILS = ENTRY_POINT_FRAMEWORKS.find((framework) => framework.ecosystem === 'rubygems' && framework.name === 'Rails');
const UNKNOWN = '*';
const STRING_TYPES = new Set(['string', 'subshell', 'simple_symbol', 'bare_string']);

function rangeOf(node: SyntaxNode): OffsetRange {
  return { start: node.start, end: node.end };
}

/** The Ruby front end's view of one file: constants and the evaluator over them. */
class RubyFile {
  /** Constants and locals assigned a string once (`BIN = "claude"`). */
  readonly strings = new Map<string, SyntaxNode>();
  readonly namesService: boolean;

  constructor(
    root: SyntaxNode,
    /** The file's text: files that use a chat library or Sinatra name it (`require "sinatra"`). */
    readonly text: string,
  ) {
    this.namesService = text.includes(KEYCHAIN_SERVICE);
    const rebound = new Set<string>();
    for (const node of root.descendants()) {
      if (node.type !== 'assignment') continue;
      const left = node.child('left');
      const right = node.child('right');
      if (!left || !right || !['constant', 'identifier'].includes(left.type) || right.type !== 'string') continue;
      if (this.strings.has(left.text)) rebound.add(left.text);
      this.strings.set(left.text, right);
    }
    for (const name of rebound) this.strings.delete(name);
  }

  /** A string value as far as it is known: literals, interpolations of known names, `+`; else `*`. */
  evaluate(node: SyntaxNode | undefined, depth = 0): string {
    if (!node || depth > 8) return UNKNOWN;
    if (STRING_TYPES.has(node.type)) {
      if (node.type === 'simple_symbol') return node.text.slice(1);
      return node.namedChildren
        .map((part) => (part.type === 'interpolation' ? this.evaluate(part.namedChildren[0], depth + 1) : part.type === 'escape_sequence' ? part.text.slice(1) : part.text))
        .join('');
    }
    // `"a" \\ "b"` over several lines.
    if (node.type === 'chained_string') return node.namedChildren.map((part) => this.evaluate(part, depth + 1)).join('');
    if (node.type === 'binary' && node.child('operator')?.text === '+') return this.evaluate(node.child('left'), depth + 1) + this.evaluate(node.child('right'), depth + 1);
    if (node.type === 'parenthesized_statements') return this.evaluate(node.namedChildren[0], depth + 1);
    if (node.type === 'scope_resolution') return this.evaluate(node.child('name'), depth + 1);
    const bound = node.type === 'constant' || node.type === 'identifier' ? this.strings.get(node.text) : undefined;
    return bound ? this.evaluate(bound, depth + 1) : UNKNOWN;
  }
}

/** `ENV["X"]` as `X`, or undefined. */
function envKey(file: RubyFile, node: SyntaxNode | undefined): string | undefined {
  if (node?.type !== 'element_reference' || node.child('object')?.text !== 'ENV') return undefined;
  return file.evaluate(node.namedChildren[1]);
}

/** The environment hash a process start is given as its first argument. */
function environmentHash(file: RubyFile, hash: SyntaxNode | undefined): { set: Map<string, SyntaxNode>; removed: SyntaxNode | undefined } {
  const set = new Map<string, SyntaxNode>();
  let removed: SyntaxNode | undefined;
  if (hash?.type !== 'hash') return { set, removed };
  for (const pair of hash.namedChildren) {
    const name = file.evaluate(pair.child('key'));
    const value = pair.child('value');
    if (value?.type === 'nil') {
      if (name === API_KEY_ENV) removed = pair;
    } else if (value) {
      set.set(name, pair);
    }
  }
  return { set, removed };
}

/** Records a `claude` start, keychain read or container hand-over made by a process start. */
function visitStart(file: RubyFile, at: SyntaxNode, started: Started, program: SyntaxNode | undefined, env: ReturnType<typeof environmentHash>, extraction: Extraction, own: TextFinding[]): void {
  if (readsClaudeKeychain(started, file.namesService)) own.push({ ruleName: 'no-credential-store-read', messageId: 'keychain', ...rangeOf(at) });
  const container = tokenIntoContainer(started);
  if (container) own.push({ ruleName: 'no-credential-mount', messageId: 'containerMountsLogin', data: { path: container }, ...rangeOf(at) });
  const claude = claudeStart(started, program && !STRING_TYPES.has(program.type) ? program.text : undefined);
  if (!claude) return;
  const tokenName = SUBSCRIPTION_ENV.find((name) => env.set.has(name)) ?? claude.tokenEnv;
  const tokenAt = tokenName ? (env.set.get(tokenName) ?? at) : undefined;
  extraction.sinks.push({
    kind: 'claude-cli',
    label: claude.label,
    at: rangeOf(at),
    ...(tokenName && tokenAt && { credential: { source: oauthEnvSource(tokenName), slot: 'env' as const, at: rangeOf(tokenAt) } }),
    ...((env.removed ?? claude.apiKeyRemoved) && { apiKeyRemoved: rangeOf(env.removed ?? at) }),
    apiKeyConfigured: claude.apiKeyConfigured || env.set.has(API_KEY_ENV) || CLOUD_PROVIDER_ENV.some((name) => env.set.has(name)),
  });
}

/** A call that starts a process, with what it starts. */
function visitCall(file: RubyFile, call: SyntaxNode, extraction: Extraction, own: TextFinding[]): void {
  const receiver = call.child('receiver')?.text ?? '';
  const method = call.child('method')?.text ?? '';
  if (receiver === 'ENV' && (method === 'delete' || method === 'fetch' || method === '[]')) {
    const name = file.evaluate(call.child('arguments')?.namedChildren[0]);
    if (method === 'delete' && name === API_KEY_ENV) extraction.envChanges.push({ kind: 'api-key-removed', at: rangeOf(call) });
    if (method === 'fetch' && (name === API_KEY_ENV || CLOUD_PROVIDER_ENV.includes(name))) extraction.configuresApiKey = true;
    return;
  }
  if (!PROCESS_STARTERS[receiver]?.has(method)) return;
  const args = call.child('arguments')?.namedChildren ?? [];
  const env = environmentHash(file, args[0]);
  // Options (`chdir:`, `err:`) come as a trailing hash or pairs; the environment as a leading hash.
  const command = (args[0]?.type === 'hash' ? args.slice(1) : args).filter((arg) => arg.type !== 'hash' && arg.type !== 'pair');
  const started: Started =
    command.length === 1 ? { commandLine: file.evaluate(command[0]) } : { argv: command.map((arg) => (arg.type === 'splat_argument' ? UNKNOWN : file.evaluate(arg))), complete: !command.some((arg) => arg.type === 'splat_argument') };
  visitStart(file, call, started, command[0], env, extraction, own);
}

/** Sinatra routes, Rails actions and chat listeners. */
function visitHandlers(file: RubyFile, node: SyntaxNode, extraction: Extraction): void {
  if (node.type === 'call' && node.child('block')) {
    const method = node.child('method')?.text ?? '';
    const block = node.child('block') as SyntaxNode;
    const framework: EntryPointFramework | undefined =
      !node.child('receiver') && SINATRA && HTTP_ROUTE_METHODS.includes(method) && SINATRA.triggers.some((word) => file.text.includes(word))
        ? SINATRA
        : node.child('receiver') && LISTENERS.get(method)?.triggers.some((word) => file.text.toLowerCase().includes(word))
          ? LISTENERS.get(method)
          : undefined;
    if (framework) {
      const route = file.evaluate(node.child('arguments')?.namedChildren[0]);
      const label = framework.kind === 'http' ? `${framework.name} \`${method.toUpperCase()} ${route}\` route` : `${framework.name} \`${method}\` listener`;
      extraction.handlers.push({ entry: { kind: framework.kind, framework: framework.name, label }, at: rangeOf(node), body: rangeOf(block) });
    }
  }
  if (node.type === 'class' && RAILS && CONTROLLER_SUPERCLASS.test(node.child('superclass')?.namedChildren[0]?.text ?? '')) {
    let visibility = 'public';
    for (const member of node.child('body')?.namedChildren ?? []) {
      if (member.type === 'identifier' && ['private', 'protected', 'public'].includes(member.text)) visibility = member.text;
      if (member.type !== 'method' || visibility !== 'public') continue;
      const name = member.child('name')?.text ?? 'action';
      extraction.handlers.push({ entry: { kind: RAILS.kind, framework: RAILS.name, label: `Rails action \`${node.child('name')?.text ?? ''}#${name}\`` }, at: rangeOf(member.child('name') ?? member), body: rangeOf(member) });
    }
  }
}

/**
 * Extracts the model's facts from a Ruby file, and the findings that are not the judge's
 * (keychain reads, tokens handed to containers).
 *
 * @param root - the file's syntax tree
 * @param text - the file's text
 */
export function extractRuby(root: SyntaxNode, text: string): { extraction: Extraction; own: TextFinding[] } {
  const file = new RubyFile(root, text);
  const extraction = emptyExtraction();
  const own: TextFinding[] = [];
  for (const node of root.descendants()) {
    visitHandlers(file, node, extraction);
    if (node.type === 'method' || node.type === 'singleton_method') {
      const name = node.child('name')?.text;
      if (name) extraction.functions.push({ name, ...rangeOf(node) });
    } else if (node.type === 'call') {
      const method = node.child('method');
      if (method) extraction.calls.push({ callee: method.text, at: method.start });
      visitCall(file, node, extraction, own);
    } else if (node.type === 'identifier' && node.parent?.type !== 'call' && node.field === undefined) {
      // A bare method call without arguments (`refresh!`) is an identifier in Ruby's grammar.
      extraction.calls.push({ callee: node.text, at: node.start });
    } else if (node.type === 'subshell') {
      visitStart(file, node, { commandLine: file.evaluate(node) }, undefined, { set: new Map(), removed: undefined }, extraction, own);
    } else if (node.type === 'element_reference' && node.field !== 'left') {
      const name = envKey(file, node);
      if (name === API_KEY_ENV || (name !== undefined && CLOUD_PROVIDER_ENV.includes(name))) extraction.configuresApiKey = true;
    } else if (node.type === 'assignment') {
      const name = envKey(file, node.child('left'));
      if (name !== undefined && SUBSCRIPTION_ENV.includes(name)) extraction.envChanges.push({ kind: 'oauth-token-injected', at: rangeOf(node), source: oauthEnvSource(name) });
      if (name === API_KEY_ENV) extraction.configuresApiKey = node.child('right')?.type !== 'nil';
    }
  }
  return { extraction, own };
}
