import { createRule } from '../src/js/create-rule.js';
import { isCollectingFacts, recordFileFacts, type SurfaceFileFacts } from '../src/js/file-facts.js';
import { exportedRoots } from '../src/js/exports.js';
import { decisionsOf, entryPointOf, judgedFileOf, reportDecisions, type JudgedFile } from '../src/js/model-facts.js';
import { awaitsReach, type Sink } from '../src/model/index.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

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
        'The {{surface}} reaches Claude through {{path}}, which runs on a Claude subscription login whenever no API key is set. Anything that acts for other people must use an API key: set ANTHROPIC_API_KEY explicitly.',
      workflowOnOthersEvents:
        'This job runs on `{{event}}`, which other people can trigger, and hands it a Claude subscription token ({{secret}}). Use an ANTHROPIC_API_KEY secret, or gate the job to the repository owner.',
      tokenToThirdPartyAction:
        'A Claude subscription token ({{secret}}) is handed to the third-party action `{{action}}`. Give it an API key instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const text = context.sourceCode.text;
    if (!ruleGateOpens('no-multi-user-surface', text)) return {};
    // A handler file that never names Claude can only matter to the scanner's cross-file pass.
    if (!text.includes('claude') && !isCollectingFacts()) return {};
    return {
      'Program:exit'() {
        reportDecisions(context, decisionsOf(context, 'no-multi-user-surface'));
        if (isCollectingFacts()) recordFileFacts({ surface: surfaceFacts(judgedFileOf(context)) });
      },
    };
  },
});

/**
 * Facts for the scanner's cross-file pass: which exports reach a Claude call that an entry point of
 * another file would make a finding of (the judge's `awaitsReach`), and what each entry point's code
 * imports.
 */
function surfaceFacts(judged: JudgedFile): SurfaceFileFacts {
  const { usage, facts } = judged;
  const context = { configuresApiKey: facts.configuresApiKey, envChanges: facts.envChanges };
  const eligible = judged.reachableSinks().filter(({ sink }) => awaitsReach(sink, context));
  const exports = exportedRoots(usage.sourceCode).map(({ name, roots, reexports }) => {
    const reach = usage.reachFrom(roots);
    const sites: Sink[] = eligible.filter(({ node }) => reach.contains(node)).map(({ sink }) => sink);
    return { name, sites, uses: [...reach.imports, ...reexports] };
  });
  const surfaces = usage.handlers.map((handler) => ({ entry: entryPointOf(handler), uses: usage.reachOf(handler).imports }));
  return { exports, surfaces, ...(facts.configuresApiKey ? { configuresApiKey: true } : {}) };
}
