/**
 * The request-data checks of `no-oauth-token-proxy` for Python: a request or bot handler that
 * forwards a credential taken from the request to Claude, or returns a subscription credential.
 * A handler reaches what it calls directly and what the module's own functions it calls or hands on
 * (`asyncio.to_thread(run, …)`) reach. Which Claude calls an entry point reaches across modules,
 * and with which login, is the project pass's (./project.ts).
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import type { ClaudeAccess } from './claude-access.js';
import { claudeUseOf, mayReachClaude, type ClaudeUse } from './claude-use.js';
import { findingAt, type PythonCheck, type PythonContext } from './context.js';
import { callArguments } from './evaluate.js';
import { findHandlers, type Handler } from './handlers.js';
import type { PyNode } from './tree.js';

/** How many calls deep a handler is followed into the module's own functions. */
const MAX_CALL_DEPTH = 6;
const FUNCTION_TYPES = new Set(['function_definition', 'lambda']);

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

/** Every access a handler reaches, in source order of the leads. */
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
  const credentials = [
    ...(access.bearer ? [access.bearer] : []),
    ...context.access
      .entries(access.env)
      .filter((entry) => ['CLAUDE_CODE_OAUTH_TOKEN', 'ANTHROPIC_AUTH_TOKEN'].includes(entry.key))
      .map((entry) => entry.value),
  ];
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

/** The findings of one handler. */
function checkHandler(context: PythonContext, handler: Handler, use: ClaudeUse): TextFinding[] {
  const { definition } = handler;
  const found: TextFinding[] = [];
  const reportedLeads = new Set<PyNode>();
  for (const entry of reachedFrom(context, definition, use)) {
    if (reportedLeads.has(entry.lead) || !forwardedFromRequest(context, definition, entry)) continue;
    found.push(findingAt(entry.lead, 'no-oauth-token-proxy', 'forwardsCredential', { framework: handler.surface, source: 'a token taken from the request' }));
    reportedLeads.add(entry.lead);
  }
  for (const node of definition.child('body')?.descendants() ?? []) {
    if (node.type !== 'return_statement' || enclosingFunction(node) !== definition) continue;
    const value = node.namedChildren[0];
    const source = context.access.subscriptionSource(value);
    if (value && source) found.push(findingAt(value, 'no-oauth-token-proxy', 'returnsCredential', { framework: handler.surface, source }));
  }
  return found;
}

/** The handler rules' Python check. */
export const checkHandlers: PythonCheck = (context) => {
  if (!mayReachClaude(context.text)) return [];
  const handlers = findHandlers(context.scope);
  if (handlers.length === 0) return [];
  const use = claudeUseOf(context);
  return handlers.flatMap((handler) => checkHandler(context, handler, use));
};
