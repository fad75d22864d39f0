import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { createStaticEvaluator } from '../src/js/static-string.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES, type TokenMatch } from '../src/detect/tokens.js';

import { containsAny, RULE_TRIGGERS } from '../src/detect/triggers.js';

/** Cheap gate: a file with none of these cannot hold a token, whole or assembled. */
const TRIGGERS = RULE_TRIGGERS['no-embedded-token'] ?? [];

export default createRule({
  name: 'no-embedded-token',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Claude subscription credentials and Anthropic API keys written into code',
      recommended: true,
      tier: 'red',
      messageTiers: { apiKey: 'yellow', dotenvApiKey: 'yellow' },
      fixHint: 'Revoke the credential, remove it from the code and its history, and read an API key from ANTHROPIC_API_KEY at run time.',
    },
    messages: {
      subscriptionToken:
        'A {{kind}} ({{redacted}}) is written into this file. Subscription credentials are for one person in Anthropic\'s own apps and must never ship: log out of Claude Code to revoke it and use an API key from the environment.',
      apiKey:
        'An {{kind}} ({{redacted}}) is written into this file. Rotate it in the Claude Console and read the key from ANTHROPIC_API_KEY at run time.',
      dotenvSubscriptionToken:
        'A {{kind}} ({{redacted}}) is set in this .env file ({{name}}), which is {{status}}. Subscription credentials are for one person in Anthropic\'s own apps and must not live in a project\'s files: log out of Claude Code to revoke it and give the project an API key.',
      dotenvApiKey:
        'An {{kind}} ({{redacted}}) is set in this .env file ({{name}}), which is {{status}}. Keep .env files out of git and packages, and rotate the key in the Claude Console if it was ever shared.',
      publishedToken:
        'A credential ({{kind}}, {{redacted}}) is in a file published in the npm package {{package}}: everyone who installs the package has it. Revoke it now and leave the file out of the package (`files` in package.json, or .npmignore).',
      publishedCredentialsFile:
        "This file is a Claude Code stored login and is published in the npm package {{package}}: everyone who installs the package gets the subscription. Log out of Claude Code to revoke it and leave the file out of the package.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    if (!containsAny(text, TRIGGERS)) return {};
    // Source ranges already reported: a token is reported once, at the outermost expression that yields it.
    const reported: (readonly [number, number])[] = [];
    const overlapsReported = ([start, end]: readonly [number, number]): boolean =>
      reported.some(([from, to]) => start < to && from < end);

    function report(match: TokenMatch, range: readonly [number, number], loc: TSESTree.SourceLocation): void {
      reported.push(range);
      context.report({
        loc,
        messageId: match.subscription ? 'subscriptionToken' : 'apiKey',
        data: { kind: TOKEN_KIND_NAMES[match.kind], redacted: redactToken(match.token) },
      });
    }

    // Tokens written out whole, anywhere in the file: strings, comments, JSX text, regexes.
    const writtenOut = findTokens(text);
    const writtenOutTokens = new Set(writtenOut.map((match) => match.token));
    for (const match of writtenOut) {
      const loc = { start: sourceCode.getLocFromIndex(match.start), end: sourceCode.getLocFromIndex(match.end) };
      report(match, [match.start, match.end], loc);
    }

    // Tokens assembled at run time: concatenated, templated, joined or base64-decoded.
    const evaluator = createStaticEvaluator(sourceCode);
    function checkAssembled(node: TSESTree.Node): void {
      if (overlapsReported(node.range)) return;
      const value = evaluator.string(node);
      // A constant that holds a written-out token is reported where it is written, not where it is used.
      const match = value === undefined ? undefined : findTokens(value).find((found) => !writtenOutTokens.has(found.token));
      if (match) report(match, node.range, node.loc);
    }
    return {
      BinaryExpression(node) {
        if (node.parent.type !== AST_NODE_TYPES.BinaryExpression) checkAssembled(node);
      },
      TemplateLiteral(node) {
        if (node.expressions.length > 0) checkAssembled(node);
      },
      CallExpression: checkAssembled,
    };
  },
});
