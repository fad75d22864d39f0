/**
 * The one analysis of a file that the Claude rules share (no-agent-sdk-subscription-auth,
 * no-oauth-token-proxy, no-multi-user-surface): its Claude invocations with their credentials, the
 * file-wide environment changes, its multi-user surfaces and what each reaches. Computed once per
 * lint and cached on the file's SourceCode, so three rules cost one pass.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { API_KEY_ENV, CLOUD_PROVIDER_ENV } from '../detect/claude-entry-points.js';
import { createInvocationRecognizer, isSubscriptionCapable, objectLiteralOf, type ClaudeInvocation } from './claude-invocations.js';
import { createCredentialTracer } from './credential-sources.js';
import { bearerRequest, type BearerRequest } from './credential-flows.js';
import { CREDENTIAL_WORDS, containsAny } from '../detect/triggers.js';
import { CLAUDE_CODE_TRIGGER_WORDS, findValueMarkers } from '../detect/claude-code-markers.js';
import { forEachNode } from './node-index.js';
import { createImportResolver, importedModules, type ModuleRef } from './imports.js';
import { clientOptionsAuth, fileEnvChanges, invocationAuth, type AuthContext, type EnvChange, type InvocationAuth } from './invocation-auth.js';
import { createReach, type Reach } from './reach.js';
import { createStaticEvaluator, envVariableName, findProperty } from './static-string.js';
import { findSurfaceHandlers, type SurfaceHandler } from './surfaces.js';

/** An invocation with what the file shows about its credential. */
export interface AuthedInvocation extends ClaudeInvocation {
  auth: InvocationAuth;
}

/** The shared analysis of one file. */
export interface ClaudeUsage extends AuthContext {
  resolve: (node: TSESTree.Node) => ModuleRef | undefined;
  invocations: AuthedInvocation[];
  /** Outbound requests that send a credential as a bearer token to Anthropic. */
  bearerRequests: BearerRequest[];
  /** Where the file uses Claude Code's OAuth login (client id, authorize or token endpoint). */
  loginMarkers: TSESTree.Node[];
  /** Anthropic client options built apart from a `new Anthropic()` of this file, with a subscription credential. */
  detachedClients: Array<{ object: TSESTree.ObjectExpression; auth: InvocationAuth }>;
  /** The text names a credential (an OAuth variable, a token prefix, the stored login): only then can one be handed back. */
  namesCredential: boolean;
  envChanges: EnvChange[];
  /** The file reads `ANTHROPIC_API_KEY` or selects a cloud provider: it configures an API key. */
  configuresApiKey: boolean;
  handlers: SurfaceHandler[];
  /** What a handler reaches (cached). */
  reachOf(handler: SurfaceHandler): Reach;
  /** What some nodes reach (not cached). */
  reachFrom(nodes: readonly TSESTree.Node[]): Reach;
  /** The first HTTP handler whose reach contains a node. */
  httpHandlerReaching(node: TSESTree.Node): SurfaceHandler | undefined;
  /** Subscription-capable invocations the file runs with no API key: where a removal or a handed token matters. */
  unkeyedCapable: AuthedInvocation[];
}

const cache = new WeakMap<object, ClaudeUsage>();

/**
 * The shared analysis of the file a rule is linting.
 *
 * @param context - the rule's context
 */
export function claudeUsageOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ClaudeUsage {
  const { sourceCode } = context;
  const cached = cache.get(sourceCode);
  if (cached) return cached;
  const usage = analyze(sourceCode, context.filename.split('\\').join('/'));
  cache.set(sourceCode, usage);
  return usage;
}

function analyze(sourceCode: Readonly<TSESLint.SourceCode>, filename: string): ClaudeUsage {
  const evaluator = createStaticEvaluator(sourceCode);
  const resolve = createImportResolver(sourceCode);
  const trace = createCredentialTracer(sourceCode, evaluator);
  const context: AuthContext = { sourceCode, evaluator, trace };
  const modules = importedModules(sourceCode.text);
  const recognize = createInvocationRecognizer(sourceCode, resolve, evaluator, modules);

  const invocations: AuthedInvocation[] = [];
  const bearerRequests: BearerRequest[] = [];
  // A bearer request needs a header object literal with an authorization key.
  const checkRequests = /authorization|x-api-key/i.test(sourceCode.text);
  // Client options built apart from `new Anthropic()` (returned by a helper, passed on): judged like the client's own.
  // Only where Anthropic is named: `authToken` is a common option name of other SDKs.
  const checkClientOptions = sourceCode.text.includes('authToken') && /anthropic/i.test(sourceCode.text);
  const clientOptions: TSESTree.ObjectExpression[] = [];
  // Claude Code's OAuth login (its client id, authorize and token endpoints): a handler that reaches it offers "log in with Claude".
  const checkLogin = containsAny(sourceCode.text, CLAUDE_CODE_TRIGGER_WORDS);
  const loginMarkers: TSESTree.Node[] = [];
  let readsApiKey = false;
  forEachNode(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const invocation = recognize(node);
      if (invocation) invocations.push({ ...invocation, auth: invocationAuth(context, invocation) });
      const request = checkRequests && !invocation && node.type === AST_NODE_TYPES.CallExpression ? bearerRequest(context, node) : undefined;
      if (request) bearerRequests.push(request);
    } else if (checkClientOptions && node.type === AST_NODE_TYPES.ObjectExpression && findProperty(node, 'authToken')) {
      clientOptions.push(node);
    } else if (checkLogin && (node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral)) {
      const value = evaluator.string(node);
      if (value !== undefined && findValueMarkers(value).some((marker) => marker.kind === 'clientId' || (marker.kind === 'oauthEndpoint' && /authorize|oauth\/token/.test(marker.data?.url ?? '')))) {
        loginMarkers.push(node);
      }
    }
    if (!readsApiKey && node.type === AST_NODE_TYPES.MemberExpression && envVariableName(sourceCode, node) === API_KEY_ENV) {
      readsApiKey = isPlainRead(node);
    }
  });
  const ownOptions = new Set(invocations.map((invocation) => objectLiteralOf(sourceCode, invocation.options)));
  const detachedClients = clientOptions
    .filter((object) => !ownOptions.has(object))
    .map((object) => ({ object, auth: clientOptionsAuth(context, object) }))
    .filter(({ auth }) => auth.credential !== undefined);
  const envChanges = fileEnvChanges(context);
  const configuresApiKey =
    readsApiKey || CLOUD_PROVIDER_ENV.some((name) => sourceCode.text.includes(name)) || envChanges.some((change) => change.kind === 'api-key-set');
  const handlers = findSurfaceHandlers({ sourceCode, evaluator, resolve, modules, filename });
  const reachFrom = createReach(sourceCode, resolve);
  const reaches = new Map<SurfaceHandler, Reach>();
  const reachOf = (handler: SurfaceHandler): Reach => {
    let reach = reaches.get(handler);
    if (!reach) {
      reach = handler.handler ? reachFrom([handler.handler]) : { contains: () => false, imports: handler.imported ? [handler.imported] : [], hopsTo: () => [] };
      reaches.set(handler, reach);
    }
    return reach;
  };
  const unkeyedCapable = invocations.filter((invocation) => isSubscriptionCapable(invocation) && !invocation.auth.apiKeyConfigured);
  return {
    ...context,
    resolve,
    invocations,
    bearerRequests,
    detachedClients,
    loginMarkers,
    namesCredential: containsAny(sourceCode.text, CREDENTIAL_WORDS),
    envChanges,
    configuresApiKey,
    handlers,
    reachOf,
    reachFrom,
    httpHandlerReaching: (node) => handlers.find((handler) => handler.kind === 'http' && reachOf(handler).contains(node)),
    unkeyedCapable,
  };
}

/** A read of the variable, not a write, a `delete` or a presence test that leads to removing it. */
function isPlainRead(node: TSESTree.MemberExpression): boolean {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) return false;
  return !(parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete');
}
