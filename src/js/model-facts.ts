/**
 * The JS/TS front end of the policy model: turns the shared analysis of a file (src/js/claude-usage.ts)
 * into language-neutral facts (src/model/facts.ts), and asks the judge once per file. The rules are
 * thin adapters over {@link decisionsOf}: each reports the decisions of its own rule. Computed once
 * per lint and cached on the file's SourceCode.
 *
 * @packageDocumentation
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { EnvChange, FileFacts, Reach, Sink, SinkKind } from '../model/facts.js';
import { judgeFile, type Decision } from '../model/judge.js';
import type { RuleName } from '../rule-names.js';
import { claudeUsageOf, type AuthedInvocation, type ClaudeUsage } from './claude-usage.js';
import { bearerRequest, credentialResponses, returnedCredentials, type ReturnedCredential } from './credential-flows.js';
import type { InvocationKind } from './claude-invocations.js';
import type { SurfaceHandler } from './surfaces.js';
import { recordFlow } from './file-facts.js';
import { locationOf } from './location.js';

/** A file's facts, the judge's decisions, and the sinks as facts next to the nodes they came from. */
export interface JudgedFile {
  usage: ClaudeUsage;
  facts: FileFacts;
  decisions: Decision[];
  /** The sinks an entry point of another file could reach, with the node each stands for (without reach). */
  reachableSinks(): Array<{ node: TSESTree.Node; sink: Sink }>;
}

const cache = new WeakMap<object, JudgedFile>();

const SINK_KINDS: Readonly<Record<InvocationKind, SinkKind>> = { 'agent-sdk': 'agent-sdk', 'claude-cli': 'claude-cli', 'anthropic-client': 'anthropic-sdk' };

export { locationOf };

/** A surface handler as a model entry point. */
export function entryPointOf(handler: SurfaceHandler): Reach['entry'] {
  return { kind: handler.kind === 'http' ? 'http' : 'chat', framework: handler.kind, label: handler.label, location: locationOf(handler.node) };
}

/**
 * The facts and decisions of the file a rule is linting.
 *
 * @param context - the rule's context
 */
export function judgedFileOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): JudgedFile {
  const cached = cache.get(context.sourceCode);
  if (cached) return cached;
  const judged = judge(claudeUsageOf(context));
  cache.set(context.sourceCode, judged);
  return judged;
}

/**
 * The judge's decisions of one rule about the file a rule is linting.
 *
 * @param context - the rule's context
 * @param ruleName - the rule
 */
export function decisionsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, ruleName: RuleName): Decision[] {
  return judgedFileOf(context).decisions.filter((decision) => decision.ruleName === ruleName);
}

/**
 * Reports decisions through ESLint.
 *
 * @param context - the rule's context
 * @param decisions - decisions about the file being linted
 */
export function reportDecisions(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, decisions: readonly Decision[]): void {
  for (const { location, messageId, data, related } of decisions) {
    // For the scanner's reports: the entry point and hops, then the reported place itself.
    if (related.length > 0) recordFlow({ line: location.line, column: location.column, messageId, steps: [...related, { location, message: data.path ?? data.source ?? data.callee ?? '' }] });
    context.report({
      loc: { start: { line: location.line, column: location.column - 1 }, end: { line: location.endLine, column: location.endColumn - 1 } },
      messageId,
      data,
    });
  }
}

/** Claude Code's OAuth login (its client id, authorize or token endpoint) where the file uses it. */
function loginSinkOf(node: TSESTree.Node): Sink {
  return { kind: 'oauth-endpoint', label: 'Claude’s OAuth login (Claude Code’s client)', location: locationOf(node), apiKeyConfigured: false };
}

function judge(usage: ClaudeUsage): JudgedFile {
  const handlers = usage.handlers;
  /** The handler that reaches a node: a request handler first (the graver verdict), else any surface. */
  const reachOfNode = (node: TSESTree.Node): Reach | undefined => {
    const handler = handlers.find((candidate) => candidate.kind === 'http' && usage.reachOf(candidate).contains(node)) ?? handlers.find((candidate) => usage.reachOf(candidate).contains(node));
    return handler ? { entry: entryPointOf(handler), hops: usage.reachOf(handler).hopsTo(node) } : undefined;
  };
  const sinks = new Map<AuthedInvocation, Sink>();
  const sinkOf = (invocation: AuthedInvocation): Sink => {
    let sink = sinks.get(invocation);
    if (!sink) {
      const { credential, apiKeyRemoval, apiKeyConfigured } = invocation.auth;
      sink = {
        kind: SINK_KINDS[invocation.kind],
        label: invocation.label,
        location: locationOf(invocation.builtAt ?? invocation.node),
        apiKeyConfigured,
        ...(credential ? { credential: { source: credential.source, slot: credential.messageId === 'authTokenFromOAuth' ? 'auth-token' : 'env', location: locationOf(credential.node) } } : {}),
        ...(apiKeyRemoval ? { apiKeyRemoved: locationOf(apiKeyRemoval) } : {}),
      } satisfies Sink;
      sinks.set(invocation, sink);
    }
    return sink;
  };
  // Computed for the first HTTP handler of a file that names a credential.
  let responses: ReturnedCredential[] | undefined;
  const facts: FileFacts = {
    entryPoints: handlers.map(entryPointOf),
    sinks: [
      ...usage.invocations.map((invocation) => {
        const reach = reachOfNode(invocation.node);
        return reach ? { ...sinkOf(invocation), reach } : sinkOf(invocation);
      }),
      ...usage.detachedClients.flatMap(({ object, auth }): Sink[] => {
        const reach = reachOfNode(object);
        return auth.credential
          ? [{
              kind: 'anthropic-sdk',
              label: 'Anthropic client options',
              location: locationOf(object),
              apiKeyConfigured: false,
              credential: { source: auth.credential.source, slot: auth.credential.messageId === 'authTokenFromOAuth' ? 'auth-token' : 'env', location: locationOf(auth.credential.node) },
              ...(reach ? { reach } : {}),
            }]
          : [];
      }),
      ...usage.loginMarkers.map((node): Sink => {
        const reach = reachOfNode(node);
        return reach ? { ...loginSinkOf(node), reach } : loginSinkOf(node);
      }),
      ...usage.bearerRequests.map((request): Sink => {
        const reach = reachOfNode(request.call);
        return {
          kind: 'api-request',
          label: request.label,
          location: locationOf(request.call),
          apiKeyConfigured: false,
          credential: { source: request.source, slot: 'bearer', location: locationOf(request.header) },
          ...(reach ? { reach } : {}),
        };
      }),
    ],
    envChanges: usage.envChanges.map(
      (change): EnvChange => ({
        kind: change.kind === 'credential' ? 'oauth-token-injected' : change.kind,
        location: locationOf(change.node),
        ...(change.conditional ? { conditional: true } : {}),
        ...(change.source ? { source: change.source } : {}),
      }),
    ),
    // Only a file that names a credential can hand one back.
    returns: handlers
      .filter((handler) => handler.kind === 'http' && usage.namesCredential)
      .flatMap((handler) => {
        const reach = usage.reachOf(handler);
        responses ??= credentialResponses(usage);
        return returnedCredentials(usage, handler.handler, responses.filter(({ node }) => reach.contains(node))).map(({ node, source }) => ({ source, location: locationOf(node), reach: { entry: entryPointOf(handler), hops: [] } }));
      }),
    configuresApiKey: usage.configuresApiKey,
  };
  const reachableSinks = (): Array<{ node: TSESTree.Node; sink: Sink }> => [
    ...usage.invocations.map((invocation) => ({ node: invocation.node, sink: sinkOf(invocation) })),
    ...usage.loginMarkers.map((node) => ({ node, sink: loginSinkOf(node) })),
  ];
  return { usage, facts, decisions: judgeFile(facts), reachableSinks };
}
