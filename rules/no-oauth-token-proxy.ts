import { createRule } from '../src/js/create-rule.js';
import { decisionsOf, reportDecisions } from '../src/js/model-facts.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

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
      offersClaudeLogin:
        'This {{framework}} reaches {{path}}: it offers other people a Claude login and obtains subscription tokens for them. Third parties may not offer “log in with Claude”: use an API key.',
      servesFromSubscription:
        'This {{framework}} reaches Claude through {{path}}, which runs on the machine’s Claude subscription login whenever no API key is set. Serving other people’s requests from a subscription seat is prohibited: set ANTHROPIC_API_KEY for it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    if (!ruleGateOpens('no-oauth-token-proxy', context.sourceCode.text)) return {};
    return {
      'Program:exit'() {
        reportDecisions(context, decisionsOf(context, 'no-oauth-token-proxy'));
      },
    };
  },
});
