import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { claudeUsageOf, type AuthedInvocation, type ClaudeUsage } from '../src/js/claude-usage.js';
import { isCollectingFacts, recordFileFacts, type ClaudeSiteFact, type SurfaceFileFacts } from '../src/js/file-facts.js';
import { exportedRoots } from '../src/js/exports.js';
import { RULE_TRIGGERS, containsAny } from '../src/detect/triggers.js';

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
    if (!containsAny(text, RULE_TRIGGERS['no-multi-user-surface'] ?? [])) return {};
    // A handler file that never names Claude can only matter to the scanner's cross-file pass.
    if (!text.includes('claude') && !isCollectingFacts()) return {};
    return {
      'Program:exit'() {
        const usage = claudeUsageOf(context);
        const eligible = grayInvocations(usage);
        for (const invocation of eligible) {
          const handler = usage.handlers.find((candidate) => usage.reachOf(candidate).contains(invocation.node));
          if (!handler) continue;
          const surface = `${handler.label} (line ${handler.node.loc.start.line})`;
          context.report({ node: invocation.node, messageId: 'surfaceReachesSubscription', data: { surface, path: invocation.label } });
        }
        if (isCollectingFacts()) recordFileFacts({ surface: surfaceFacts(usage, eligible) });
      },
    };
  },
});

/**
 * The Agent SDK and claude runs this rule is about: subscription-capable, with no API key in their
 * options or anywhere in the file, and not already red (a subscription credential handed to them or
 * the API key removed: no-agent-sdk-subscription-auth and no-oauth-token-proxy report those).
 */
function grayInvocations(usage: ClaudeUsage): AuthedInvocation[] {
  if (usage.configuresApiKey) return [];
  if (usage.envChanges.some((change) => change.kind === 'credential' || change.kind === 'api-key-removed')) return [];
  return usage.unkeyedCapable.filter((invocation) => !invocation.auth.credential && !invocation.auth.apiKeyRemoval);
}

/** Facts for the scanner's cross-file pass: which exports reach a gray call, and what each surface imports. */
function surfaceFacts(usage: ClaudeUsage, eligible: readonly AuthedInvocation[]): SurfaceFileFacts {
  const site = (node: TSESTree.Node, path: string): ClaudeSiteFact => ({
    line: node.loc.start.line,
    column: node.loc.start.column + 1,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
    path,
  });
  const exports = exportedRoots(usage.sourceCode).map(({ name, roots, reexports }) => {
    const reach = usage.reachFrom(roots);
    return {
      name,
      sites: eligible.filter((invocation) => reach.contains(invocation.node)).map((invocation) => site(invocation.node, invocation.label)),
      uses: [...reach.imports, ...reexports],
    };
  });
  const surfaces = usage.configuresApiKey
    ? []
    : usage.handlers.map((handler) => ({ label: handler.label, line: handler.node.loc.start.line, uses: usage.reachOf(handler).imports }));
  return { exports, surfaces };
}
