/**
 * The Go front end: facts of one Go file (tree-sitter's Go grammar) for the model's judge.
 * - Entry points: functions and function literals whose parameters are a framework's request or
 *   update type ({@link HANDLER_TYPES}: `http.ResponseWriter`, `*gin.Context`, `*models.Update`, …),
 *   so `ServeHTTP` methods, `mux.HandleFunc("/x", func(w, r) {…})` and bot callbacks alike.
 * - Sinks: `exec.Command`/`CommandContext` starting `claude` (or a program whose name says Claude),
 *   the Agent SDK packages of the model's tables, and requests that send a bearer token with the
 *   OAuth beta value.
 * - Environment: `cmd.Env` entries `CLAUDE_CODE_OAUTH_TOKEN=…`, entries filtered out by their
 *   `ANTHROPIC_API_KEY=` prefix, `os.Setenv`/`os.Unsetenv`, and reads of `ANTHROPIC_API_KEY`.
 * - Process starts that read Claude Code's keychain item (`security find-generic-password`) or
 *   hand the token to a container.
 *
 * @packageDocumentation
 */
import { OAUTH_BETA } from '../../detect/claude-entry-points.js';
import { findValueMarkers } from '../../detect/claude-code-markers.js';
import { KEYCHAIN_SERVICE } from '../../detect/credential-store.js';
import type { TextFinding } from '../../detect/markers.js';
import type { OffsetRange } from '../../files/analyzer.js';
import { AGENT_SDK_PACKAGES, API_KEY_ENV, CLOUD_PROVIDER_ENV, ENTRY_POINT_FRAMEWORKS, type EntryPointFramework } from '../../model/index.js';
import { claudeStart, oauthEnvSource, readsClaudeKeychain, SUBSCRIPTION_ENV, tokenIntoContainer, type Started } from '../commands.js';
import { emptyExtraction, type Extraction, type SinkFact } from '../facts.js';
import type { SyntaxNode } from '../tree.js';

/** A parameter type that makes a function a handler of a framework of the model's tables. */
interface HandlerType {
  /** Import path (or its prefix) the type's package comes from. */
  packagePrefix: string;
  /** The type's name, without the package qualifier or pointer. */
  type: string;
  /** The framework's name in ENTRY_POINT_FRAMEWORKS. */
  framework: string;
}

/** Handler parameter types (from each library's documentation of its handler signature). */
export const HANDLER_TYPES: readonly HandlerType[] = [
  { packagePrefix: 'net/http', type: 'ResponseWriter', framework: 'net/http' },
  { packagePrefix: 'github.com/gin-gonic/gin', type: 'Context', framework: 'gin' },
  { packagePrefix: 'github.com/labstack/echo', type: 'Context', framework: 'echo' },
  { packagePrefix: 'github.com/gofiber/fiber', type: 'Ctx', framework: 'fiber' },
  { packagePrefix: 'github.com/go-telegram/bot/models', type: 'Update', framework: 'telegram-bot-api' },
  { packagePrefix: 'github.com/go-telegram-bot-api/telegram-bot-api', type: 'Update', framework: 'telegram-bot-api' },
  { packagePrefix: 'github.com/bwmarrin/discordgo', type: 'MessageCreate', framework: 'discordgo' },
  { packagePrefix: 'github.com/bwmarrin/discordgo', type: 'InteractionCreate', framework: 'discordgo' },
  { packagePrefix: 'github.com/slack-go/slack', type: 'SlashCommand', framework: 'slack-go' },
  { packagePrefix: 'github.com/slack-go/slack/socketmode', type: 'Event', framework: 'slack-go' },
  { packagePrefix: 'github.com/slack-go/slack/slackevents', type: 'EventsAPIEvent', framework: 'slack-go' },
];

/** `exec` functions that start a process, and how many leading arguments come before the program. */
const PROCESS_STARTERS: Readonly<Record<string, number>> = { Command: 0, CommandContext: 1 };
/** Calls that test an environment entry against a prefix: the entries they match are dropped. */
const PREFIX_TESTS = new Set(['HasPrefix', 'Contains', 'EqualFold', 'TrimPrefix']);
const UNKNOWN = '*';
const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);
const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** A string literal's value (escapes other than `\"` and `\\` kept as written). */
function literalValue(node: SyntaxNode): string {
  const text = node.text;
  return node.type === 'raw_string_literal' ? text.slice(1, -1) : text.slice(1, -1).replace(/\\(["\\])/g, '$1');
}

/**
 * What the other files of a Go package tell about this one (a package is a directory: its files
 * share one namespace). Built by {@link packageContextOf} from every analyzed file of the directory.
 */
export interface GoPackageContext {
  /** Names bound to one string in the package: constants, variables, struct literal fields (`TokenURL: "…"`). */
  strings: ReadonlyMap<string, string>;
  /** Functions and methods that send one of their parameters as a bearer token with the OAuth beta: name → parameter index. */
  bearerFunctions: ReadonlyMap<string, number>;
  /** Functions and methods that post to Claude's OAuth endpoints, directly or through another: name → URL. */
  tokenPosters: ReadonlyMap<string, string>;
}

const NO_PACKAGE: GoPackageContext = { strings: new Map(), bearerFunctions: new Map(), tokenPosters: new Map() };

/** The expression inside a composite literal's element (`literal_element` wraps keys and values). */
function unwrapElement(node: SyntaxNode | undefined): SyntaxNode | undefined {
  return node?.type === 'literal_element' ? node.namedChildren[0] : node;
}

/** The file's Go front end state: imports, constant strings, and the evaluator over them. */
class GoFile {
  /** Import name (alias or last path segment) → import path. */
  readonly imports = new Map<string, string>();
  /** Names bound once to a string in the file (`const bin = "claude"`, `name := "claude"`). */
  readonly strings = new Map<string, SyntaxNode>();
  readonly namesService: boolean;

  constructor(
    readonly root: SyntaxNode,
    readonly text: string,
    readonly pkg: GoPackageContext = NO_PACKAGE,
  ) {
    this.namesService = text.includes(KEYCHAIN_SERVICE);
    const rebound = new Set<string>();
    for (const node of root.descendants()) {
      if (node.type === 'import_spec') {
        const path = node.child('path');
        if (!path) continue;
        const value = literalValue(path);
        this.imports.set(node.child('name')?.text ?? value.split('/').filter((part) => !/^v\d+$/.test(part)).at(-1) ?? value, value);
      } else if (node.type === 'const_spec' || node.type === 'var_spec' || node.type === 'short_var_declaration' || node.type === 'keyed_element') {
        this.bind(node, rebound);
      }
    }
    for (const name of rebound) this.strings.delete(name);
  }

  private bind(node: SyntaxNode, rebound: Set<string>): void {
    if (node.type === 'keyed_element') {
      // `TokenURL: "…"` in a struct literal: a field name that holds one string.
      const [key, value] = node.namedChildren.map(unwrapElement);
      const name = key;
      const literal = value;
      if (name?.type === 'field_identifier' || name?.type === 'identifier') this.remember(name.text, literal, rebound);
      return;
    }
    const names = node.type === 'short_var_declaration' ? (node.child('left')?.namedChildren ?? []) : node.children.filter((child) => child.field === 'name');
    const values = node.child(node.type === 'short_var_declaration' ? 'right' : 'value')?.namedChildren ?? [];
    names.forEach((name, index) => this.remember(name.text, values[index], rebound));
  }

  private remember(name: string, value: SyntaxNode | undefined, rebound: Set<string>): void {
    if (!value || !STRING_TYPES.has(value.type)) return;
    if (this.strings.has(name)) rebound.add(name);
    this.strings.set(name, value);
  }

  /** A string value as far as it is known: literals, `+`, the file's string names; anything else `*`. */
  evaluate(node: SyntaxNode | undefined, depth = 0): string {
    if (!node || depth > 8) return UNKNOWN;
    if (STRING_TYPES.has(node.type)) return literalValue(node);
    if (node.type === 'binary_expression' && node.children.some((child) => child.text === '+')) {
      return this.evaluate(node.child('left'), depth + 1) + this.evaluate(node.child('right'), depth + 1);
    }
    if (node.type === 'parenthesized_expression') return this.evaluate(node.namedChildren[0], depth + 1);
    const name = node.type === 'selector_expression' ? node.child('field')?.text : node.type === 'identifier' ? node.text : undefined;
    const bound = name === undefined ? undefined : this.strings.get(name);
    if (bound) return this.evaluate(bound, depth + 1);
    return (name !== undefined && this.pkg.strings.get(name)) || UNKNOWN;
  }

  /** The names this file binds to one string, with their values. */
  boundStrings(): [string, string][] {
    return [...this.strings].map(([name, node]) => [name, this.evaluate(node)]);
  }

  /** `pkg.Name` as (import path, name), for a selector on an imported package. */
  qualified(node: SyntaxNode | undefined): { path: string; name: string } | undefined {
    if (node?.type !== 'selector_expression' && node?.type !== 'qualified_type') return undefined;
    const [operand, field] = node.namedChildren;
    const path = operand ? this.imports.get(operand.text) : undefined;
    return path === undefined || !field ? undefined : { path, name: field.text };
  }
}

/** The simple name a call calls: `f` of `f()`, `ask` of `c.client.ask()`. */
function calleeName(call: SyntaxNode): string | undefined {
  const callee = call.child('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'selector_expression') return callee.child('field')?.text;
  return undefined;
}

function rangeOf(node: SyntaxNode): OffsetRange {
  return { start: node.start, end: node.end };
}

/** The framework a function is a handler of, by its parameter types. */
function handlerFramework(file: GoFile, fn: SyntaxNode): EntryPointFramework | undefined {
  for (const parameter of fn.child('parameters')?.namedChildren ?? []) {
    let type = parameter.child('type');
    while (type?.type === 'pointer_type') type = type.namedChildren[0];
    const qualified = file.qualified(type);
    if (!qualified) continue;
    const match = HANDLER_TYPES.find((entry) => qualified.name === entry.type && qualified.path.startsWith(entry.packagePrefix));
    if (match) return ENTRY_POINT_FRAMEWORKS.find((framework) => framework.ecosystem === 'go' && framework.name === match.framework);
  }
  return undefined;
}

function functionName(fn: SyntaxNode): string | undefined {
  return fn.type === 'func_literal' ? undefined : fn.child('name')?.text;
}

/** `ANTHROPIC_API_KEY` and cloud switches read or set anywhere in the file. */
function configuresApiKey(file: GoFile, call: SyntaxNode): boolean {
  const target = file.qualified(call.child('function'));
  if (target?.path !== 'os' || !['Getenv', 'LookupEnv', 'Setenv'].includes(target.name)) return false;
  const name = file.evaluate(call.child('arguments')?.namedChildren[0]);
  return name === API_KEY_ENV || CLOUD_PROVIDER_ENV.includes(name);
}

/** The environment a process start in `scope` is given: token entries, filtered and set keys. */
function childEnvironment(file: GoFile, scope: SyntaxNode): Pick<SinkFact, 'credential' | 'apiKeyRemoved' | 'apiKeyConfigured'> {
  const result: Pick<SinkFact, 'credential' | 'apiKeyRemoved' | 'apiKeyConfigured'> = { apiKeyConfigured: false };
  for (const node of scope.descendants()) {
    if (!STRING_TYPES.has(node.type) && node.type !== 'binary_expression') continue;
    const value = file.evaluate(node);
    const [name] = value.split('=');
    if (!value.includes('=') || name === undefined) continue;
    const call = node.parent?.parent?.type === 'call_expression' ? node.parent.parent : undefined;
    const tested = call !== undefined && PREFIX_TESTS.has(calleeName(call) ?? '');
    if (SUBSCRIPTION_ENV.includes(name) && !tested && node.type === 'binary_expression') {
      result.credential ??= { source: oauthEnvSource(name), slot: 'env', at: rangeOf(node) };
    } else if (name === API_KEY_ENV && tested) {
      result.apiKeyRemoved ??= rangeOf(node);
    } else if ((name === API_KEY_ENV || CLOUD_PROVIDER_ENV.includes(name)) && !tested) {
      result.apiKeyConfigured = true;
    }
  }
  return result;
}

/** What `exec.Command(…)` starts, as far as it is known. */
function startedBy(file: GoFile, call: SyntaxNode, skip: number): { started: Started; program?: SyntaxNode } {
  const args = (call.child('arguments')?.namedChildren ?? []).slice(skip);
  const complete = !args.some((arg) => arg.type === 'variadic_argument');
  const argv = args.map((arg) => (arg.type === 'variadic_argument' ? UNKNOWN : file.evaluate(arg)));
  return { started: { argv, complete }, program: args[0] };
}

/** The process starts, sinks and findings of one call. */
function visitCall(file: GoFile, call: SyntaxNode, extraction: Extraction, own: TextFinding[]): void {
  const target = file.qualified(call.child('function'));
  const scope = call.ancestor(FUNCTION_TYPES) ?? file.root;
  if (configuresApiKey(file, call)) extraction.configuresApiKey = true;
  if (target?.path === 'os' && (target.name === 'Setenv' || target.name === 'Unsetenv')) {
    const name = file.evaluate(call.child('arguments')?.namedChildren[0]);
    if (target.name === 'Unsetenv' && name === API_KEY_ENV) extraction.envChanges.push({ kind: 'api-key-removed', at: rangeOf(call) });
    if (target.name === 'Setenv' && SUBSCRIPTION_ENV.includes(name)) extraction.envChanges.push({ kind: 'oauth-token-injected', at: rangeOf(call), source: oauthEnvSource(name) });
  }
  if (target?.path === 'os/exec' && target.name in PROCESS_STARTERS) {
    const { started, program } = startedBy(file, call, PROCESS_STARTERS[target.name] ?? 0);
    if (readsClaudeKeychain(started, file.namesService)) own.push({ ruleName: 'no-credential-store-read', messageId: 'keychain', ...rangeOf(call) });
    const container = tokenIntoContainer(started);
    if (container) own.push({ ruleName: 'no-credential-mount', messageId: 'containerMountsLogin', data: { path: container }, ...rangeOf(call) });
    const claude = claudeStart(started, program && !STRING_TYPES.has(program.type) ? program.text : undefined);
    if (claude) {
      const environment = childEnvironment(file, scope);
      extraction.sinks.push({
        kind: 'claude-cli',
        label: claude.label,
        at: rangeOf(call),
        ...environment,
        ...(claude.tokenEnv && !environment.credential && { credential: { source: oauthEnvSource(claude.tokenEnv), slot: 'env', at: rangeOf(call) } }),
        ...(claude.apiKeyRemoved && !environment.apiKeyRemoved && { apiKeyRemoved: rangeOf(call) }),
        apiKeyConfigured: environment.apiKeyConfigured || claude.apiKeyConfigured,
      });
    }
  }
  const sdk = target && AGENT_SDK_PACKAGES.find((entry) => entry.ecosystem === 'go' && entry.packages.some((name) => target.path.startsWith(name)));
  if (sdk && target && sdk.entries.includes(target.name)) {
    extraction.sinks.push({ kind: 'agent-sdk', label: `the Agent SDK’s \`${target.name}()\``, at: rangeOf(call), ...childEnvironment(file, scope) });
  }
}

/** The names of a function's parameters, in order (`a, b string` are two). */
function parameterNames(fn: SyntaxNode): string[] {
  return (fn.child('parameters')?.namedChildren ?? []).flatMap((declaration) => declaration.children.filter((child) => child.field === 'name').map((name) => name.text));
}

/**
 * A request built in a function that sends a bearer token with the OAuth beta value: the sink is
 * the `Authorization` header, its credential a subscription token (a bearer sent with the beta).
 * Returns the index of the parameter the token comes from, if it is one.
 */
function bearerWithBeta(file: GoFile, fn: SyntaxNode, extraction: Extraction): number | undefined {
  let authorization: SyntaxNode | undefined;
  let beta = false;
  for (const call of fn.descendants()) {
    if (call.type !== 'call_expression' || !['Set', 'Add'].includes(calleeName(call) ?? '')) continue;
    const [name, value] = call.child('arguments')?.namedChildren ?? [];
    const header = file.evaluate(name).toLowerCase();
    if (header === 'authorization' && value && /^bearer\b/i.test(file.evaluate(value).replace(/^\*$/, '') || bearerFormat(file, value)) && !authorization) authorization = call;
    if (header === 'anthropic-beta' && file.evaluate(value).includes(OAUTH_BETA)) beta = true;
  }
  if (!authorization || !beta) return undefined;
  extraction.sinks.push({
    kind: 'api-request',
    label: 'a request to Anthropic with the OAuth beta',
    at: rangeOf(authorization),
    credential: { source: { origin: 'subscription', kind: 'oauth-beta', label: 'a bearer token sent with the OAuth beta' }, slot: 'bearer', at: rangeOf(authorization) },
    apiKeyConfigured: false,
  });
  const parameters = parameterNames(fn);
  const value = authorization.child('arguments')?.namedChildren[1];
  const used = value ? [...value.descendants()].find((node) => node.type === 'identifier' && parameters.includes(node.text)) : undefined;
  return used ? parameters.indexOf(used.text) : undefined;
}

/** `fmt.Sprintf("Bearer %s", token)`: the format string. */
function bearerFormat(file: GoFile, value: SyntaxNode): string {
  return value.type === 'call_expression' && calleeName(value) === 'Sprintf' ? file.evaluate(value.child('arguments')?.namedChildren[0]) : '';
}

/** Calls that make an HTTP request, and the index of their URL argument. */
const REQUEST_URL_ARGUMENT: Readonly<Record<string, number>> = { NewRequest: 1, NewRequestWithContext: 2, Post: 0, PostForm: 0, Get: 0 };

/** The Claude OAuth endpoint a function's request goes to, if its URL evaluates to one. */
function postsToClaudeOAuth(file: GoFile, fn: SyntaxNode): string | undefined {
  for (const call of fn.descendants()) {
    if (call.type !== 'call_expression') continue;
    const index = REQUEST_URL_ARGUMENT[calleeName(call) ?? ''];
    if (index === undefined) continue;
    const url = file.evaluate(call.child('arguments')?.namedChildren[index]);
    const endpoint = findValueMarkers(url).find((marker) => marker.kind === 'oauthEndpoint')?.data?.url;
    if (endpoint) return endpoint;
  }
  return undefined;
}

/** OAuth grant types a token request carries (RFC 6749 §4.1.3, §6). */
const GRANT_TYPES = new Set(['refresh_token', 'authorization_code']);

/**
 * An OAuth grant built in a function that posts it to Claude's token endpoint, itself or through a
 * function of the package it calls: the grant is where the code obtains subscription tokens.
 */
function claudeGrants(file: GoFile, fn: SyntaxNode, own: TextFinding[]): void {
  const calls = [...fn.descendants()].filter((node) => node.type === 'call_expression').map(calleeName);
  const name = functionName(fn);
  const url = postsToClaudeOAuth(file, fn) ?? (name && file.pkg.tokenPosters.get(name)) ?? calls.map((callee) => callee && file.pkg.tokenPosters.get(callee)).find(Boolean);
  if (!url) return;
  for (const element of fn.descendants()) {
    if (element.type !== 'keyed_element') continue;
    const [key, value] = element.namedChildren.map(unwrapElement);
    if (file.evaluate(key) === 'grant_type' && GRANT_TYPES.has(file.evaluate(value))) {
      own.push({ ruleName: 'no-claude-code-impersonation', messageId: 'oauthEndpoint', data: { url }, ...rangeOf(element) });
    }
  }
}

/** A call of a package function that sends its argument as a bearer token with the OAuth beta. */
function bearerCall(file: GoFile, call: SyntaxNode, extraction: Extraction): void {
  const callee = calleeName(call);
  const index = callee === undefined ? undefined : file.pkg.bearerFunctions.get(callee);
  const argument = index === undefined ? undefined : call.child('arguments')?.namedChildren[index];
  if (!argument) return;
  extraction.sinks.push({
    kind: 'api-request',
    label: `a request to Anthropic with the OAuth beta (\`${callee ?? ''}\`)`,
    at: rangeOf(call),
    credential: { source: { origin: 'subscription', kind: 'oauth-beta', label: `a bearer token that \`${callee ?? ''}\` sends with the OAuth beta` }, slot: 'bearer', at: rangeOf(argument) },
    apiKeyConfigured: false,
    onlyWithReach: true,
  });
}

/** What a Go file tells the other files of its package. */
export interface GoFileSummary {
  strings: [string, string][];
  bearerFunctions: [string, number][];
  tokenPosters: [string, string][];
  /** Functions and the simple names they call, for token posters reached through another function. */
  calls: [string, string[]][];
  /** Where the file hands values to code it does not call: channel sends, goroutines on functions of other files. */
  handOffs: GoHandOff[];
}

/**
 * A hand-off: `ch <- msg` (whoever receives is elsewhere) or `go worker.Run(msg)` on a function
 * the file does not define. The module pass (src/lang/go/module.ts) treats code that reaches one
 * as reaching the module's Claude calls.
 */
export interface GoHandOff {
  /** For messages: `a.incoming <-`, `go worker.Run`. */
  name: string;
  at: OffsetRange;
  /** A send's channel, by name (`incoming` of `a.incoming`). */
  channel?: string;
}

/** A channel's name: `jobs`, `incoming` of `a.incoming`; undefined for other expressions. */
function channelName(node: SyntaxNode | undefined): string | undefined {
  if (node?.type === 'identifier') return node.text;
  return node?.type === 'selector_expression' ? node.child('field')?.text : undefined;
}

/**
 * Channel edges of a file: a send on a channel that a function of the file receives from is a call
 * of that function (the worker that consumes a handler's messages), so reach follows it. Channels
 * are matched by name, an over-approximation as for method calls. The sends whose channel no
 * function of the file receives from stay hand-offs.
 */
function followChannels(sends: readonly GoHandOff[], receives: readonly { channel: string; at: number }[], extraction: Extraction): GoHandOff[] {
  const unfollowed: GoHandOff[] = [];
  for (const send of sends) {
    const receivers = receives.filter((receive) => receive.channel === send.channel).map((receive) => enclosingFunction(extraction, receive.at));
    for (const receiver of new Set(receivers)) if (receiver) extraction.calls.push({ callee: receiver, at: send.at.start });
    if (receivers.length === 0) unfollowed.push(send);
  }
  return unfollowed;
}

/** The innermost named function of the file around an offset. */
function enclosingFunction(extraction: Extraction, offset: number): string | undefined {
  let found: { name: string; start: number; end: number } | undefined;
  for (const span of extraction.functions) if (span.start <= offset && offset < span.end && (!found || span.end - span.start < found.end - found.start)) found = span;
  return found?.name;
}

/** A hand-off's name: the channel or the goroutine's function, on one line and short. */
function handOffName(prefix: string, node: SyntaxNode | undefined, suffix: string): string {
  const text = (node?.text ?? '').replace(/\s+/g, ' ');
  return `${prefix}${text.length > 40 ? `${text.slice(0, 39)}…` : text}${suffix}`;
}

/**
 * The package context made of its files' summaries: a name bound to two different strings is unknown.
 *
 * @param summaries - one per analyzed file of the package
 */
export function packageContextOf(summaries: readonly GoFileSummary[]): GoPackageContext {
  const strings = new Map<string, string>();
  const conflicting = new Set<string>();
  for (const [name, value] of summaries.flatMap((summary) => summary.strings)) {
    if (strings.has(name) && strings.get(name) !== value) conflicting.add(name);
    strings.set(name, value);
  }
  for (const name of conflicting) strings.delete(name);
  const tokenPosters = new Map(summaries.flatMap((summary) => summary.tokenPosters));
  const calls = summaries.flatMap((summary) => summary.calls);
  // A function that calls a poster posts too (a few levels: helpers call helpers).
  for (let round = 0; round < 3; round += 1) {
    for (const [name, callees] of calls) {
      const url = callees.map((callee) => tokenPosters.get(callee)).find(Boolean);
      if (url && !tokenPosters.has(name)) tokenPosters.set(name, url);
    }
  }
  return { strings, bearerFunctions: new Map(summaries.flatMap((summary) => summary.bearerFunctions)), tokenPosters };
}

/**
 * Extracts the model's facts from a Go file, the findings that are not the judge's (keychain reads,
 * tokens handed to containers, OAuth grants to Claude's token endpoint), and what the file tells
 * the other files of its package.
 *
 * @param root - the file's syntax tree
 * @param text - the file's text
 * @param pkg - what the package's other files tell (none when the file is analyzed alone)
 */
export function extractGo(root: SyntaxNode, text: string, pkg?: GoPackageContext): { extraction: Extraction; own: TextFinding[]; summary: GoFileSummary } {
  const file = new GoFile(root, text, pkg);
  const extraction = emptyExtraction();
  const own: TextFinding[] = [];
  const summary: GoFileSummary = { strings: file.boundStrings(), bearerFunctions: [], tokenPosters: [], calls: [], handOffs: [] };
  const goroutines: { callee: string | undefined; handOff: GoHandOff }[] = [];
  const sends: GoHandOff[] = [];
  const receives: { channel: string; at: number }[] = [];
  for (const node of root.descendants()) {
    if (node.type === 'send_statement') {
      const channel = channelName(node.child('channel'));
      sends.push({ name: handOffName('', node.child('channel'), ' <-'), at: rangeOf(node), ...(channel !== undefined && { channel }) });
    }
    const received = node.type === 'range_clause' ? node.child('right') : node.type === 'unary_expression' && node.child('operator')?.text === '<-' ? node.child('operand') : undefined;
    const channel = channelName(received);
    if (channel !== undefined) receives.push({ channel, at: node.start });
    const started = node.type === 'go_statement' ? node.namedChildren[0] : undefined;
    if (started?.type === 'call_expression' && started.child('function')?.type !== 'func_literal') {
      goroutines.push({ callee: calleeName(started), handOff: { name: handOffName('go ', started.child('function'), ''), at: rangeOf(node) } });
    }
    if (FUNCTION_TYPES.has(node.type)) {
      const name = functionName(node);
      if (name) extraction.functions.push({ name, ...rangeOf(node) });
      const framework = handlerFramework(file, node);
      if (framework) {
        const label = name ? `${framework.name} handler \`${name}\`` : `${framework.name} handler`;
        extraction.handlers.push({ entry: { kind: framework.kind, framework: framework.name, label }, at: rangeOf(node.child('name') ?? node), body: rangeOf(node) });
      }
      if (node.type === 'func_literal' || !name) continue;
      const bearer = bearerWithBeta(file, node, extraction);
      if (bearer !== undefined) summary.bearerFunctions.push([name, bearer]);
      const posted = postsToClaudeOAuth(file, node);
      if (posted) summary.tokenPosters.push([name, posted]);
      summary.calls.push([name, [...node.descendants()].filter((call) => call.type === 'call_expression').map((call) => calleeName(call) ?? '')]);
      claudeGrants(file, node, own);
    } else if (node.type === 'call_expression') {
      const callee = calleeName(node);
      if (callee) extraction.calls.push({ callee, at: node.child('function')?.child('field')?.start ?? node.start });
      visitCall(file, node, extraction, own);
      bearerCall(file, node, extraction);
    }
  }
  summary.handOffs.push(...followChannels(sends, receives, extraction));
  // A goroutine on a function of this file is a call the file's reach follows.
  const defined = new Set(extraction.functions.map((span) => span.name));
  summary.handOffs.push(...goroutines.filter(({ callee }) => callee === undefined || !defined.has(callee)).map(({ handOff }) => handOff));
  return { extraction, own, summary };
}
