import { createRule } from '../src/js/create-rule.js';
import { decisionsOf, reportDecisions } from '../src/js/model-facts.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

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
    if (!ruleGateOpens('no-agent-sdk-subscription-auth', context.sourceCode.text)) return {};
    return {
      'Program:exit'() {
        reportDecisions(context, decisionsOf(context, 'no-agent-sdk-subscription-auth'));
      },
    };
  },
});
