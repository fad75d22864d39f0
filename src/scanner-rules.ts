/**
 * Rules of the scanner alone (src/rule-names.ts: SCANNER_RULE_NAMES): data in the shape of an
 * ESLint rule's `meta`, so that tiers, messages, fix hints, docs URLs, `--list-rules`, `--explain`
 * and the SARIF rule descriptors read them as they read the plugin's rules. There is no `create`:
 * ESLint parses every file it lints, so it never meets what these rules report.
 *
 * @packageDocumentation
 */
import type { ClaudeAuthRule } from './js/create-rule.js';
import { RULE_DOCS_BASE } from './policy.js';
import type { ScannerRuleName } from './rule-names.js';

/** What a rule is to everything but ESLint: its `meta`. */
export type RuleMetaOnly = Pick<ClaudeAuthRule, 'meta'>;

const NOT_ANALYZED = 'This file names a Claude credential or Claude call, but could not be analyzed: {{reason}}.';
/** The message of a file that was not read or decoded at all. */
const NOTHING_CHECKED = `${NOT_ANALYZED} Nothing in it was checked; review it by hand.`;
/** The message of a file whose text markers ran, but not its analyzer (or not over all of it). */
const MARKERS_ONLY = `${NOT_ANALYZED} The text markers still ran; review by hand what the analyzer could not read.`;

/**
 * The scanner-only rules, by name. `no-unanalyzed-code` has one messageId per reason, so that a
 * finding's fingerprint (rule, messageId, matched text) stays the same while the reason does.
 */
export const scannerRules = {
  'no-unanalyzed-code': {
    meta: {
      type: 'problem',
      docs: {
        description: 'Require every file that names a Claude credential or Claude call to be analyzed in full',
        recommended: true,
        tier: 'yellow',
        fixHint:
          'Read the file: if it uses a subscription token or Claude Code’s login, switch to ANTHROPIC_API_KEY; split, unminify or repair it so the scanner can read it, or baseline this finding.',
        url: `${RULE_DOCS_BASE}/no-unanalyzed-code.md`,
      },
      messages: {
        binary: NOTHING_CHECKED,
        tooLargeToRead: NOTHING_CHECKED,
        tooLarge: MARKERS_ONLY,
        tooDeep: MARKERS_ONLY,
        minified: MARKERS_ONLY,
        parseError: MARKERS_ONLY,
        analyzerError: MARKERS_ONLY,
        timeout: MARKERS_ONLY,
      },
      schema: [],
    },
  },
} as const satisfies Record<ScannerRuleName, RuleMetaOnly>;
