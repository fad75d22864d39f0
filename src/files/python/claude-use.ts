/**
 * How a module uses Claude as a whole: every access ({@link ClaudeAccess}), the places that remove
 * `ANTHROPIC_API_KEY` from an environment, the places that put `CLAUDE_CODE_OAUTH_TOKEN` into the
 * process environment, and whether an API key is configured anywhere.
 *
 * @packageDocumentation
 */
import { API_KEY_HELPER_SETTING, CLOUD_PROVIDER_ENV } from '../../model/tables.js';
import { callArguments, unwrap } from './evaluate.js';
import { isEmptyValue, type ClaudeAccess } from './claude-access.js';
import type { PythonContext } from './context.js';
import type { PyNode } from './tree.js';

const API_KEY = 'ANTHROPIC_API_KEY';
const OAUTH_TOKEN = 'CLAUDE_CODE_OAUTH_TOKEN';
/**
 * Names whose mention configures a key rather than the subscription: the API key, a cloud provider
 * switch (Bedrock, Vertex, Foundry) and the `apiKeyHelper` setting (src/model/tables.ts).
 */
const KEY_CONFIGURATION = new Set([API_KEY, ...CLOUD_PROVIDER_ENV, API_KEY_HELPER_SETTING]);

/** The module's use of Claude. */
export interface ClaudeUse {
  accesses: ClaudeAccess[];
  /** Nodes that delete or blank `ANTHROPIC_API_KEY` (`os.environ.pop(...)`, `del env[...]`, `"ANTHROPIC_API_KEY": ""`, a filtering comprehension). */
  apiKeyRemovals: PyNode[];
  /** Assignments of `CLAUDE_CODE_OAUTH_TOKEN` into `os.environ` (inherited by every child process). */
  oauthTokenExports: { at: PyNode; value: PyNode }[];
  /** True when the module reads or passes `ANTHROPIC_API_KEY` other than to remove it, or chooses a cloud provider or an `apiKeyHelper`. */
  apiKeyConfigured: boolean;
}

/** True when a key expression, or a collection of them, names the variable. */
function names(context: PythonContext, node: PyNode | undefined, variable: string): boolean {
  const inner = unwrap(node);
  if (!inner) return false;
  if (['tuple', 'list', 'set'].includes(inner.type)) return inner.namedChildren.some((element) => names(context, element, variable));
  return context.evaluator.string(inner) === variable;
}

/** The removal a node performs on `ANTHROPIC_API_KEY`, if it is one. */
function isApiKeyRemoval(context: PythonContext, node: PyNode): boolean {
  const { scope } = context;
  switch (node.type) {
    case 'call': {
      const callee = node.child('function');
      const first = callArguments(node).positional[0];
      if (scope.qualifiedName(callee) === 'os.unsetenv') return names(context, first, API_KEY);
      return callee?.type === 'attribute' && callee.child('attribute')?.text === 'pop' && names(context, first, API_KEY);
    }
    case 'delete_statement':
      return [...node.descendants()].some((part) => part.type === 'subscript' && names(context, part.child('subscript'), API_KEY));
    case 'pair':
      return names(context, node.child('key'), API_KEY) && isEmptyValue(node.child('value'));
    case 'keyword_argument':
      return node.child('name')?.text === API_KEY && isEmptyValue(node.child('value'));
    case 'assignment': {
      const left = node.child('left');
      return left?.type === 'subscript' && names(context, left.child('subscript'), API_KEY) && isEmptyValue(node.child('right'));
    }
    case 'comparison_operator': {
      // `{k: v for k, v in os.environ.items() if k != "ANTHROPIC_API_KEY"}`
      if (!node.ancestor(new Set(['if_clause']))) return false;
      const operators = node.children.filter((child) => !child.named).map((child) => child.text).join(' ');
      return /!=|not in/.test(operators) && node.namedChildren.some((side) => names(context, side, API_KEY));
    }
    default:
      return false;
  }
}

/**
 * True for `os.environ["ANTHROPIC_API_KEY"] = …` under an `if`: the key is set only when someone
 * configured one, and the code runs on the subscription login otherwise.
 */
function isOptionalSet(mention: PyNode): boolean {
  const subscript = mention.parent?.type === 'subscript' ? mention.parent : undefined;
  const assignment = subscript?.field === 'left' && subscript.parent?.type === 'assignment' ? subscript.parent : undefined;
  return assignment !== undefined && assignment.ancestor(new Set(['if_statement', 'function_definition']))?.type === 'if_statement';
}

/**
 * Collects the module's use of Claude (once per module).
 *
 * @param context - the module
 */
export function claudeUseOf(context: PythonContext): ClaudeUse {
  let use = collected.get(context);
  if (!use) collected.set(context, (use = collect(context)));
  return use;
}

const collected = new WeakMap<PythonContext, ClaudeUse>();

function collect(context: PythonContext): ClaudeUse {
  const { root, access, evaluator, scope } = context;
  const accesses: ClaudeAccess[] = [];
  const apiKeyRemovals: PyNode[] = [];
  const oauthTokenExports: { at: PyNode; value: PyNode }[] = [];
  const apiKeyMentions: PyNode[] = [];
  for (const node of root.descendants()) {
    if (node.type === 'call') {
      const found = access.accessOf(node);
      if (found) accesses.push(found);
      // `env -u ANTHROPIC_API_KEY claude -p`, `ANTHROPIC_API_KEY= claude -p`.
      if (found?.command?.envUnset.includes(API_KEY)) apiKeyRemovals.push(node);
    }
    if (isApiKeyRemoval(context, node)) apiKeyRemovals.push(node);
    if (node.type === 'string' && KEY_CONFIGURATION.has(evaluator.string(node) ?? '')) apiKeyMentions.push(node);
    if (node.type === 'assignment') {
      const left = node.child('left');
      const value = node.child('right');
      if (left?.type === 'subscript' && value && evaluator.environmentVariable(left) === OAUTH_TOKEN && !isEmptyValue(value)) {
        oauthTokenExports.push({ at: node, value });
      }
    }
    if (node.type === 'call' && ['os.putenv', 'os.environ.setdefault'].includes(scope.qualifiedName(node.child('function')) ?? '')) {
      const [name, value] = callArguments(node).positional;
      if (value && evaluator.string(name) === OAUTH_TOKEN) oauthTokenExports.push({ at: node, value });
    }
  }
  const insideRemoval = (node: PyNode) => apiKeyRemovals.some((removal) => removal.start <= node.start && node.end <= removal.end);
  return { accesses, apiKeyRemovals, oauthTokenExports, apiKeyConfigured: apiKeyMentions.some((mention) => !insideRemoval(mention) && !isOptionalSet(mention)) };
}

/**
 * Cheap gate: every way of reaching Claude names it (`claude_agent_sdk`, the `claude` program,
 * `anthropic`, `api.anthropic.com`), in lower case.
 */
export function mayReachClaude(text: string): boolean {
  return text.includes('claude') || text.includes('anthropic');
}

/** True for access that falls back to a subscription login when no API key is set. */
export function fallsBackToSubscription(access: ClaudeAccess): boolean {
  return access.kind === 'agent-sdk' || access.kind === 'cli';
}

/**
 * The subscription credential an access is explicitly given, if any: its bearer token, or an
 * environment entry (`CLAUDE_CODE_OAUTH_TOKEN`, or any entry whose value is a stored-login token).
 *
 * @returns the node to report and the source, for messages
 */
export function subscriptionGiven(context: PythonContext, access: ClaudeAccess): { at: PyNode; source: string }[] {
  const given: { at: PyNode; source: string }[] = [];
  if (access.bearer) {
    const source = context.access.subscriptionSource(access.bearer);
    if (source) given.push({ at: access.bearer.parent?.type === 'keyword_argument' ? access.bearer.parent : access.bearer, source });
  }
  if (access.command?.envSet[OAUTH_TOKEN]) given.push({ at: access.call, source: OAUTH_TOKEN });
  if (fallsBackToSubscription(access)) {
    for (const entry of context.access.entries(access.env)) {
      if (isEmptyValue(entry.value)) continue;
      if (entry.key === OAUTH_TOKEN) given.push({ at: entry.at, source: OAUTH_TOKEN });
      else {
        const source = ['ANTHROPIC_AUTH_TOKEN', API_KEY].includes(entry.key) ? context.access.subscriptionSource(entry.value) : undefined;
        if (source) given.push({ at: entry.at, source });
      }
    }
  }
  return given;
}
