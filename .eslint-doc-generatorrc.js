/**
 * eslint-doc-generator settings: the README rules table (split by tier) and each rule page's header are
 * generated from rule meta (`npm run docs`; `npm run docs:check` fails when they drift). The generator
 * is pointed at tools/doc-plugin (see plugin.js there), so paths are relative to that folder.
 */

/** Tiers in the order the README lists them, with the heading and note each table gets. */
const TIERS = [
  {
    tier: 'red',
    title: 'Red: bannable',
    description: 'Errors in `recommended`: code that uses Claude subscription credentials where an API key is required.',
  },
  {
    tier: 'yellow',
    title: 'Yellow: grey areas',
    description: 'Warnings in `recommended`: code that may run on a subscription login, depending on how it is deployed.',
  },
];

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  pathRuleDoc: '../../docs/rules/{name}.md',
  pathRuleList: '../../README.md',
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ruleDocTitleFormat: 'prefix-name',
  ruleListSplit(rules) {
    return TIERS.map(({ tier, title, description }) => ({
      title,
      description,
      rules: rules.filter(([, rule]) => rule.meta?.docs?.tier === tier),
    }));
  },
};

export default config;
