import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import type { TSESLint } from '@typescript-eslint/utils';
import { RULE_DOCS_BASE } from '../policy.js';
import type { Tier } from '../detect/tier.js';

/**
 * What every claude-auth rule states in `meta.docs`, beyond ESLint's own fields. `configs.recommended`
 * and the scanner's severities are derived from `tier`, never kept in a second list.
 */
export interface ClaudeAuthRuleDocs {
  /** One sentence starting with Disallow/Require/Enforce. */
  description: string;
  /** Part of `configs.recommended` (all rules are; yellow ones as warnings). */
  recommended: boolean;
  /** The tier of the rule's findings (policy.md). */
  tier: Tier;
  /** MessageIds whose findings have another tier than the rule's (a leaked API key is yellow). */
  messageTiers?: Readonly<Record<string, Tier>>;
  /** One line that tells a person what to do instead. */
  fixHint: string;
}

/**
 * The typed rule factory every rule in `rules/` is made with; `meta.docs.url` is derived from the
 * rule's name (`docs/rules/<name>.md`).
 */
export const createRule = RuleCreator<ClaudeAuthRuleDocs>((name) => `${RULE_DOCS_BASE}/${name}.md`);

/** A rule made by {@link createRule}. */
export type ClaudeAuthRule = TSESLint.RuleModule<string, readonly unknown[], ClaudeAuthRuleDocs>;

/**
 * The claude-auth fields of a rule's `meta.docs`.
 *
 * @throws Error when the rule was not made by {@link createRule} (no `meta.docs`)
 */
export function docsOf(rule: Pick<ClaudeAuthRule, 'meta'>): ClaudeAuthRuleDocs {
  if (!rule.meta.docs) throw new Error('claude-auth rule without meta.docs');
  return rule.meta.docs;
}
