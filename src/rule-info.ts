/**
 * Facts about rules that both front ends and the reporters need, read from each rule's `meta`:
 * tiers, severities, message texts, fix hints and docs URLs. Nothing here is kept twice.
 *
 * @packageDocumentation
 */
import { rules } from '../rules/index.js';
import { docsOf } from './js/create-rule.js';
import { severityOfTier, type Severity, type Tier } from './detect/tier.js';
import { scannerRules, type RuleMetaOnly } from './scanner-rules.js';

const everyRule: Readonly<Record<string, RuleMetaOnly>> = { ...rules, ...scannerRules };

/**
 * The rule registered under a name: a rule of the plugin, or of the scanner alone
 * (src/scanner-rules.ts), which has a `meta` only.
 *
 * @throws Error for a name that is neither
 */
export function ruleByName(name: string): RuleMetaOnly {
  const rule = Object.hasOwn(everyRule, name) ? everyRule[name] : undefined;
  if (!rule) throw new Error(`Unknown rule "${name}"`);
  return rule;
}

/** The tier of one message of a rule: the message's own tier if it has one, else the rule's. */
export function tierOf(ruleName: string, messageId: string | undefined): Tier {
  const docs = docsOf(ruleByName(ruleName));
  return (messageId !== undefined ? docs.messageTiers?.[messageId] : undefined) ?? docs.tier;
}

/** The severity of one message of a rule (red = 2, yellow = 1). */
export function severityOf(ruleName: string, messageId: string | undefined): Severity {
  return severityOfTier(tierOf(ruleName, messageId));
}

/**
 * A rule's message with its `{{placeholders}}` filled in, as ESLint does.
 *
 * @throws Error when the rule has no such messageId
 */
export function messageOf(ruleName: string, messageId: string, data: Record<string, string> = {}): string {
  const template = (ruleByName(ruleName).meta.messages as Record<string, string>)[messageId];
  if (template === undefined) throw new Error(`Rule "${ruleName}" has no message "${messageId}"`);
  return template.replace(/\{\{([^{}]+?)\}\}/g, (whole, key: string) => data[key.trim()] ?? whole);
}

/** The URL of a rule's docs page. */
export function docsUrlOf(ruleName: string): string {
  return ruleByName(ruleName).meta.docs?.url ?? '';
}

/** One line that tells a person how to fix the rule's findings. */
export function fixHintOf(ruleName: string): string {
  return docsOf(ruleByName(ruleName)).fixHint;
}
