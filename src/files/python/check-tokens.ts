/**
 * `no-embedded-token` for Python: credentials written out anywhere in the file (as the marker
 * finds them), and credentials assembled at run time (`+`, implicit concatenation, f-strings,
 * `"".join([...])`, `base64.b64decode(...)`).
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES, type TokenMatch } from '../../detect/tokens.js';
import { containsAny, RULE_TRIGGERS } from '../../detect/triggers.js';
import { findingAt, type PythonCheck } from './context.js';

const RULE = 'no-embedded-token';
const TRIGGERS = RULE_TRIGGERS[RULE] ?? [];

function tokenData(match: TokenMatch): Record<string, string> {
  return { kind: TOKEN_KIND_NAMES[match.kind], redacted: redactToken(match.token) };
}

/** The rule's Python check. */
export const checkTokens: PythonCheck = ({ text, root, evaluator }) => {
  if (!containsAny(text, TRIGGERS)) return [];
  const reported = new Set<string>();
  const found: TextFinding[] = [];
  for (const match of findTokens(text)) {
    reported.add(match.token);
    found.push({ ruleName: RULE, messageId: match.subscription ? 'subscriptionToken' : 'apiKey', data: tokenData(match), start: match.start, end: match.end });
  }
  for (const node of root.descendants()) {
    const assembled =
      (node.type === 'binary_operator' && node.parent?.type !== 'binary_operator') ||
      node.type === 'concatenated_string' ||
      (node.type === 'string' && node.children.some((child) => child.type === 'interpolation')) ||
      node.type === 'call';
    if (!assembled) continue;
    const value = evaluator.string(node);
    if (value === undefined) continue;
    for (const match of findTokens(value)) {
      if (reported.has(match.token)) continue;
      reported.add(match.token);
      found.push(findingAt(node, RULE, match.subscription ? 'subscriptionToken' : 'apiKey', tokenData(match)));
    }
  }
  return found;
};
