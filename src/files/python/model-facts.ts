/**
 * The Python front end of the policy model for one module: turns what the module shows about its
 * Claude calls (./claude-use.ts), its request and bot handlers (./handlers.ts) and the credentials
 * they handle into language-neutral facts (src/model/facts.ts), and reports the judge's decisions
 * (src/model/judge.ts), as the JS/TS rules do (src/js/model-facts.ts). No rule, tier or message is
 * decided here. Which Claude calls an entry point reaches across functions and modules, and with
 * which login, is the project pass's (./project.ts), which asks the same judge.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import type { CredentialSource, EntryPoint, FileFacts, Location, Reach, Sink, SinkKind } from '../../model/facts.js';
import { judgeFile } from '../../model/judge.js';
import { createLocator } from '../../scan/finding.js';
import type { AccessKind, ClaudeAccess } from './claude-access.js';
import { claudeUseOf, mayReachClaude, subscriptionGiven, type ClaudeUse } from './claude-use.js';
import { findingAt, type PythonCheck, type PythonContext } from './context.js';
import { callArguments } from './evaluate.js';
import { findHandlers, type Handler } from './handlers.js';
import type { PyNode } from './tree.js';

/** The model's sink kinds for the Python front end's access kinds. */
export const SINK_KINDS: Readonly<Record<AccessKind, SinkKind>> = { 'agent-sdk': 'agent-sdk', cli: 'claude-cli', 'anthropic-sdk': 'anthropic-sdk', http: 'api-request' };

/** How many calls deep a handler is followed into the module's own functions. */
const MAX_CALL_DEPTH = 6;
const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);
const OAUTH_ENV = ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN'];
/** What messages call a credential that a handler takes from its request. */
const FROM_REQUEST: CredentialSource = { origin: 'caller', kind: 'caller-header', label: 'a token taken from the request' };

/** One access a handler reaches, and the node in the handler's own body that leads to it. */
interface Reached {
  access: ClaudeAccess;
  /** The call or reference in the handler through which the access is reached (the access itself when direct). */
  lead: PyNode;
  /** The function the access is written in. */
  owner: PyNode;
}

function enclosingFunction(node: PyNode): PyNode | undefined {
  return node.ancestor(FUNCTION_TYPES);
}

/** Every access a handler reaches through the module's own functions, in source order of the leads. */
function reachedFrom(context: PythonContext, handler: PyNode, use: ClaudeUse): Reached[] {
  const reached: Reached[] = [];
  const visited = new Set<PyNode>([handler]);
  let frontier: { definition: PyNode; lead?: PyNode }[] = [{ definition: handler }];
  for (let depth = 0; depth <= MAX_CALL_DEPTH && frontier.length > 0; depth += 1) {
    const next: typeof frontier = [];
    for (const { definition, lead } of frontier) {
      for (const access of use.accesses) {
        if (definition.start <= access.call.start && access.call.end <= definition.end) {
          reached.push({ access, lead: lead ?? access.call, owner: enclosingFunction(access.call) ?? definition });
        }
      }
      for (const node of definition.child('body')?.descendants() ?? []) {
        if (node.type !== 'identifier' && node.type !== 'attribute') continue;
        if (node.field === 'attribute' || node.field === 'name') continue;
        const callee = context.scope.localFunction(node);
        if (!callee || visited.has(callee)) continue;
        visited.add(callee);
        // The lead is the call in the handler's body that leads there.
        const call = node.parent?.type === 'call' ? node.parent : node.ancestor(new Set(['call'])) ?? node;
        next.push({ definition: callee, lead: lead ?? call });
      }
    }
    frontier = next;
  }
  return reached.sort((a, b) => a.lead.start - b.lead.start);
}

/** Whether a credential an access is given comes from the handler's request (its parameters, Flask's `request`). */
function forwardedFromRequest(context: PythonContext, handler: PyNode, reached: Reached): boolean {
  const { access } = reached;
  const credentials = [...(access.bearer ? [access.bearer] : []), ...context.access.entries(access.env).filter((entry) => OAUTH_ENV.includes(entry.key)).map((entry) => entry.value)];
  for (const credential of credentials) {
    const sources = context.access.parameterSources(credential, reached.owner);
    if (sources.length === 0) continue;
    if (reached.owner === handler) return true;
    // A helper's parameter: forwarded when the handler passes it something from its request.
    if (sources.some((source) => source.type === 'identifier' && /^(flask|quart)\.request$/.test(context.scope.qualifiedName(source) ?? ''))) return true;
    const lead = reached.lead.type === 'call' ? reached.lead : undefined;
    if (!lead) continue;
    const { positional, keywords } = callArguments(lead);
    if ([...positional, ...keywords.values()].some((argument) => context.access.parameterSources(argument, handler).length > 0)) return true;
  }
  return false;
}

/** A module's facts, and the node each reported location stands for. */
export interface PythonFileFacts {
  facts: FileFacts;
  /** The node behind a location of the facts (decisions carry these locations). */
  nodeAt(location: Location): PyNode | undefined;
}

/**
 * Extracts the facts of one module: its Claude calls with the credentials handed to them, the
 * changes it makes to the environment, and what its request and bot handlers forward or return.
 *
 * @param context - the module
 */
export function pythonFileFacts(context: PythonContext): PythonFileFacts {
  const position = createLocator(context.text);
  const nodes = new Map<string, PyNode>();
  const keyOf = (location: Location): string => `${location.line}:${location.column}:${location.endLine}:${location.endColumn}`;
  const at = (node: PyNode): Location => {
    const start = position(node.start);
    const end = position(node.end);
    const location = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    nodes.set(keyOf(location), node);
    return location;
  };
  const use = claudeUseOf(context);
  const sinkOf = (access: ClaudeAccess): Sink => ({ kind: SINK_KINDS[access.kind], label: access.callee, location: at(access.call), apiKeyConfigured: access.apiKey });
  const handlers = findHandlers(context.scope);
  const sinks: Sink[] = [];
  const returns: FileFacts['returns'] = [];
  /** The handler whose code reaches an access: a request handler first (the graver verdict), else any. */
  const reachOf = new Map<ClaudeAccess, Reach>();
  /** Accesses given a token from a handler's request. */
  const forwarded = new Set<ClaudeAccess>();
  for (const handler of [...handlers].sort((a, b) => Number(a.bot) - Number(b.bot))) {
    const reach: Reach = { entry: entryPointOf(handler, at), hops: [] };
    const leads = new Set<PyNode>();
    for (const reached of reachedFrom(context, handler.definition, use)) {
      if (!reachOf.has(reached.access)) reachOf.set(reached.access, reach);
      if (leads.has(reached.lead) || !forwardedFromRequest(context, handler.definition, reached)) continue;
      leads.add(reached.lead);
      forwarded.add(reached.access);
      sinks.push({ ...sinkOf(reached.access), credential: { source: FROM_REQUEST, slot: reached.access.bearer ? 'bearer' : 'env', location: at(reached.lead) }, reach });
    }
    for (const node of handler.definition.child('body')?.descendants() ?? []) {
      if (node.type !== 'return_statement' || enclosingFunction(node) !== handler.definition) continue;
      const value = node.namedChildren[0];
      const source = context.access.subscriptionSource(value);
      if (value && source) returns.push({ source: { origin: 'subscription', label: source }, location: at(value), reach });
    }
  }
  for (const access of use.accesses) {
    // An OAuth variable filled from the request is the caller's token (reported as forwarded), not this machine's.
    const given = subscriptionGiven(context, access).filter(({ source }) => !(forwarded.has(access) && source === OAUTH_ENV[0]));
    const reach = reachOf.get(access);
    if (given.length === 0) sinks.push(sinkOf(access));
    for (const { at: node, source } of given) {
      const slot = access.kind === 'anthropic-sdk' ? 'auth-token' : access.kind === 'http' ? 'bearer' : 'env';
      sinks.push({ ...sinkOf(access), credential: { source: { origin: 'subscription', label: source }, slot, location: at(node) }, ...(reach ? { reach } : {}) });
    }
  }
  const facts: FileFacts = {
    entryPoints: handlers.map((handler) => entryPointOf(handler, at)),
    sinks,
    envChanges: [
      ...use.oauthTokenExports.map(({ at: node }) => ({ kind: 'oauth-token-injected' as const, location: at(node), source: { origin: 'subscription' as const, kind: 'oauth-env' as const, label: 'CLAUDE_CODE_OAUTH_TOKEN' } })),
      ...use.apiKeyRemovals.map((node) => ({ kind: 'api-key-removed' as const, location: at(node) })),
    ],
    returns,
    configuresApiKey: use.apiKeyConfigured,
  };
  return { facts, nodeAt: (location) => nodes.get(keyOf(location)) };
}

/** A handler as a model entry point: a bot handler is a chat surface, any other a request handler. */
function entryPointOf(handler: Handler, at: (node: PyNode) => Location): EntryPoint {
  return { kind: handler.bot ? 'chat' : 'http', framework: handler.framework, label: handler.surface, location: at(handler.definition) };
}

/**
 * The model's Python check: the judge's decisions about the module, at the nodes they are about.
 * Runs for every rule the judge decides (src/model/judge.ts `VERDICTS`).
 */
export const checkModel: PythonCheck = (context) => {
  if (!mayReachClaude(context.text)) return [];
  const { facts, nodeAt } = pythonFileFacts(context);
  const found: TextFinding[] = [];
  for (const decision of judgeFile(facts)) {
    const node = nodeAt(decision.location);
    if (node) found.push(findingAt(node, decision.ruleName, decision.messageId, decision.data));
  }
  return found;
};
