import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/js/create-rule.js';
import { createStaticEvaluator, resolveBinding, staticPropertyName } from '../src/js/static-string.js';
import {
  CREDENTIALS_FILE_NAME,
  KEYCHAIN_SERVICE,
  STORED_LOGIN_KEY,
  isCredentialsPath,
  mentionsKeychainService,
} from '../src/detect/credential-store.js';
import { quotedValue } from '../src/detect/tokens.js';
import { ruleGateOpens } from '../src/detect/triggers.js';

/** Expressions whose value the rule evaluates as a possible path to the stored login. */
const PATH_BUILDERS = new Set<string>([
  AST_NODE_TYPES.Literal,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ConditionalExpression,
]);
/** Nodes between a path and the expression that may extend it (`p.toString()`, `p as string`). */
const TRANSPARENT = new Set<string>([
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.ChainExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.AwaitExpression,
]);

/** `security` subcommands that read or list generic-password items (the keychain's secrets). */
const KEYCHAIN_READ_COMMAND = /^(?:find-generic-password|dump-keychain)$|(?:^|\s)security\s+(?:find-generic-password|dump-keychain)\b/;

function isKeychainReadCommand(value: string): boolean {
  return KEYCHAIN_READ_COMMAND.test(value.trim());
}

export default createRule({
  name: 'no-credential-store-read',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow reading Claude Code’s stored login (its credentials file or keychain item)",
      recommended: true,
      tier: 'red',
      fixHint: "Do not reuse Claude Code's login: give the program its own API key (ANTHROPIC_API_KEY).",
    },
    messages: {
      credentialsFile:
        "Accesses Claude Code's stored login ({{path}}). Its OAuth tokens belong to one person's Claude subscription; reusing them in a tool or service breaks the Consumer Terms and can get the account banned. Use an API key instead.",
      keychain:
        `Reads Claude Code's stored login from the macOS keychain ("${KEYCHAIN_SERVICE}"). Its OAuth tokens belong to one person's Claude subscription; reusing them in a tool or service can get the account banned. Use an API key instead.`,
      storedLoginKey:
        `Handles \`${STORED_LOGIN_KEY}\`, the subscription tokens of Claude Code's stored login. Reusing them outside Claude Code can get the account banned. Use an API key instead.`,
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const text = sourceCode.text;
    if (!ruleGateOpens('no-credential-store-read', text)) return {};
    // `.credentials` also catches a file name split as '.credentials' + '.json'.
    const checkPaths = text.includes('.credentials');
    const checkKeychain = text.includes('Claude Code');
    const checkLoginKey = text.includes(STORED_LOGIN_KEY);
    const namesStoredLogin = checkLoginKey || text.includes(KEYCHAIN_SERVICE);
    if (!checkPaths && !checkKeychain && !checkLoginKey) return {};
    const evaluator = createStaticEvaluator(sourceCode);

    const isCredentials = (node: TSESTree.Node): boolean => {
      const value = evaluator.string(node);
      return value !== undefined && isCredentialsPath(value);
    };

    /** True when an enclosing expression also evaluates to the path: report only the outermost. */
    function extendedByParent(node: TSESTree.Node): boolean {
      let parent = node.parent;
      while (parent && TRANSPARENT.has(parent.type)) parent = parent.parent;
      return parent !== undefined && PATH_BUILDERS.has(parent.type) && isCredentials(parent);
    }

    /** `credentialsPath()` returns a path built elsewhere, which is reported where it is built. */
    function callsLocalFunction(node: TSESTree.Node): boolean {
      if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) return false;
      const bound = resolveBinding(sourceCode, node.callee)?.init;
      return bound !== undefined && /Function/.test(bound.type);
    }

    function checkPath(node: TSESTree.Node): void {
      if (!checkPaths || callsLocalFunction(node) || !isCredentials(node) || extendedByParent(node)) return;
      context.report({ node, messageId: 'credentialsFile', data: { path: quotedValue(evaluator.string(node) ?? CREDENTIALS_FILE_NAME) } });
    }

    /**
     * A call or construction handed the keychain service name (`security`, keytar, @napi-rs/keyring,
     * a wrapper), or, in a file that names the stored login's keychain item or its JSON key, a
     * `security` keychain read whose service is not known here (a parameter, a name computed per
     * config directory) or that lists every item (`dump-keychain`): over-approximated, since such a
     * file reads Claude Code's item with it.
     */
    function checkKeychainCall(node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression): void {
      if (!checkKeychain && !checkLoginKey) return;
      const args = node.type === AST_NODE_TYPES.TaggedTemplateExpression ? [node.quasi] : node.arguments;
      const values = args.flatMap((argument) => evaluator.strings(argument));
      if ((checkKeychain && values.some(mentionsKeychainService)) || (namesStoredLogin && values.some(isKeychainReadCommand))) {
        context.report({ node, messageId: 'keychain' });
      }
    }

    function checkLoginKeyName(node: TSESTree.MemberExpression | TSESTree.Property): void {
      if (checkLoginKey && staticPropertyName(node) === STORED_LOGIN_KEY) {
        context.report({ node: node.type === AST_NODE_TYPES.Property ? node.key : node.property, messageId: 'storedLoginKey' });
      }
    }

    return {
      Literal: checkPath,
      TemplateLiteral: checkPath,
      BinaryExpression: checkPath,
      LogicalExpression: checkPath,
      ConditionalExpression: checkPath,
      CallExpression(node) {
        checkPath(node);
        checkKeychainCall(node);
      },
      NewExpression: checkKeychainCall,
      TaggedTemplateExpression: checkKeychainCall,
      MemberExpression: checkLoginKeyName,
      Property: checkLoginKeyName,
    };
  },
});

