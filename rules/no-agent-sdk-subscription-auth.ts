import { createRule } from '../src/js/create-rule.js';

// Meta is the contract other front ends (Python, workflows, Dockerfiles) report under; create() is to come.
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
        '{{callee}} is given a Claude subscription credential ({{source}}). Agent SDK apps and programs that run claude must authenticate with an API key (ANTHROPIC_API_KEY).',
      authTokenFromOAuth:
        '`authToken` is set from a Claude subscription credential ({{source}}). Give the Anthropic SDK an API key (`apiKey`), not a subscription token.',
      apiKeyRemoved:
        'ANTHROPIC_API_KEY is removed before {{callee}} runs, which forces it onto the machine’s Claude subscription login. Keep the API key in its environment.',
    },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
