import { describe, expect, it } from 'vitest';
import { triggerWordsOf } from '../../src/detect/triggers.js';
import { createWordMatcher } from '../../src/detect/word-matcher.js';
import { ENDPOINT_SINKS, ENTRY_POINT_FRAMEWORKS, SINK_PACKAGES, VERDICTS, type Ecosystem } from '../../src/model/index.js';
import { tierOf } from '../../src/rule-info.js';
import { ruleByName } from '../../src/rule-info.js';

const PREFILTER_WORDS = new Set(triggerWordsOf());
const prefilter = createWordMatcher(triggerWordsOf());

/** Packages that come with the runtime: any file may import them, so they are no trigger on their own. */
const BUILTINS = new Set(['http', 'https', 'http2', 'node:http', 'node:https', 'node:http2', 'bun', 'rails', 'action_controller']);

/** How each ecosystem's code names a package when it uses it. */
const IMPORTS: Record<Ecosystem, (name: string) => string[]> = {
  npm: (name) => [`import x from '${name}';`, `const x = require("${name}");`],
  pypi: (name) => [`import ${name}\n`, `from ${name} import x\n`],
  go: (name) => [`import (\n\t"${name}"\n)`],
  rubygems: (name) => [`require '${name}'`],
};

const entries = [
  ...ENTRY_POINT_FRAMEWORKS.map((entry) => ({ what: `${entry.ecosystem} entry point ${entry.name}`, ...entry })),
  ...SINK_PACKAGES.map((entry) => ({ what: `${entry.ecosystem} sink ${entry.packages.join(', ')}`, ...entry })),
];

describe('model tables', () => {
  it.each(entries)('$what has trigger words, all searched by the prefilter', ({ triggers }) => {
    expect(triggers.length).toBeGreaterThan(0);
    for (const word of triggers) expect(PREFILTER_WORDS.has(word), word).toBe(true);
  });

  it.each(entries)('$what: a file that imports it passes the prefilter', ({ ecosystem, packages }) => {
    for (const name of packages.filter((candidate) => !BUILTINS.has(candidate))) {
      for (const text of IMPORTS[ecosystem](name)) expect(prefilter.test(Buffer.from(text)), text).toBe(true);
    }
  });

  it.each(ENDPOINT_SINKS)('endpoint sink $label has trigger words, and they match its pattern', ({ triggers, pattern }) => {
    expect(triggers.length).toBeGreaterThan(0);
    for (const word of triggers) expect(PREFILTER_WORDS.has(word), word).toBe(true);
    expect(pattern.source.length).toBeGreaterThan(0);
  });
});

describe('verdicts', () => {
  it.each(Object.entries(VERDICTS))('%s is a message of its rule, with the tier the rule states', (_name, verdict) => {
    const messages = ruleByName(verdict.ruleName).meta.messages as Record<string, string>;
    expect(messages[verdict.messageId]).toBeDefined();
    expect(tierOf(verdict.ruleName, verdict.messageId)).toBe(verdict.tier);
  });
});
