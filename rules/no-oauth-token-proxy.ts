import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { claudeUsageOf, type ClaudeUsage } from '../src/js/claude-usage.js';
import type { CredentialSource } from '../src/js/credential-sources.js';
import { isFunctionNode, walk } from '../src/js/functions.js';
import { outboundRequest } from '../src/js/outbound-requests.js';
import { calleeName, skipWrappers } from '../src/js/static-string.js';
import type { SurfaceHandler } from '../src/js/surfaces.js';
import { ANTHROPIC_API_HOST, OAUTH_BETA, isSubscriptionBeta } from '../src/detect/claude-entry-points.js';
import { isCredentialsPath } from '../src/detect/credential-store.js';
import { RULE_TRIGGERS, containsAny } from '../src/detect/triggers.js';

/** Calls that send a response body: express/fastify/koa/hono/Next.js (`res.json`, `reply.send`, `c.json`, `Response.json`). */
const RESPONSE_METHODS = new Set(['json', 'send', 'end', 'write', 'jsonp', 'text', 'html', 'body', 'respond']);
/** Calls that send a file as the response. */
const FILE_RESPONSE_METHODS = new Set(['sendFile', 'download', 'attachment']);
/** Wrappers a response value goes through on its way out. */
const VALUE_WRAPPERS = new Set(['stringify', 'String', 'json']);

type MessageId = 'callsWithSubscription' | 'forwardsCredential' | 'returnsCredential';

export default createRule({
  name: 'no-oauth-token-proxy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow request handlers that call Claude with, forward, or return a Claude subscription credential',
      recommended: true,
      tier: 'red',
      fixHint: 'A service that answers other people must call Claude with its own API key; never accept, forward or hand out subscription tokens.',
    },
    messages: {
      callsWithSubscription:
        'This {{framework}} calls Claude with a Claude subscription credential ({{source}}). Serving other people from a subscription seat is prohibited: use an API key.',
      forwardsCredential:
        'This {{framework}} forwards a Claude subscription credential ({{source}}) to Anthropic for its callers. Third parties may not route requests through Free/Pro/Max credentials: use an API key.',
      returnsCredential:
        'This {{framework}} returns a Claude subscription credential ({{source}}) to its caller. Never hand out subscription tokens.',
      servesFromSubscription:
        'This {{framework}} reaches Claude through {{path}}, which runs on the machine’s Claude subscription login whenever no API key is set. Serving other people’s requests from a subscription seat is prohibited: set ANTHROPIC_API_KEY for it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    if (!containsAny(context.sourceCode.text, RULE_TRIGGERS['no-oauth-token-proxy'] ?? [])) return {};
    return {
      'Program:exit'() {
        const usage = claudeUsageOf(context);
        const reported = new Set<TSESTree.Node>();
        const report = (node: TSESTree.Node, messageId: MessageId, handler: SurfaceHandler, source: CredentialSource): void => {
          if (reported.has(node)) return;
          reported.add(node);
          context.report({ node, messageId, data: { framework: handler.label, source: source.label } });
        };
        for (const handler of usage.handlers) {
          if (handler.kind !== 'http') continue;
          const reach = usage.reachOf(handler);
          for (const invocation of usage.invocations) {
            const credential = invocation.auth.credential;
            if (credential && reach.contains(invocation.node)) {
              report(credential.node, credential.source.origin === 'caller' ? 'forwardsCredential' : 'callsWithSubscription', handler, credential.source);
            }
          }
          walkReachable(usage, handler, (node) => {
            if (node.type === AST_NODE_TYPES.CallExpression) {
              checkRequest(usage, node, (where, messageId, source) => report(where, messageId, handler, source));
              checkResponseCall(usage, node, (where, source) => report(where, 'returnsCredential', handler, source));
            } else if (node.type === AST_NODE_TYPES.NewExpression && calleeName(node.callee) === 'Response') {
              const source = responseValueSource(usage, node.arguments[0]);
              if (source) report(node, 'returnsCredential', handler, source);
            } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && calleeName(node.left) === 'body') {
              // koa: ctx.body = { token }
              const source = responseValueSource(usage, node.right);
              if (source) report(node, 'returnsCredential', handler, source);
            }
          });
          const fn = handler.handler;
          if (!fn) continue;
          // fastify, h3, Bun/Deno: a handler's return value is the response body.
          walk(fn.body, (node) => {
            if (isFunctionNode(node)) return false;
            if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument && node.argument.type !== AST_NODE_TYPES.CallExpression && node.argument.type !== AST_NODE_TYPES.NewExpression) {
              const source = responseValueSource(usage, node.argument);
              if (source) report(node.argument, 'returnsCredential', handler, source);
            }
            return true;
          });
          if (fn.body.type !== AST_NODE_TYPES.BlockStatement && fn.body.type !== AST_NODE_TYPES.CallExpression) {
            const source = responseValueSource(usage, fn.body);
            if (source) report(fn.body, 'returnsCredential', handler, source);
          }
        }
      },
    };
  },
});

/** Visits every node of the handler's reachable code (its body and what it calls in this file). */
function walkReachable(usage: ClaudeUsage, handler: SurfaceHandler, visit: (node: TSESTree.Node) => void): void {
  const reach = usage.reachOf(handler);
  walk(usage.sourceCode.ast, (node) => {
    if (!reach.contains(node)) return true;
    visit(node);
    return true;
  });
}

/**
 * An outbound request that sends a subscription credential as a bearer token: with the OAuth beta
 * value (whatever the host), or to Anthropic's API.
 */
function checkRequest(
  usage: ClaudeUsage,
  call: TSESTree.CallExpression,
  report: (node: TSESTree.Node, messageId: MessageId, source: CredentialSource) => void,
): void {
  const request = outboundRequest(usage.sourceCode, usage.evaluator, call);
  if (!request) return;
  const bearer = request.headers.get('authorization');
  const apiKeyHeader = request.headers.get('x-api-key');
  const authorization = bearer ?? apiKeyHeader;
  if (!authorization) return;
  const withBeta = isSubscriptionBeta(usage.evaluator.string(request.headers.get('anthropic-beta')?.value) ?? '');
  const toAnthropic = (request.url ?? '').includes(ANTHROPIC_API_HOST);
  if (!withBeta && !toAnthropic) return;
  const traced = usage.trace(authorization.value, { authTokenEnv: true });
  const source = traced ?? (withBeta ? { origin: 'subscription' as const, label: `a bearer token sent with the ${OAUTH_BETA} beta` } : undefined);
  // A caller's key passed on as `x-api-key` is bring-your-own-key: their API key, not a subscription.
  if (!source || (authorization === apiKeyHeader && source.origin === 'caller')) return;
  report(authorization, source.origin === 'caller' ? 'forwardsCredential' : 'callsWithSubscription', source);
}

/** `res.json({ accessToken })`, `reply.send(token)`, `c.json(creds)`, `Response.json(…)`, `res.sendFile(credentialsPath)`. */
function checkResponseCall(usage: ClaudeUsage, call: TSESTree.CallExpression, report: (node: TSESTree.Node, source: CredentialSource) => void): void {
  const name = calleeName(call.callee);
  if (!name) return;
  if (FILE_RESPONSE_METHODS.has(name) && usage.evaluator.strings(call.arguments[0]).some(isCredentialsPath)) {
    report(call, { origin: 'subscription', label: 'the stored Claude Code login' });
    return;
  }
  if (!RESPONSE_METHODS.has(name) || call.callee.type !== AST_NODE_TYPES.MemberExpression) return;
  // A request's own `.send()` (an outbound call with headers) is not a response.
  if (outboundRequest(usage.sourceCode, usage.evaluator, call)) return;
  for (const argument of call.arguments) {
    const source = responseValueSource(usage, argument);
    if (source) {
      report(call, source);
      return;
    }
  }
}

/**
 * The subscription credential in a response value: the value itself, a property value, an array
 * element, or what `JSON.stringify` is given. Only the machine's own credentials count; echoing a
 * caller's own token back is not handing one out.
 */
function responseValueSource(usage: ClaudeUsage, raw: TSESTree.Node | undefined, depth = 0): CredentialSource | undefined {
  const node = raw && skipWrappers(raw);
  if (!node || depth > 6) return undefined;
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of node.properties) {
      const value = property.type === AST_NODE_TYPES.Property ? property.value : property.argument;
      const found = responseValueSource(usage, value, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of node.elements) {
      const found = element ? responseValueSource(usage, element, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && VALUE_WRAPPERS.has(calleeName(node.callee) ?? '')) {
    return responseValueSource(usage, node.arguments[0], depth + 1);
  }
  const source = usage.trace(node, { authTokenEnv: true });
  return source?.origin === 'subscription' ? source : undefined;
}
