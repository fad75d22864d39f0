/**
 * "Is this expression a Claude subscription credential, and where does it come from?" Traces an
 * expression back through constants, destructuring, assignments, `await`, `??`/`||`, templates,
 * `JSON.parse`, string methods and local functions' return values to one of:
 *
 * - the machine's own subscription (origin `subscription`): `CLAUDE_CODE_OAUTH_TOKEN`,
 *   `ANTHROPIC_AUTH_TOKEN` (where the caller says it counts), the stored login (a read of
 *   `~/.claude/.credentials.json`, `claudeAiOauth`, the `Claude Code-credentials` keychain item) or an
 *   `sk-ant-oat`/`ort`/`sid` literal;
 * - someone else's (origin `caller`): a request's `Authorization` (or an OAuth-named) header, or any
 *   value the file checks for the `sk-ant-oat` prefix.
 *
 * Labels never contain a secret, only where it came from.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { STORED_LOGIN_KEY, isCredentialsPath, mentionsKeychainService } from '../detect/credential-store.js';
import { AUTH_TOKEN_ENV, OAUTH_TOKEN_ENV } from '../detect/claude-entry-points.js';
import { SUBSCRIPTION_TOKEN_PREFIXES } from '../detect/tokens.js';
import { calleeName, envVariableName, resolveBinding, skipWrappers, staticPropertyName, type StaticEvaluator } from './static-string.js';
import { functionReturns, isFunctionNode, localFunctionOf, type FunctionNode } from './functions.js';
import { forEachNode } from './node-index.js';

/** Where a credential comes from. */
export interface CredentialSource {
  /** `subscription`: this machine's Claude login; `caller`: a token someone else sent in. */
  origin: 'subscription' | 'caller';
  /** For messages, e.g. `CLAUDE_CODE_OAUTH_TOKEN`, `the stored Claude Code login`. Never a secret. */
  label: string;
}

/** What counts as a credential where the value is used. */
export interface TraceOptions {
  /** `ANTHROPIC_AUTH_TOKEN` counts (it does for `authToken`; in a child's env it may be a gateway's). */
  authTokenEnv?: boolean;
  /** A name that says OAuth (`oauthToken`, `loadSubscriptionToken()`) counts: for bearer slots only. */
  nameHints?: boolean;
}

/** Traces expressions of one file. */
export type CredentialTracer = (node: TSESTree.Node | null | undefined, options?: TraceOptions) => CredentialSource | undefined;

const STORED_LOGIN = 'the stored Claude Code login';
const KEYCHAIN = 'the stored Claude Code login (macOS keychain)';
const LITERAL = 'an sk-ant-oat token literal';
const PREFIX_CHECKED = 'a token checked for the sk-ant-oat prefix';
const CALLER_HEADER = 'the caller’s Authorization header';
/** Names that say a value is a Claude subscription token. */
const OAUTH_NAME = /oauth|subscription|claudeAi|setup_?token|claude_?code_?token/i;
/** Request headers that carry a caller's bearer credential. */
const CALLER_HEADER_NAME = /^(authorization|proxy-authorization|x-[\w-]*oauth[\w-]*|x-claude[\w-]*token)$/i;
/** Calls that return (a form of) their receiver or first argument. */
const PASS_THROUGH = new Set(['parse', 'String', 'trim', 'toString', 'replace', 'replaceAll', 'slice', 'substring', 'split', 'at', 'atob', 'from', 'decodeURIComponent', 'stringify', 'concat']);
/** Calls that read a header of a request. */
const HEADER_GETTERS = new Set(['get', 'header', 'getHeader', 'headers']);
const MAX_DEPTH = 20;

/** What every subscription token prefix starts with, after an optional `Bearer `: a test that fails at once on most strings (the tracer asks about every string it meets). */
const TOKEN_START = /^(?:Bearer\s+)?sk-ant-/i;

/** True when a string starts with (or, after `Bearer `, is) a subscription credential. */
export function isSubscriptionTokenText(value: string): boolean {
  if (!TOKEN_START.test(value)) return false;
  const bare = value.replace(/^Bearer\s+/i, '');
  return SUBSCRIPTION_TOKEN_PREFIXES.some((prefix) => bare.startsWith(prefix));
}

/**
 * Makes a tracer bound to one file.
 *
 * @param sourceCode - the file's SourceCode
 * @param evaluator - the file's static evaluator (string values of literals, paths, commands)
 */
export function createCredentialTracer(sourceCode: Readonly<TSESLint.SourceCode>, evaluator: StaticEvaluator): CredentialTracer {
  const prefixChecked = prefixCheckedVariables(sourceCode);

  function trace(raw: TSESTree.Node, options: TraceOptions, depth: number, seen: Set<TSESTree.Node>): CredentialSource | undefined {
    const node = skipWrappers(raw);
    if (depth > MAX_DEPTH || seen.has(node)) return undefined;
    seen.add(node);
    const next = (child: TSESTree.Node | null | undefined): CredentialSource | undefined =>
      child ? trace(child, options, depth + 1, seen) : undefined;

    const env = envVariableName(sourceCode, node);
    if (env !== undefined) {
      if (env === OAUTH_TOKEN_ENV || (options.authTokenEnv && env === AUTH_TOKEN_ENV)) return { origin: 'subscription', label: env };
      return undefined;
    }
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' && isSubscriptionTokenText(node.value) ? { origin: 'subscription', label: LITERAL } : undefined;
      case AST_NODE_TYPES.TemplateLiteral: {
        const text = evaluator.string(node);
        if (text !== undefined && isSubscriptionTokenText(text)) return { origin: 'subscription', label: LITERAL };
        return firstOf(node.expressions, next);
      }
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' ? (next(node.left) ?? next(node.right)) : undefined;
      case AST_NODE_TYPES.LogicalExpression:
        return next(node.left) ?? next(node.right);
      case AST_NODE_TYPES.ConditionalExpression:
        return next(node.consequent) ?? next(node.alternate);
      case AST_NODE_TYPES.AssignmentExpression:
        return next(node.right);
      case AST_NODE_TYPES.MemberExpression:
        return memberSource(node, next);
      case AST_NODE_TYPES.CallExpression:
        return callSource(node, options, next);
      case AST_NODE_TYPES.Identifier:
        return identifierSource(node, options, next);
      default:
        return undefined;
    }
  }

  function memberSource(node: TSESTree.MemberExpression, next: (child: TSESTree.Node) => CredentialSource | undefined): CredentialSource | undefined {
    const name = staticPropertyName(node);
    if (name === STORED_LOGIN_KEY) return { origin: 'subscription', label: STORED_LOGIN };
    if (name !== undefined && CALLER_HEADER_NAME.test(name) && isHeaderBag(node.object)) return { origin: 'caller', label: CALLER_HEADER };
    return next(node.object);
  }

  function callSource(
    node: TSESTree.CallExpression,
    options: TraceOptions,
    next: (child: TSESTree.Node) => CredentialSource | undefined,
  ): CredentialSource | undefined {
    const name = calleeName(node.callee);
    const [first] = node.arguments;
    if (name && HEADER_GETTERS.has(name) && first) {
      const header = evaluator.string(first);
      if (header !== undefined && CALLER_HEADER_NAME.test(header)) return { origin: 'caller', label: CALLER_HEADER };
    }
    for (const argument of node.arguments) {
      const values = evaluator.strings(argument);
      if (values.some(isCredentialsPath)) return { origin: 'subscription', label: STORED_LOGIN };
      if (values.some(mentionsKeychainService)) return { origin: 'subscription', label: KEYCHAIN };
    }
    const callee = skipWrappers(node.callee);
    if (name && PASS_THROUGH.has(name)) {
      const receiver = callee.type === AST_NODE_TYPES.MemberExpression ? next(callee.object) : undefined;
      return receiver ?? (first ? next(first) : undefined);
    }
    const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunctionOf(sourceCode, callee) : thisMethodOf(callee);
    if (fn) {
      const found = firstOf(functionReturns(fn), next);
      if (found) return found;
    }
    if (options.nameHints && name && OAUTH_NAME.test(name)) return { origin: 'subscription', label: `the value of ${name}()` };
    return undefined;
  }

  function identifierSource(
    node: TSESTree.Identifier,
    options: TraceOptions,
    next: (child: TSESTree.Node) => CredentialSource | undefined,
  ): CredentialSource | undefined {
    const variable = variableOf(sourceCode, node);
    if (variable && prefixChecked.has(variable)) return { origin: 'caller', label: PREFIX_CHECKED };
    const binding = resolveBinding(sourceCode, node);
    let found: CredentialSource | undefined;
    if (binding && binding.init.type !== AST_NODE_TYPES.FunctionDeclaration) {
      found = next(binding.init);
    } else if (variable) {
      // `let token; … token = creds.claudeAiOauth.accessToken`: any value written to it.
      for (const reference of variable.references) {
        const written = reference.writeExpr;
        if (reference.isWrite() && written) found ??= next(written);
      }
    }
    if (found) return found;
    if (options.nameHints && OAUTH_NAME.test(node.name)) return { origin: 'subscription', label: `a value named ${node.name}` };
    return undefined;
  }

  return (node, options = {}) => (node ? trace(node, options, 0, new Set()) : undefined);
}

/** The method of the enclosing class that `this.name` denotes (`this._readAccessToken()`). */
function thisMethodOf(callee: TSESTree.Node): FunctionNode | undefined {
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return undefined;
  const name = staticPropertyName(callee);
  let body: TSESTree.Node | undefined = callee.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (body?.type !== AST_NODE_TYPES.ClassBody || name === undefined) return undefined;
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && staticPropertyName(element) === name && isFunctionNode(element.value)) return element.value;
  }
  return undefined;
}

/** `req.headers`, `request.headers`, `ctx.request.header`, `event.headers`: an object of request headers. */
function isHeaderBag(node: TSESTree.Node): boolean {
  const inner = skipWrappers(node);
  const name = inner.type === AST_NODE_TYPES.MemberExpression ? staticPropertyName(inner) : inner.type === AST_NODE_TYPES.Identifier ? inner.name : undefined;
  return name === 'headers' || name === 'header';
}

function firstOf<T, R>(items: readonly T[], map: (item: T) => R | undefined): R | undefined {
  for (const item of items) {
    const found = map(item);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Variables the file tests for a subscription token prefix: `token.startsWith('sk-ant-oat')`,
 * `/^sk-ant-oat/.test(token)`, `token.indexOf('sk-ant-oat01-') === 0`.
 */
function prefixCheckedVariables(sourceCode: Readonly<TSESLint.SourceCode>): Set<TSESLint.Scope.Variable> {
  const checked = new Set<TSESLint.Scope.Variable>();
  const text = sourceCode.text;
  if (!SUBSCRIPTION_TOKEN_PREFIXES.some((prefix) => text.includes(prefix)) && !text.includes('sk-ant-o')) return checked;
  const mark = (node: TSESTree.Node | undefined): void => {
    const inner = node && skipWrappers(node);
    if (inner?.type !== AST_NODE_TYPES.Identifier) return;
    const variable = variableOf(sourceCode, inner);
    if (variable) checked.add(variable);
  };
  const isPrefix = (node: TSESTree.Node | undefined): boolean => {
    if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return node.value.startsWith('sk-ant-o') || node.value.startsWith('sk-ant-sid');
    if (node?.type === AST_NODE_TYPES.Literal && 'regex' in node && node.regex) return /sk-ant-(o|sid)/.test(node.regex.pattern);
    return false;
  };
  forEachNode(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return;
    if (rejectsOnMatch(node)) return;
    const name = staticPropertyName(node.callee);
    if ((name === 'startsWith' || name === 'includes' || name === 'indexOf' || name === 'match') && isPrefix(node.arguments[0])) mark(node.callee.object);
    if ((name === 'test' || name === 'exec') && isPrefix(skipWrappers(node.callee.object))) mark(node.arguments[0]);
  });
  return checked;
}

/**
 * True when a prefix check guards against subscription tokens: the branch taken when it matches
 * exits (`if (key.startsWith('sk-ant-oat')) throw new Error('use an API key')`). Code that turns
 * subscription tokens away is the right pattern, not a sign that it handles them.
 */
function rejectsOnMatch(check: TSESTree.CallExpression): boolean {
  let negated = false;
  let current: TSESTree.Node = check;
  while (current.parent?.type === AST_NODE_TYPES.UnaryExpression && current.parent.operator === '!') {
    negated = !negated;
    current = current.parent;
  }
  const statement = current.parent;
  if (statement?.type !== AST_NODE_TYPES.IfStatement || statement.test !== current) return false;
  const branch = negated ? statement.alternate : statement.consequent;
  const first = branch?.type === AST_NODE_TYPES.BlockStatement ? branch.body[0] : branch;
  return first?.type === AST_NODE_TYPES.ThrowStatement || first?.type === AST_NODE_TYPES.ReturnStatement;
}
