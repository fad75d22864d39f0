/**
 * The policy the rules enforce, as checked on {@link POLICY_VERSION}. Every rule's docs page quotes
 * the part it relies on; this module is what the package exports so users can see what they ran.
 *
 * @packageDocumentation
 */

/** Date (ISO 8601) on which the policy text behind the rules was last checked. */
export const POLICY_VERSION = '2026-11-22';

/** The public pages the policy is taken from. */
export const POLICY_SOURCES = {
  legalAndCompliance: 'https://code.claude.com/docs/en/legal-and-compliance',
  authentication: 'https://code.claude.com/docs/en/authentication',
  agentSdkOverview: 'https://code.claude.com/docs/en/agent-sdk/overview',
  consumerTerms: 'https://www.anthropic.com/legal/consumer-terms',
} as const;

/** Where the rule docs live; a rule's page is `${RULE_DOCS_BASE}/<rule-id>.md`. */
export const RULE_DOCS_BASE = 'https://github.com/claude-auth-lint/claude-auth-lint/blob/main/docs/rules';

/** The ESLint plugin namespace: rule ids are `claude-auth/<rule-id>`. */
export const PLUGIN_NAMESPACE = 'claude-auth';
