import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import plugin from '../src/plugin.js';
import { POLICY_SOURCES, POLICY_VERSION, RULE_DOCS_BASE } from '../src/policy.js';
import { RULE_TRIGGERS } from '../src/detect/triggers.js';
import { docsOf, type ClaudeAuthRule } from '../src/js/create-rule.js';
import { scannerRules, type RuleMetaOnly } from '../src/scanner-rules.js';
import { SCANNER_RULE_NAMES } from '../src/rule-names.js';

const RULES_DIR = path.resolve('rules');
const DOCS_DIR = path.resolve('docs/rules');
const END_OF_HEADER = '<!-- end auto-generated rule header -->';
const registry = Object.entries(rules) as [string, ClaudeAuthRule][];
/** The plugin's rules and the scanner's own: both have a meta, a docs page and a place in every report. */
const everyRule = [...registry, ...Object.entries(scannerRules)] as [string, RuleMetaOnly][];


describe('rule registry', () => {
  it('equals the rule files in rules/', () => {
    const files = readdirSync(RULES_DIR)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
      .map((file) => file.slice(0, -'.ts'.length));
    expect(Object.keys(rules).sort()).toEqual(files.sort());
  });

  it('has a docs page for every rule and none for rules that do not exist', () => {
    const pages = readdirSync(DOCS_DIR).filter((file) => file.endsWith('.md')).map((file) => file.slice(0, -'.md'.length));
    expect(pages.sort()).toEqual([...Object.keys(rules), ...Object.keys(scannerRules)].sort());
  });

  it('keeps scanner-only rules out of the plugin and out of rules/', () => {
    expect(Object.keys(scannerRules).sort()).toEqual([...SCANNER_RULE_NAMES].sort());
    for (const name of SCANNER_RULE_NAMES) {
      expect(Object.keys(rules)).not.toContain(name);
      expect(existsSync(path.join(RULES_DIR, `${name}.ts`))).toBe(false);
    }
  });

  it('has trigger words for every rule and for no other', () => {
    expect(Object.keys(RULE_TRIGGERS).sort()).toEqual(Object.keys(rules).sort());
    for (const [id, words] of Object.entries(RULE_TRIGGERS)) expect(words.length, id).toBeGreaterThan(0);
  });
});

describe.each(everyRule)('%s', (id, rule) => {
  const docs = docsOf(rule);
  const inPlugin = Object.hasOwn(rules, id);

  it('is registered under the name it was created with', () => {
    expect(rule.meta.docs?.url).toBe(`${RULE_DOCS_BASE}/${id}.md`);
  });

  it('states a description, a tier and a fix hint', () => {
    expect(docs.description).toMatch(/^(Disallow|Require|Enforce) \S/);
    expect(docs.description).not.toMatch(/\.$/);
    expect(['red', 'yellow']).toContain(docs.tier);
    expect(docs.fixHint.trim()).not.toBe('');
    expect(rule.meta.type).toBe('problem');
  });

  it('has text for every messageId, and tiers only for its own messageIds', () => {
    const messages = Object.entries(rule.meta.messages);
    expect(messages.length).toBeGreaterThan(0);
    for (const [messageId, text] of messages) {
      expect(messageId).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(text.trim(), messageId).not.toBe('');
    }
    for (const [messageId, tier] of Object.entries(docs.messageTiers ?? {})) {
      expect(Object.keys(rule.meta.messages), messageId).toContain(messageId);
      expect(['red', 'yellow']).toContain(tier);
    }
  });

  it('declares its options schema', () => {
    expect(rule.meta.schema).toBeDefined();
  });

  it('has a docs page whose generated header matches its meta', () => {
    const page = path.join(DOCS_DIR, `${id}.md`);
    expect(existsSync(page), page).toBe(true);
    const text = readFileSync(page, 'utf8');
    const [header = '', body = ''] = text.split(END_OF_HEADER);
    expect(text).toContain(END_OF_HEADER);
    expect(header.split('\n')[0]).toBe(`# claude-auth/${id}`);
    expect(header).toContain(`📝 ${docs.description}.`);
    expect(body).toContain(`Policy checked: ${POLICY_VERSION}`);
    expect(Object.values(POLICY_SOURCES).some((url) => body.includes(url)), 'cites a policy source').toBe(true);
  });

  it.runIf(inPlugin)('is an error in configs.recommended when red and a warning when yellow; an error in configs.strict', () => {
    const ruleId = `claude-auth/${id}`;
    expect(plugin.configs.recommended.rules?.[ruleId]).toBe(docs.recommended ? (docs.tier === 'red' ? 'error' : 'warn') : undefined);
    expect(plugin.configs.strict.rules?.[ruleId]).toBe('error');
  });
});
