/**
 * Rule documentation in the terminal: `--list-rules` (one line per rule, from its meta) and
 * `--explain <rule-id>` (the rule's `docs/rules/<rule-id>.md`, shipped in the package).
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { docsOf } from './js/create-rule.js';
import { PACKAGE_ROOT } from './package-info.js';
import { ruleByName } from './rule-info.js';
import { isKnownRuleName, KNOWN_RULE_NAMES, ruleIdOf, ruleNameOf } from './rule-names.js';
import { UsageError } from './usage-error.js';

/** The directory of the rule docs pages in the installed package. */
export const RULE_DOCS_DIR = path.join(PACKAGE_ROOT, 'docs', 'rules');

/** A rule's tier, with the messages that have another one: `red (apiKey: yellow)`. */
function tierText(name: string): string {
  const docs = docsOf(ruleByName(name));
  const others = Object.entries(docs.messageTiers ?? {}).map(([messageId, tier]) => `${messageId}: ${tier}`);
  return others.length > 0 ? `${docs.tier} (${others.join(', ')})` : docs.tier;
}

/** Every rule as `<rule id>  <tier>  <description>`, one per line, aligned. */
export function listRules(): string {
  const rows = KNOWN_RULE_NAMES.map((name) => [ruleIdOf(name), tierText(name), docsOf(ruleByName(name)).description] as const);
  const idWidth = Math.max(...rows.map(([id]) => id.length));
  const tierWidth = Math.max(...rows.map(([, tier]) => tier.length));
  return `${rows.map(([id, tier, description]) => `${id.padEnd(idWidth)}  ${tier.padEnd(tierWidth)}  ${description}`).join('\n')}\n`;
}

/**
 * A rule's documentation for the terminal: a header from its meta (id, tier, fix), then its docs
 * page as written (Markdown reads well as plain text).
 *
 * @param ruleId - `no-embedded-token` or `claude-auth/no-embedded-token`
 * @param docsDir - where the pages are (default: the package's `docs/rules`)
 * @throws UsageError for a rule that does not exist
 */
export async function explainRule(ruleId: string, docsDir: string = RULE_DOCS_DIR): Promise<string> {
  const name = ruleNameOf(ruleId) ?? ruleId;
  if (!isKnownRuleName(name)) {
    throw new UsageError(`unknown rule "${ruleId}" (known: ${KNOWN_RULE_NAMES.join(', ')})`);
  }
  const rule = ruleByName(name);
  const header = `${ruleIdOf(name)} (tier: ${tierText(name)})\n${docsOf(rule).description}.\nFix: ${docsOf(rule).fixHint}\n`;
  const page = await readFile(path.join(docsDir, `${name}.md`), 'utf8').catch(() => undefined);
  if (page === undefined) return `${header}\nThe docs page is not installed with this copy; read it at ${rule.meta.docs?.url ?? ''}\n`;
  return `${header}\n${page.endsWith('\n') ? page : `${page}\n`}`;
}
