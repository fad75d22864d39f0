/**
 * Where a Python module reaches Claude, and with which credential: Agent SDK `query` /
 * `ClaudeSDKClient`, the `claude` CLI run as a child process, the `anthropic` SDK client, and HTTP
 * calls (requests, httpx, aiohttp) to the Anthropic API. Also where a value comes from: Claude
 * Code's stored login, `CLAUDE_CODE_OAUTH_TOKEN`, a subscription token written in the code.
 *
 * @packageDocumentation
 */
import { isCredentialsPath, mentionsKeychainService, STORED_LOGIN_KEY } from '../../detect/credential-store.js';
import { findTokens } from '../../detect/tokens.js';
import { claudeInArgv, claudeInCommandLine, type ClaudeCommand } from '../../detect/command-line.js';
import { UNKNOWN_PART } from '../../detect/credential-store.js';
import { callArguments, returnedExpression, unwrap, type PythonEvaluator } from './evaluate.js';
import type { Binding, ModuleScope } from './scope.js';
import type { PyNode } from './tree.js';

/** The kinds of access to Claude. `agent-sdk` and `cli` fall back to a subscription login. */
export type AccessKind = 'agent-sdk' | 'cli' | 'anthropic-sdk' | 'http';

/** One place where the module calls Claude. */
export interface ClaudeAccess {
  kind: AccessKind;
  /** The call expression. */
  call: PyNode;
  /** How messages name it: `` `query()` (Agent SDK) ``, `` `claude` (the Claude Code CLI) ``, … */
  callee: string;
  /** The environment given to it (`env=`), when there is one. */
  env?: PyNode;
  /** The bearer credential given to it: `auth_token=`, or an `Authorization` header's value. */
  bearer?: PyNode;
  /** True when it is given an API key explicitly (`api_key=`, `x-api-key`, `ANTHROPIC_API_KEY` in `env`). */
  apiKey: boolean;
  /**
   * `claude` CLI starts only: the list or string literals, written in another statement than the
   * start, that the argument vector is built from (`cmd = ["claude", "-p", q]` a few lines up, a
   * helper that returns the flags).
   */
  argvParts?: PyNode[];
  /** `claude` CLI starts only: the run as the command line reader saw it (print mode, variables set or removed for it). */
  command?: ClaudeCommand;
}

/** One entry of an environment mapping, with the node to report. */
export interface EnvEntry {
  key: string;
  value: PyNode;
  /** The pair, keyword argument or item assignment that sets it. */
  at: PyNode;
}

const AGENT_SDK_PACKAGES = ['claude_agent_sdk', 'claude_code_sdk'];
const AGENT_SDK_ENTRY_POINTS = new Set(AGENT_SDK_PACKAGES.flatMap((sdk) => [`${sdk}.query`, `${sdk}.ClaudeSDKClient`]));
const AGENT_SDK_OPTIONS = new Set(AGENT_SDK_PACKAGES.flatMap((sdk) => [`${sdk}.ClaudeAgentOptions`, `${sdk}.ClaudeCodeOptions`]));
const ANTHROPIC_CLIENTS = new Set(['Anthropic', 'AsyncAnthropic', 'Client', 'AsyncClient'].map((name) => `anthropic.${name}`));
/** Calls that run a child process with an argument vector or a command line in their first argument. */
const PROCESS_RUNNERS = new Set([
  'subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen',
  'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'os.system', 'os.popen',
  'anyio.run_process', 'anyio.open_process', 'trio.run_process', 'pexpect.spawn', 'pexpect.run',
]);
/** Calls that take the program and its arguments as separate positional arguments. */
const SPREAD_RUNNERS = /^(asyncio\.create_subprocess_exec|os\.(execv|execvp|execvpe|execl|execlp|execlpe|spawnlp|spawnvp))$/;
/**
 * Calls that run the function in their first argument (the second for `run_in_executor`) with the
 * arguments after it: `asyncio.to_thread(subprocess.run, cmd)`, `functools.partial(subprocess.run, cmd)`.
 */
const DEFERRED_CALLERS: Readonly<Record<string, number>> = {
  'asyncio.to_thread': 0, 'functools.partial': 0, 'anyio.to_thread.run_sync': 0, 'trio.to_thread.run_sync': 0, run_in_executor: 1,
};
/**
 * A value whose name says it is the Claude binary (`self.claude_bin`, `CLAUDE_PATH`,
 * `settings.claude_cli`): where the program of an argument vector is not a literal, such a name
 * stands for `claude` (the over-approximation of the rule docs).
 */
const CLAUDE_PROGRAM_NAME = /(^|[._])claude(_?(bin|binary|path|cli|cmd|command|exe|executable))?$/i;
/** HTTP client modules whose calls (and sessions) may reach the Anthropic API. */
const HTTP_PACKAGES = new Set(['requests', 'httpx', 'aiohttp', 'urllib3']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'request', 'stream', 'send', 'Client', 'AsyncClient', 'Session', 'ClientSession', 'build_request']);

/** `claude` subcommands and flags that manage the installation and never reach the model. */
const CLI_MANAGEMENT = /^(mcp|config|update|install|doctor|migrate-installer|setup-token|plugin|-v|--version|-h|--help)$/;

/**
 * The `claude` run in a command line or argument vector, if it answers prompts: `claude -p`,
 * `npx @anthropic-ai/claude-code -p`, `bash -lc "… claude …"`, `env -u ANTHROPIC_API_KEY claude -p`,
 * `CLAUDE_CODE_OAUTH_TOKEN=$T claude -p` (src/detect/command-line.ts, shared with JS/TS), but not one
 * of its management subcommands (`claude mcp add`, `claude --version`). A run whose print mode
 * cannot be told counts (the over-approximation of the rule docs).
 *
 * @param argv - one command line, or a program and its arguments (`*` for unknown parts)
 */
export function claudeRunOf(argv: readonly string[]): ClaudeCommand | undefined {
  const command = argv.length === 1 ? claudeInCommandLine(argv[0] ?? '') : claudeInArgv(argv, !argv.includes(UNKNOWN_PART));
  if (!command) return undefined;
  const words = argv.length === 1 ? (argv[0] ?? '').split(/\s+/) : argv;
  const claudeAt = words.findIndex((word) => /(^|[\\/])claude(\.exe|\.cmd)?$/.test(word) || word.startsWith('@anthropic-ai/claude-code'));
  return CLI_MANAGEMENT.test(words[claudeAt + 1] ?? '') ? undefined : command;
}

/** True when a command line or argument vector runs the `claude` CLI on a prompt ({@link claudeRunOf}). */
export function runsClaudeCli(argv: readonly string[]): boolean {
  return claudeRunOf(argv) !== undefined;
}

/**
 * Finds Claude access and credential sources in one module.
 *
 * @param scope - the module's names
 * @param evaluator - its string evaluator
 */
export function createAccessFinder(scope: ModuleScope, evaluator: PythonEvaluator) {
  /** The keyword argument of a call, or of the call a name is bound to. */
  function boundCall(node: PyNode | undefined): PyNode | undefined {
    const inner = unwrap(node);
    if (inner?.type === 'call') return inner;
    if (inner?.type === 'identifier') {
      const bindings = scope.resolve(inner);
      const binding = bindings?.length === 1 ? bindings[0] : undefined;
      if (binding?.kind === 'value') return boundCall(binding.value);
    }
    return undefined;
  }

  /** A dictionary literal, `dict(...)` call, or a name bound to one, as entries (item assignments to the name included). */
  function entries(node: PyNode | undefined, depth = 0): EnvEntry[] {
    const inner = unwrap(node);
    if (!inner || depth > 8) return [];
    if (inner.type === 'dictionary') {
      return inner.namedChildren.flatMap((pair): EnvEntry[] => {
        if (pair.type === 'dictionary_splat') return entries(pair.namedChildren[0], depth + 1);
        const key = evaluator.string(pair.child('key'));
        const value = pair.child('value');
        return pair.type === 'pair' && key !== undefined && value ? [{ key, value, at: pair }] : [];
      });
    }
    if (inner.type === 'call' && ['dict', 'copy.copy'].includes(scope.qualifiedName(inner.child('function')) ?? '')) {
      const { positional, keywords } = callArguments(inner);
      const fromKeywords = [...keywords].map(([key, value]): EnvEntry => ({ key, value, at: value.parent ?? value }));
      return [...positional.flatMap((argument) => entries(argument, depth + 1)), ...fromKeywords];
    }
    if (inner.type === 'call') {
      const callee = inner.child('function');
      if (callee?.type === 'attribute' && callee.child('attribute')?.text === 'copy') return entries(callee.child('object'), depth + 1);
      // `headers=upstream_headers(token)`: a local function that builds the mapping.
      const definition = scope.localFunction(callee);
      if (definition) return entries(returnedExpression(definition), depth + 1);
    }
    if (inner.type === 'identifier') {
      const bindings = scope.resolve(inner);
      const own = bindings?.length === 1 && bindings[0]?.kind === 'value' ? entries(bindings[0].value, depth + 1) : [];
      const assigned = scope.itemAssignments(inner).flatMap(({ key, value, statement }): EnvEntry[] => {
        const name = evaluator.string(key);
        return name === undefined ? [] : [{ key: name, value, at: statement }];
      });
      return [...own, ...assigned];
    }
    return [];
  }

  /** The value of a header (case-insensitive) in a headers mapping. */
  function header(headers: PyNode | undefined, name: string): PyNode | undefined {
    return entries(headers).find((entry) => entry.key.toLowerCase() === name)?.value;
  }

  function hasApiKeyEntry(env: PyNode | undefined): boolean {
    return entries(env).some((entry) => entry.key === 'ANTHROPIC_API_KEY' && !isEmptyValue(entry.value));
  }

  /** What an unknown element of an argument vector stands for: `claude` when its name says so, else `*`. */
  function unknownWord(node: PyNode): string {
    const inner = unwrap(node);
    const name = inner?.type === 'attribute' ? inner.child('attribute')?.text : inner?.type === 'identifier' ? inner.text : undefined;
    return name !== undefined && CLAUDE_PROGRAM_NAME.test(name) ? 'claude' : UNKNOWN_PART;
  }

  /**
   * The words of an argument vector, as far as they are known: list and tuple literals (spreads
   * expanded), names bound to them (later `.extend`/`+=` add unknown words), local functions and
   * methods that return them, `shlex.split`, or one command line. `parts` collects the literals the
   * words come from.
   *
   * @param single - the node is one word, not a vector
   */
  function argvOf(node: PyNode | undefined, parts: PyNode[], single = false, depth = 0): string[] {
    const inner = unwrap(node);
    if (!inner || depth > 8) return [];
    const word = (element: PyNode): string => evaluator.string(element) ?? unknownWord(element);
    if (single) {
      if (inner.type === 'string' || inner.type === 'concatenated_string') parts.push(inner);
      return [word(inner)];
    }
    if (inner.type === 'list' || inner.type === 'tuple') {
      parts.push(inner);
      return inner.namedChildren.flatMap((element) => (element.type === 'list_splat' ? argvOf(element.namedChildren[0], parts, false, depth + 1) : [word(element)]));
    }
    if (inner.type === 'binary_operator' && inner.child('operator')?.text === '+') {
      return [...argvOf(inner.child('left'), parts, false, depth + 1), ...argvOf(inner.child('right'), parts, false, depth + 1)];
    }
    if (inner.type === 'identifier') {
      const bindings = scope.resolve(inner) ?? [];
      const values = bindings.filter((binding) => binding.kind === 'value');
      const first = values[0];
      if (first?.kind === 'value') {
        const words = argvOf(first.value, parts, false, depth + 1);
        return bindings.length > 1 || words.length === 0 ? [...words, UNKNOWN_PART] : words;
      }
      return [unknownWord(inner)];
    }
    if (inner.type === 'call') {
      const definition = scope.localFunction(inner.child('function'));
      const returned = definition ? returnedExpression(definition) : undefined;
      if (returned) return argvOf(returned, parts, false, depth + 1);
    }
    const words = evaluator.strings(inner);
    if (words.length > 0 && inner.type !== 'call') parts.push(inner);
    return words.length > 0 ? words : [unknownWord(inner)];
  }

  /**
   * A call's arguments, with `**mapping` spread into its keywords where the mapping is known (a dict
   * literal, `dict(...)`, or a name bound to one: {@link entries}); keywords written out win. An
   * unknown mapping stays out of both lists.
   */
  function spreadArguments(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode> } {
    const { positional, keywords } = callArguments(call);
    for (const splat of positional.filter((argument) => argument.type === 'dictionary_splat')) {
      for (const entry of entries(splat.namedChildren[0])) if (!keywords.has(entry.key)) keywords.set(entry.key, entry.value);
    }
    return { positional: positional.filter((argument) => argument.type !== 'dictionary_splat'), keywords };
  }

  /** The Claude access a call is, if any. */
  function accessOf(call: PyNode): ClaudeAccess | undefined {
    const callee = call.child('function');
    const qualified = scope.qualifiedName(callee) ?? '';
    const { positional, keywords } = spreadArguments(call);

    if (AGENT_SDK_ENTRY_POINTS.has(qualified)) {
      const options = boundCall(keywords.get('options') ?? positional[qualified.endsWith('query') ? 1 : 0]);
      const isOptions = options && AGENT_SDK_OPTIONS.has(scope.qualifiedName(options.child('function')) ?? '');
      const env = isOptions && options ? spreadArguments(options).keywords.get('env') : undefined;
      const name = qualified.endsWith('query') ? 'query()' : 'ClaudeSDKClient';
      return { kind: 'agent-sdk', call, callee: `\`${name}\` (Agent SDK)`, env, apiKey: hasApiKeyEntry(env) };
    }
    const deferred = DEFERRED_CALLERS[qualified] ?? DEFERRED_CALLERS[qualified.split('.').at(-1) ?? ''];
    const started = deferred === undefined ? undefined : positional[deferred];
    const runner = started ? scope.qualifiedName(started) ?? '' : qualified;
    if (PROCESS_RUNNERS.has(runner) || SPREAD_RUNNERS.test(runner)) {
      // `to_thread(subprocess.run, cmd, env=…)`: the arguments after the function are its own.
      const args = started ? positional.slice((deferred ?? 0) + 1) : positional;
      const parts: PyNode[] = [];
      const argv = SPREAD_RUNNERS.test(runner)
        ? args.flatMap((argument) => (argument.type === 'list_splat' ? argvOf(argument.namedChildren[0], parts) : argvOf(argument, parts, true)))
        : argvOf(args[0] ?? keywords.get('args') ?? keywords.get('cmd') ?? keywords.get('command'), parts);
      const command = claudeRunOf(argv);
      if (!command) return undefined;
      const env = keywords.get('env');
      const argvParts = parts.filter((part) => !(call.start <= part.start && part.end <= call.end));
      return { kind: 'cli', call, callee: '`claude` (the Claude Code CLI)', env, apiKey: hasApiKeyEntry(env) || Boolean(command.envSet.ANTHROPIC_API_KEY), command, argvParts };
    }
    if (ANTHROPIC_CLIENTS.has(qualified)) {
      return { kind: 'anthropic-sdk', call, callee: '`anthropic.Anthropic`', bearer: keywords.get('auth_token'), apiKey: keywords.has('api_key') };
    }
    const method = qualified.split('.').at(-1) ?? '';
    const headers = keywords.get('headers') ?? keywords.get('default_headers');
    if (headers && (HTTP_PACKAGES.has(qualified.split('.')[0] ?? '') || HTTP_METHODS.has(method))) {
      const url = evaluator.string(positional[method === 'request' ? 1 : 0] ?? keywords.get('url') ?? keywords.get('base_url')) ?? '';
      const named = entries(headers).map((entry) => entry.key.toLowerCase());
      if (!url.includes('anthropic.com') && !named.some((name) => name.startsWith('anthropic-'))) return undefined;
      const authorization = header(headers, 'authorization');
      return { kind: 'http', call, callee: 'a request to the Anthropic API', bearer: authorization, apiKey: named.includes('x-api-key') };
    }
    return undefined;
  }

  /**
   * The nodes a value is made of, leaving out calls that reach Claude: what such a call returns
   * (a model's answer, an HTTP response) is not the credential it was given.
   */
  function* valueParts(node: PyNode): Generator<PyNode> {
    const stack: PyNode[] = [node];
    while (stack.length > 0) {
      const part = stack.pop() as PyNode;
      if (part.type === 'call' && (accessOf(part) || isExistenceCheck(scope, part))) continue;
      yield part;
      for (let index = part.children.length - 1; index >= 0; index -= 1) stack.push(part.children[index] as PyNode);
    }
  }

  /**
   * Where a value comes from, when that is a Claude subscription credential: the stored login
   * (file, keychain, `claudeAiOauth`), `CLAUDE_CODE_OAUTH_TOKEN`, or a subscription token in the code.
   * Follows names bound once and local functions' return values; any part tainted taints the whole.
   *
   * @returns a short description for messages, or undefined
   */
  function subscriptionSource(node: PyNode | undefined, depth = 0): string | undefined {
    if (!node || depth > 8) return undefined;
    for (const part of valueParts(node)) {
      const variable = evaluator.environmentVariable(part);
      if (variable === 'CLAUDE_CODE_OAUTH_TOKEN') return variable;
      if (part.type === 'string') {
        const value = evaluator.string(part) ?? '';
        if (value === STORED_LOGIN_KEY) return 'the stored Claude Code login';
        if (findTokens(value).some((token) => token.subscription)) return 'a subscription token written in the code';
      }
      if (['call', 'binary_operator', 'string'].includes(part.type)) {
        const value = evaluator.string(part);
        if (value !== undefined && isCredentialsPath(value)) return 'the stored Claude Code login';
      }
      if (part.type === 'call') {
        const { positional, keywords } = callArguments(part);
        if ([...positional, ...keywords.values()].some((argument) => evaluator.strings(argument).some(mentionsKeychainService))) {
          return 'the stored Claude Code login (macOS keychain)';
        }
        const definition = scope.localFunction(part.child('function'));
        const returned = definition ? subscriptionSource(returnedExpression(definition), depth + 1) : undefined;
        if (returned) return returned;
      }
      if (part.type === 'identifier' && part.field !== 'attribute' && part.field !== 'name') {
        const bindings = scope.resolve(part);
        const binding = bindings?.length === 1 ? bindings[0] : undefined;
        if (binding?.kind === 'value') {
          const bound = subscriptionSource(binding.value, depth + 1);
          if (bound) return bound;
        }
        if (binding?.kind === 'parameter') {
          const passed = argumentsFor(binding).map((argument) => subscriptionSource(argument, depth + 1)).find(Boolean);
          if (passed) return passed;
        }
      }
    }
    return undefined;
  }

  /** What the module's own calls of a local function pass for one of its parameters (by position or keyword). */
  function argumentsFor(parameter: Extract<Binding, { kind: 'parameter' }>): PyNode[] {
    const parameters = parameter.function.child('parameters')?.namedChildren ?? [];
    const index = parameters.indexOf(parameter.node);
    const isMethod = ['self', 'cls'].includes(parameters[0]?.text ?? '');
    const name = parameter.node.type === 'identifier' ? parameter.node.text : parameter.node.child('name')?.text ?? parameter.node.namedChildren[0]?.text;
    const passed: PyNode[] = [];
    for (const call of callsOf(parameter.function)) {
      const { positional, keywords } = callArguments(call);
      const byPosition = positional[index - (isMethod ? 1 : 0)];
      const argument = (name !== undefined ? keywords.get(name) : undefined) ?? (byPosition?.type === 'list_splat' ? undefined : byPosition);
      if (argument) passed.push(argument);
    }
    return passed;
  }

  let callSites: Map<PyNode, PyNode[]> | undefined;
  /** The module's calls of a local function. */
  function callsOf(definition: PyNode): PyNode[] {
    if (!callSites) {
      callSites = new Map();
      for (const node of scope.root.descendants()) {
        if (node.type !== 'call') continue;
        const target = scope.localFunction(node.child('function'));
        if (target) callSites.set(target, [...(callSites.get(target) ?? []), node]);
      }
    }
    return callSites.get(definition) ?? [];
  }

  /**
   * The parameters of `definition` (other than `self`/`cls`) that a value is built from, following
   * names bound once in the function.
   */
  function parameterSources(node: PyNode | undefined, definition: PyNode, depth = 0): PyNode[] {
    if (!node || depth > 8) return [];
    const found: PyNode[] = [];
    for (const part of node.descendants()) {
      if (part.type !== 'identifier' || part.field === 'attribute' || part.field === 'name') continue;
      const bindings = scope.resolve(part) ?? [];
      for (const binding of bindings) {
        // FastAPI's `Depends(...)` parameters are the server's own objects (settings, clients), not request data.
        const injected = binding.kind === 'parameter' && /\bDepends\(/.test(binding.node.text);
        if (binding.kind === 'parameter' && binding.function === definition && !injected && !['self', 'cls'].includes(part.text)) found.push(binding.node);
        if (binding.kind === 'value') found.push(...parameterSources(binding.value, definition, depth + 1));
      }
      // Flask's and Quart's request-global.
      if (bindings.length === 0 || bindings.every((binding) => binding.kind === 'import')) {
        const qualified = scope.qualifiedName(part) ?? '';
        if (/^(flask|quart)\.request$/.test(qualified)) found.push(part);
      }
    }
    return found;
  }

  return { accessOf, entries, subscriptionSource, parameterSources };
}

/** `""`, `''` and `None`: an environment entry that unsets or blanks a variable. */
export function isEmptyValue(node: PyNode | undefined): boolean {
  const inner = unwrap(node);
  return inner?.type === 'none' || (inner?.type === 'string' && !inner.children.some((child) => child.type === 'string_content' || child.type === 'interpolation'));
}

/** Methods and functions that only ask whether a file is there, or how big it is: no credential is read. */
const EXISTENCE_METHODS = new Set(['exists', 'is_file', 'stat', 'lstat', 'is_dir']);
const EXISTENCE_FUNCTIONS = new Set(['os.path.exists', 'os.path.isfile', 'os.path.getsize', 'os.path.getmtime', 'os.stat', 'os.path.lexists']);

/**
 * True for a call that only checks a path (`p.exists()`, `os.path.isfile(p)`, `p.stat()`): a status
 * route that reports whether the login file is there reads no credential (the corpus's tier decisions).
 */
export function isExistenceCheck(scope: ModuleScope, call: PyNode): boolean {
  const callee = call.child('function');
  if (callee?.type === 'attribute' && EXISTENCE_METHODS.has(callee.child('attribute')?.text ?? '')) return true;
  return EXISTENCE_FUNCTIONS.has(scope.qualifiedName(callee) ?? '');
}
