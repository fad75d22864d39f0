import { createRule } from '../src/js/create-rule.js';

// Meta is the contract other front ends (Python, workflows, Dockerfiles) report under; create() is to come.
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
        'This {{framework}} request handler calls Claude with a Claude subscription credential ({{source}}). Serving other people from a subscription seat is prohibited: use an API key.',
      forwardsCredential:
        'This {{framework}} request handler forwards a Claude subscription credential ({{source}}) to Anthropic for its callers. Third parties may not route requests through Free/Pro/Max credentials: use an API key.',
      returnsCredential:
        'This {{framework}} request handler returns a Claude subscription credential ({{source}}) to its caller. Never hand out subscription tokens.',
    },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
