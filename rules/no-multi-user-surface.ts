import { createRule } from '../src/js/create-rule.js';

// Meta is the contract other front ends (Python, workflows, Dockerfiles) report under; create() is to come.
export default createRule({
  name: 'no-multi-user-surface',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow multi-user surfaces (bots, HTTP handlers, CI on other people’s events) that reach Claude through a subscription-capable path',
      recommended: true,
      tier: 'yellow',
      fixHint: 'Set ANTHROPIC_API_KEY (or pass apiKey) for anything that acts for other people, so it never falls back to a subscription login.',
    },
    messages: {
      surfaceReachesSubscription:
        'This {{surface}} reaches Claude through {{path}}, which runs on a Claude subscription login whenever no API key is set. Anything that acts for other people must use an API key: set ANTHROPIC_API_KEY explicitly.',
      workflowOnOthersEvents:
        'This job runs on `{{event}}`, which other people can trigger, and hands it a Claude subscription token ({{secret}}). Use an ANTHROPIC_API_KEY secret, or gate the job to the repository owner.',
      tokenToThirdPartyAction:
        'A Claude subscription token ({{secret}}) is handed to the third-party action `{{action}}`. Give it an API key instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create() {
    return {};
  },
});
