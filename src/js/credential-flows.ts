/**
 * Where a JS/TS file moves a credential other than into a Claude SDK or CLI: outbound HTTP requests
 * that send one as a bearer token to Anthropic's API or OAuth endpoints (sinks of kind
 * `api-request`), and responses of request handlers that hand one back to the caller (credential
 * returns). Both are facts; the judge decides what they mean.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { ANTHROPIC_API_HOST, ENDPOINT_SINKS } from '../model/tables.js';
import { OAUTH_BETA, isSubscriptionBeta } from '../detect/claude-entry-points.js';
import { isCredentialsPath } from '../detect/credential-store.js';
import type { CredentialSource } from './credential-sources.js';
import type { AuthContext } from './invocation-auth.js';
import { isFunctionNode, walk, type FunctionNode } from './functions.js';
import { forEachNode } from './node-index.js';
import { outboundRequest } from './outbound-requests.js';
import { calleeName, skipWrappers } from './static-string.js';

/** Calls that send a response body: express/fastify/koa/hono/Next.js (`res.json`, `reply.send`, `c.json`, `Response.json`). */
const RESPONSE_METHODS = new Set(['json', 'send', 'end', 'write', 'jsonp', 'text', 'html', 'body', 'respond']);
/** Calls that send a file as the response. */
const FILE_RESPONSE_METHODS = new Set(['sendFile', 'download', 'attachment']);
/** Wrappers a response value goes through on its way out. */
const VALUE_WRAPPERS = new Set(['stringify', 'String', 'json']);

/** An outbound request that sends a credential as a bearer token to Anthropic. */
export interface BearerRequest {
  call: TSESTree.CallExpression;
  /** The header property that carries it. */
  header: TSESTree.Node;
  source: CredentialSource;
  /** For messages: `Anthropic’s Messages API`, `Claude’s OAuth usage/profile endpoint`. */
  label: string;
}

/** A credential handed back to a request's caller. */
export interface ReturnedCredential {
  node: TSESTree.Node;
  source: CredentialSource;
}

/**
 * An outbound request that sends a credential as a bearer token: with the OAuth beta value
 * (whatever the host), or to Anthropic's API. A caller's key passed on as `x-api-key` is
 * bring-your-own-key (their API key, not a subscription) and is not one.
 *
 * @param context - the file's helpers
 * @param call - any call
 */
export function bearerRequest(context: AuthContext, call: TSESTree.CallExpression): BearerRequest | undefined {
  const request = outboundRequest(context.sourceCode, context.evaluator, call);
  if (!request) return undefined;
  const bearer = request.headers.get('authorization');
  const apiKeyHeader = request.headers.get('x-api-key');
  const authorization = bearer ?? apiKeyHeader;
  if (!authorization) return undefined;
  const withBeta = isSubscriptionBeta(context.evaluator.string(request.headers.get('anthropic-beta')?.value) ?? '');
  const url = request.url ?? '';
  if (!withBeta && !url.includes(ANTHROPIC_API_HOST)) return undefined;
  const traced = context.trace(authorization.value, { authTokenEnv: true });
  const source = traced ?? (withBeta ? { origin: 'subscription' as const, label: `a bearer token sent with the ${OAUTH_BETA} beta` } : undefined);
  if (!source || (authorization === apiKeyHeader && source.origin === 'caller')) return undefined;
  const endpoint = ENDPOINT_SINKS.find((candidate) => candidate.pattern.test(url));
  return { call, header: authorization, source, label: endpoint ? `${endpoint.label}` : 'Anthropic’s API' };
}

/**
 * Every place in a file that sends a subscription credential back as a response: `res.json({ accessToken })`,
 * `reply.send(token)`, `c.json(creds)`, `new Response(token)`, koa's `ctx.body = …`,
 * `res.sendFile(credentialsPath)`, in file order. Which handler's response each one is, is for
 * {@link returnedCredentials} to say.
 *
 * @param context - the file's helpers
 */
export function credentialResponses(context: AuthContext): ReturnedCredential[] {
  const found: ReturnedCredential[] = [];
  forEachNode(context.sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.AssignmentExpression) return;
    const source = responseSource(context, node);
    if (source) found.push({ node, source });
  });
  return found;
}

/**
 * The credentials a request handler hands back: the {@link credentialResponses} in its reachable
 * code, and a handler's own return value (fastify, h3, Bun/Deno).
 *
 * @param context - the file's helpers
 * @param handler - the handler function, when it is in this file
 * @param reachableResponses - the file's credential responses that lie in the handler's reachable code, in file order
 */
export function returnedCredentials(context: AuthContext, handler: FunctionNode | undefined, reachableResponses: readonly ReturnedCredential[]): ReturnedCredential[] {
  const found: ReturnedCredential[] = [];
  const add = (node: TSESTree.Node, source: CredentialSource | undefined): void => {
    if (source && !found.some((known) => known.node === node)) found.push({ node, source });
  };
  for (const { node, source } of reachableResponses) add(node, source);
  if (!handler) return found;
  walk(handler.body, (node) => {
    if (isFunctionNode(node)) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && node.argument.type !== AST_NODE_TYPES.CallExpression && node.argument.type !== AST_NODE_TYPES.NewExpression) {
      add(node.argument, responseValueSource(context, node.argument));
    }
    return true;
  });
  if (handler.body.type !== AST_NODE_TYPES.BlockStatement && handler.body.type !== AST_NODE_TYPES.CallExpression) add(handler.body, responseValueSource(context, handler.body));
  return found;
}

/** The subscription credential a call, `new Response(…)` or `ctx.body = …` sends back, if any. */
function responseSource(context: AuthContext, node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.AssignmentExpression): CredentialSource | undefined {
  if (node.type === AST_NODE_TYPES.CallExpression) return responseCall(context, node);
  if (node.type === AST_NODE_TYPES.NewExpression) return calleeName(node.callee) === 'Response' ? responseValueSource(context, node.arguments[0]) : undefined;
  return node.left.type === AST_NODE_TYPES.MemberExpression && calleeName(node.left) === 'body' ? responseValueSource(context, node.right) : undefined;
}

function responseCall(context: AuthContext, call: TSESTree.CallExpression): CredentialSource | undefined {
  const name = calleeName(call.callee);
  if (!name) return undefined;
  if (FILE_RESPONSE_METHODS.has(name) && context.evaluator.strings(call.arguments[0]).some(isCredentialsPath)) {
    return { origin: 'subscription', label: 'the stored Claude Code login' };
  }
  if (!RESPONSE_METHODS.has(name) || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  // A request's own `.send()` (an outbound call with headers) is not a response.
  if (outboundRequest(context.sourceCode, context.evaluator, call)) return undefined;
  for (const argument of call.arguments) {
    const source = responseValueSource(context, argument);
    if (source) return source;
  }
  return undefined;
}

/**
 * The subscription credential in a response value: the value itself, a property value, an array
 * element, or what `JSON.stringify` is given. Only the machine's own credentials count; echoing a
 * caller's own token back is not handing one out.
 */
function responseValueSource(context: AuthContext, raw: TSESTree.Node | undefined, depth = 0): CredentialSource | undefined {
  const node = raw && skipWrappers(raw);
  if (!node || depth > 6) return undefined;
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of node.properties) {
      const found = responseValueSource(context, property.type === AST_NODE_TYPES.Property ? property.value : property.argument, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of node.elements) {
      const found = element ? responseValueSource(context, element, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && VALUE_WRAPPERS.has(calleeName(node.callee) ?? '')) {
    return responseValueSource(context, node.arguments[0], depth + 1);
  }
  const source = context.trace(node, { authTokenEnv: true });
  return source?.origin === 'subscription' ? source : undefined;
}
