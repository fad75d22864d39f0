/**
 * `no-claude-code-impersonation` for Python, with the shared knowledge of
 * src/detect/claude-code-markers.ts: Claude Code's OAuth client id and endpoints, its beta values,
 * `x-app: cli` and a `claude-cli/` user agent, and its system prompt, in string literals (a constant
 * is reported where it is written, not again where it is used), and an OAuth path after a host
 * named after Anthropic or Claude in an f-string. Values that are only compared with
 * (`if beta == "oauth-2025-04-20"`, `"claude-code-20250219" in betas`) are what a proxy that
 * receives Claude Code's traffic does, and stay silent; so does the OAuth beta in code that does
 * workload identity federation.
 *
 * @packageDocumentation
 */
import {
  ANTHROPIC_NAME_HINT,
  findValueMarkers,
  isCliAppValue,
  isFederationMarker,
  isXAppHeader,
  unknownHostEndpoint,
  usesWorkloadIdentityFederation,
  type ClaudeCodeMarker,
} from '../../detect/claude-code-markers.js';
import type { TextFinding } from '../../detect/markers.js';
import { containsAny, RULE_TRIGGERS } from '../../detect/triggers.js';
import { callArguments } from './evaluate.js';
import { findingAt, type PythonCheck } from './context.js';
import type { PyNode } from './tree.js';

const RULE = 'no-claude-code-impersonation';
const TRIGGERS = RULE_TRIGGERS[RULE] ?? [];
/** String methods whose argument is tested against a value, not sent. */
const TEST_METHODS = new Set(['startswith', 'endswith', 'find', 'rfind', 'index', 'rindex', 'count', 'match', 'search', 'fullmatch']);
/** A name in source text that says it holds an Anthropic host: `ANTHROPIC_CONSOLE`, `settings.claude_base_url`. */
const HOST_NAME = /[\w.]*(?:anthropic|claude)[\w.]*/i;

/** A value that is tested against, not sent: `== "…"`, `"…" in betas`, `case "…":`, `s.startswith("…")`. */
function isComparedOnly(node: PyNode): boolean {
  let current = node;
  // `in ("a", "b")`, `case "a" | "b"`: the literal sits in a collection or pattern.
  while (current.parent && ['tuple', 'list', 'set', 'union_pattern', 'case_pattern', 'parenthesized_expression'].includes(current.parent.type)) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'comparison_operator' || parent.type === 'case_clause') return true;
  const call = parent.type === 'argument_list' ? parent.parent : undefined;
  const callee = call?.child('function');
  return call?.type === 'call' && callee?.type === 'attribute' && TEST_METHODS.has(callee.child('attribute')?.text ?? '') && callArguments(call).positional[0] === current;
}

/** The rule's Python check. */
export const checkImpersonation: PythonCheck = ({ text, root, evaluator }) => {
  if (!containsAny(text, TRIGGERS)) return [];
  // `x-app: cli` is a generic pair of words; it marks Claude Code only where Anthropic is in sight.
  const anthropicInSight = ANTHROPIC_NAME_HINT.test(text);
  const federation = usesWorkloadIdentityFederation(text);
  const found: TextFinding[] = [];
  const report = (node: PyNode, marker: Pick<ClaudeCodeMarker, 'kind' | 'data'>): void => {
    if (federation && isFederationMarker(marker)) return;
    found.push(findingAt(node, RULE, marker.kind, marker.data));
  };

  for (const node of root.descendants()) {
    if (node.type === 'pair') {
      const key = evaluator.written(node.child('key'));
      const value = evaluator.string(node.child('value'));
      if (anthropicInSight && key !== undefined && value !== undefined && isXAppHeader(key) && isCliAppValue(value)) {
        // claude-auth-lint-disable-next-line no-claude-code-impersonation -- names the header in the message; sends nothing
        report(node, { kind: 'cliHeader', data: { header: 'x-app: cli' } });
      }
      continue;
    }
    const isWholeString = node.type === 'concatenated_string' || (node.type === 'string' && node.parent?.type !== 'concatenated_string');
    if (!isWholeString || isComparedOnly(node)) continue;
    const written = evaluator.written(node) ?? '';
    const seen = new Set<string>();
    for (const marker of findValueMarkers(written)) {
      if (marker.kind === 'cliHeader' && marker.data?.header === 'x-app: cli' && !anthropicInSight) continue;
      const key = `${marker.kind}|${marker.data?.url ?? marker.data?.value ?? marker.data?.header ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report(node, marker);
    }
    // An f-string that puts an OAuth path after a host held in a name: `f"{ANTHROPIC_CONSOLE}/v1/oauth/token"`.
    const endpoint = written.includes('*') ? unknownHostEndpoint(written) : undefined;
    if (!endpoint) continue;
    const value = evaluator.string(node) ?? written;
    const resolved = findValueMarkers(value).find((marker) => marker.kind === 'oauthEndpoint');
    const hostName = resolved ? undefined : HOST_NAME.exec(node.text.replace(endpoint.path, ''))?.[0];
    if (resolved) report(node, resolved);
    else if (hostName) report(node, { kind: 'oauthEndpoint', data: { url: `${hostName}${endpoint.path}` } });
  }
  return found;
};
