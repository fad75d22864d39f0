/**
 * `no-agent-sdk-subscription-auth` for Python: the Agent SDK (`claude_agent_sdk` /
 * `claude_code_sdk`) or the `claude` CLI given `CLAUDE_CODE_OAUTH_TOKEN` or a stored-login token in
 * its environment, `anthropic.Anthropic(auth_token=...)` from an OAuth source, and
 * `ANTHROPIC_API_KEY` removed in a module that runs them.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import { claudeUseOf, fallsBackToSubscription, mayReachClaude, subscriptionGiven } from './claude-use.js';
import { findingAt, type PythonCheck } from './context.js';

const RULE = 'no-agent-sdk-subscription-auth';

/** The rule's Python check. */
export const checkSdkAuth: PythonCheck = (context) => {
  if (!mayReachClaude(context.text)) return [];
  const use = claudeUseOf(context);
  const found: TextFinding[] = [];
  for (const access of use.accesses) {
    for (const { at, source } of subscriptionGiven(context, access)) {
      if (access.kind === 'anthropic-sdk') found.push(findingAt(at, RULE, 'authTokenFromOAuth', { source }));
      else if (fallsBackToSubscription(access)) found.push(findingAt(at, RULE, 'subscriptionEnv', { callee: access.callee, source }));
    }
  }
  const runner = use.accesses.find(fallsBackToSubscription);
  if (runner) {
    for (const { at } of use.oauthTokenExports) {
      found.push(findingAt(at, RULE, 'subscriptionEnv', { callee: runner.callee, source: 'CLAUDE_CODE_OAUTH_TOKEN' }));
    }
    for (const removal of use.apiKeyRemovals) found.push(findingAt(removal, RULE, 'apiKeyRemoved', { callee: runner.callee }));
  }
  return found;
};
