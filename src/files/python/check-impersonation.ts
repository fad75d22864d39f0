/**
 * `no-claude-code-impersonation` for Python: Claude Code's OAuth client id and endpoints, the
 * `oauth-2025-04-20` / `claude-code-20250219` beta values, `x-app: cli` and a `claude-cli/` user
 * agent, and Claude Code's system prompt, in string values.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import { containsAny } from '../../detect/triggers.js';
import {
  CLAUDE_CLI_USER_AGENT,
  CLAUDE_CODE_CLIENT_ID,
  CLAUDE_CODE_OAUTH_ENDPOINTS,
  CLAUDE_CODE_SYSTEM_PROMPT,
  IMPERSONATING_BETA_VALUES,
} from './claude-code-markers.js';
import { findingAt, type PythonCheck } from './context.js';

const RULE = 'no-claude-code-impersonation';

/** Cheap gate: a file with none of these cannot hold a marker of Claude Code. */
const TRIGGERS = [
  CLAUDE_CODE_CLIENT_ID,
  ...CLAUDE_CODE_OAUTH_ENDPOINTS,
  ...Object.keys(IMPERSONATING_BETA_VALUES),
  'x-app',
  CLAUDE_CLI_USER_AGENT,
  CLAUDE_CODE_SYSTEM_PROMPT.slice(0, 'You are Claude Code'.length),
];

/** The rule's Python check. */
export const checkImpersonation: PythonCheck = ({ text, root, evaluator }) => {
  if (!containsAny(text, TRIGGERS)) return [];
  const found: TextFinding[] = [];
  for (const node of root.descendants()) {
    if (node.type === 'pair') {
      const key = evaluator.string(node.child('key'))?.toLowerCase();
      if (key === 'x-app' && evaluator.string(node.child('value')) === 'cli') found.push(findingAt(node, RULE, 'cliHeader', { header: 'x-app: cli' }));
      continue;
    }
    const isWholeString = node.type === 'concatenated_string' || (node.type === 'string' && node.parent?.type !== 'concatenated_string');
    if (!isWholeString) continue;
    // What the literal itself says: a constant used in an f-string is reported where it is written.
    const value = evaluator.written(node);
    if (value === undefined) continue;
    if (value.includes(CLAUDE_CODE_CLIENT_ID)) found.push(findingAt(node, RULE, 'clientId'));
    const endpoint = CLAUDE_CODE_OAUTH_ENDPOINTS.find((url) => value.includes(url));
    if (endpoint) found.push(findingAt(node, RULE, 'oauthEndpoint', { url: `https://${endpoint}` }));
    for (const [beta, meaning] of Object.entries(IMPERSONATING_BETA_VALUES)) {
      if (value.includes(beta)) found.push(findingAt(node, RULE, 'betaHeader', { value: beta, meaning }));
    }
    if (value.startsWith(CLAUDE_CLI_USER_AGENT)) found.push(findingAt(node, RULE, 'cliHeader', { header: `User-Agent: ${CLAUDE_CLI_USER_AGENT}…` }));
    if (value.includes(CLAUDE_CODE_SYSTEM_PROMPT)) found.push(findingAt(node, RULE, 'systemPrompt'));
  }
  return found;
};
