import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { claudeUsageOf } from '../src/js/claude-usage.js';
import { RULE_TRIGGERS, containsAny } from '../src/detect/triggers.js';

export default createRule({
  name: 'no-agent-sdk-subscription-auth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow giving the Agent SDK, the claude CLI or the Anthropic SDK Claude subscription credentials',
      recommended: true,
      tier: 'red',
      fixHint: 'Authenticate the Agent SDK, the claude CLI and the Anthropic SDK with an API key (ANTHROPIC_API_KEY or apiKey), and keep it in their environment.',
    },
    messages: {
      subscriptionEnv:
        'A Claude subscription credential ({{source}}) is given to {{callee}}. Agent SDK apps and programs that run claude must authenticate with an API key (ANTHROPIC_API_KEY).',
      authTokenFromOAuth:
        '`authToken` is set from a Claude subscription credential ({{source}}). Give the Anthropic SDK an API key (`apiKey`), not a subscription token.',
      subscriptionBearer:
        'A Claude subscription credential ({{source}}) is sent as a bearer token to {{callee}}. Only Anthropic’s own apps may use subscription credentials: call the API with an API key.',
      apiKeyRemoved:
        'ANTHROPIC_API_KEY is removed before {{callee}} runs, which forces it onto the machine’s Claude subscription login. Keep the API key in its environment.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    if (!containsAny(context.sourceCode.text, RULE_TRIGGERS['no-agent-sdk-subscription-auth'] ?? [])) return {};
    return {
      'Program:exit'() {
        const usage = claudeUsageOf(context);
        const reported = new Set<TSESTree.Node>();
        const once = (node: TSESTree.Node): boolean => !reported.has(node) && Boolean(reported.add(node));

        for (const invocation of usage.invocations) {
          const { credential, apiKeyRemoval } = invocation.auth;
          // Inside a request handler no-oauth-token-proxy reports the same credential, as the graver finding.
          if (credential && !usage.httpHandlerReaching(invocation.node) && once(credential.node)) {
            context.report({ node: credential.node, messageId: credential.messageId, data: { callee: invocation.label, source: credential.source.label } });
          }
          if (apiKeyRemoval && once(apiKeyRemoval)) {
            context.report({ node: apiKeyRemoval, messageId: 'apiKeyRemoved', data: { callee: invocation.label } });
          }
        }
        // Changes to the process environment reach every Agent SDK or claude run of the file.
        const [first] = usage.unkeyedCapable;
        if (!first) return;
        for (const change of usage.envChanges) {
          if (change.kind === 'credential' && change.source && once(change.node)) {
            context.report({ node: change.node, messageId: 'subscriptionEnv', data: { callee: first.label, source: change.source.label } });
          } else if (change.kind === 'api-key-removed' && once(change.node)) {
            context.report({ node: change.node, messageId: 'apiKeyRemoved', data: { callee: first.label } });
          }
        }
      },
    };
  },
});
