/**
 * Which credential a Claude invocation runs on, as far as the file shows: a subscription credential
 * handed to it (in the child's `env`, on the command line, as `authToken`), an `ANTHROPIC_API_KEY`
 * removed before it runs (so that Claude Code falls back to the stored login), or an API key (or a
 * cloud provider) configured for it.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  API_KEY_ENV,
  API_KEY_HELPER_SETTING,
  AUTH_TOKEN_ENV,
  CLOUD_PROVIDER_ENV,
  OAUTH_BETA,
  OAUTH_TOKEN_ENV,
  isSubscriptionBeta,
} from '../detect/claude-entry-points.js';
import type { ClaudeInvocation } from './claude-invocations.js';
import { objectLiteralOf } from './claude-invocations.js';
import type { CredentialSource, CredentialTracer } from './credential-sources.js';
import { functionReturns, isFunctionNode, localFunctionOf, walk } from './functions.js';
import { forEachNode } from './node-index.js';
import { calleeName, findProperty, isEnvObject, skipWrappers, staticPropertyName, type StaticEvaluator } from './static-string.js';

/** A subscription credential handed to an invocation. */
export interface HandedCredential {
  /** Where to report: the property, assignment or argument that supplies it. */
  node: TSESTree.Node;
  source: CredentialSource;
  /** `authTokenFromOAuth` for the Anthropic client's `authToken`, else `subscriptionEnv`. */
  messageId: 'subscriptionEnv' | 'authTokenFromOAuth';
}

/** What the file shows about an invocation's credential. */
export interface InvocationAuth {
  credential?: HandedCredential;
  /** Where `ANTHROPIC_API_KEY` is removed from the invocation's own environment. */
  apiKeyRemoval?: TSESTree.Node;
  /** An API key, key helper or cloud provider is configured in the invocation's options. */
  apiKeyConfigured: boolean;
}

/** A change the file makes to the environment outside any one invocation's options. */
export interface EnvChange {
  kind: 'credential' | 'api-key-removed' | 'api-key-set';
  node: TSESTree.Node;
  source?: CredentialSource;
  /** Made only on some paths (inside an `if`, a `? :` or a `&&`). */
  conditional?: boolean;
}

/** The shared helpers of one file. */
export interface AuthContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  evaluator: StaticEvaluator;
  trace: CredentialTracer;
}

interface EnvEntry {
  key: string;
  /** The value set; undefined for a removal. */
  value?: TSESTree.Node;
  node: TSESTree.Node;
}

const MAX_DEPTH = 8;
/**
 * A command line, as written in a string or template, that sets the subscription token from a value
 * the code supplies (`${…}`, `$NAME`): `CLAUDE_CODE_OAUTH_TOKEN="${token}" claude -p`, `export
 * CLAUDE_CODE_OAUTH_TOKEN=$T`. Prose with a placeholder (`=<your-token>`) is not one.
 */
const TOKEN_ASSIGNMENT_IN_COMMAND = new RegExp(`(?:^|[\\s;&(\`'"])(?:export\\s+)?${OAUTH_TOKEN_ENV}=\\\\?["']?\\$`);

/** True for `undefined`, `null`, `''` and `void 0`: a variable set to nothing. */
function isEmptyValue(node: TSESTree.Node | undefined): boolean {
  const inner = node && skipWrappers(node);
  if (!inner) return true;
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name === 'undefined';
  if (inner.type === AST_NODE_TYPES.Literal) return inner.value === null || inner.value === '';
  if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner.expressions.length === 0 && inner.quasis[0]?.value.cooked === '';
  return inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void';
}

/**
 * Reads what an `env` expression sets and removes: object literals and the constants bound to them,
 * spreads, `env.X = …` and `delete env.X` on such a constant, `Object.assign`, lodash-style
 * `omit(process.env, 'ANTHROPIC_API_KEY')`, and the rest of `const { ANTHROPIC_API_KEY, ...env } =
 * process.env`.
 */
function readEnv(context: AuthContext, raw: TSESTree.Node | undefined, depth = 0): EnvEntry[] {
  const node = raw && skipWrappers(raw);
  if (!node || depth > MAX_DEPTH) return [];
  const { sourceCode, evaluator } = context;
  if (node.type === AST_NODE_TYPES.ObjectExpression) {
    return node.properties.flatMap((property): EnvEntry[] => {
      if (property.type === AST_NODE_TYPES.SpreadElement) return readEnv(context, property.argument, depth + 1);
      const key = staticPropertyName(property);
      if (key === undefined) return [];
      return [{ key, value: isEmptyValue(property.value) ? undefined : property.value, node: property }];
    });
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(node.callee);
    if (name === 'assign') return node.arguments.flatMap((argument) => readEnv(context, argument, depth + 1));
    if (name === 'omit' && node.arguments[0] && isEnvObject(sourceCode, node.arguments[0])) {
      return node.arguments.slice(1).flatMap((argument) => evaluator.strings(argument).map((key) => ({ key, node })));
    }
    return [];
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return [];
  const variable = variableOf(sourceCode, node);
  const def = variable?.defs[0];
  if (!variable || !def) return [];
  const entries: EnvEntry[] = [];
  // `const { ANTHROPIC_API_KEY, ...env } = process.env`: the named keys are not in `env`.
  const rest = def.name.parent;
  if (rest?.type === AST_NODE_TYPES.RestElement && rest.parent?.type === AST_NODE_TYPES.ObjectPattern) {
    const declarator = rest.parent.parent;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init && isEnvObject(sourceCode, declarator.init)) {
      for (const property of rest.parent.properties) {
        const key = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
        if (key !== undefined && property.type === AST_NODE_TYPES.Property) entries.push({ key, node: property });
      }
    }
  } else if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id === def.name && def.node.init) {
    entries.push(...readEnv(context, def.node.init, depth + 1));
  }
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier) continue;
    const key = staticPropertyName(member);
    if (key === undefined) continue;
    const parent = member.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) {
      entries.push({ key, value: isEmptyValue(parent.right) ? undefined : parent.right, node: parent });
    } else if (parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'delete') {
      entries.push({ key, node: parent });
    }
  }
  return entries;
}

/** How one environment variable given to Claude Code changes its credential. */
function judgeEnvEntry(context: AuthContext, key: string, value: TSESTree.Node | undefined, node: TSESTree.Node): EnvChange | undefined {
  if (key === OAUTH_TOKEN_ENV) {
    if (!value) return undefined;
    const traced = context.trace(value, { authTokenEnv: true });
    const label = !traced || traced.label === OAUTH_TOKEN_ENV ? OAUTH_TOKEN_ENV : `${OAUTH_TOKEN_ENV} set from ${traced.label}`;
    return { kind: 'credential', node, source: { origin: traced?.origin ?? 'subscription', label } };
  }
  if (key === API_KEY_ENV || key === AUTH_TOKEN_ENV) {
    if (!value) return key === API_KEY_ENV ? { kind: 'api-key-removed', node } : undefined;
    const traced = context.trace(value, { authTokenEnv: key === API_KEY_ENV });
    if (traced) return { kind: 'credential', node, source: { origin: traced.origin, label: `${key} set from ${traced.label}` } };
    return { kind: 'api-key-set', node };
  }
  if (CLOUD_PROVIDER_ENV.includes(key) && value) return { kind: 'api-key-set', node };
  return undefined;
}

function applyChange(auth: InvocationAuth, change: EnvChange | undefined): void {
  if (!change) return;
  if (change.kind === 'credential' && change.source) auth.credential ??= { node: change.node, source: change.source, messageId: 'subscriptionEnv' };
  else if (change.kind === 'api-key-removed') auth.apiKeyRemoval ??= change.node;
  else if (change.kind === 'api-key-set') auth.apiKeyConfigured = true;
}

/**
 * Reads an invocation's own options and command line.
 *
 * @param context - the file's helpers
 * @param invocation - a recognised invocation
 */
export function invocationAuth(context: AuthContext, invocation: ClaudeInvocation): InvocationAuth {
  const auth: InvocationAuth = { apiKeyConfigured: false };
  if (invocation.kind === 'anthropic-client') return clientAuth(context, invocation, auth);
  for (const entry of readEnv(context, invocation.env)) applyChange(auth, judgeEnvEntry(context, entry.key, entry.value, entry.node));
  const command = invocation.command;
  if (command) {
    const where = invocation.node.type === AST_NODE_TYPES.TaggedTemplateExpression ? invocation.node.quasi : (invocation.node.arguments[0] ?? invocation.node);
    for (const [key, value] of Object.entries(command.envSet)) {
      if (key === OAUTH_TOKEN_ENV) applyChange(auth, { kind: 'credential', node: where, source: { origin: 'subscription', label: OAUTH_TOKEN_ENV } });
      else if ((key === API_KEY_ENV || CLOUD_PROVIDER_ENV.includes(key)) && value) auth.apiKeyConfigured = true;
    }
    if (command.envUnset.includes(API_KEY_ENV)) auth.apiKeyRemoval ??= where;
  }
  const options = objectLiteralOf(context.sourceCode, invocation.options);
  if (options && (findProperty(options, 'apiKey') || findProperty(options, API_KEY_HELPER_SETTING))) auth.apiKeyConfigured = true;
  const settings = objectLiteralOf(context.sourceCode, options && findProperty(options, 'settings'));
  if (settings && findProperty(settings, API_KEY_HELPER_SETTING)) auth.apiKeyConfigured = true;
  return auth;
}

function clientAuth(context: AuthContext, invocation: ClaudeInvocation, auth: InvocationAuth): InvocationAuth {
  const options = objectLiteralOf(context.sourceCode, invocation.options);
  return options ? clientOptionsAuth(context, options, auth) : auth;
}

/**
 * What an Anthropic client options object (`{ apiKey }`, `{ authToken, defaultHeaders }`) says about
 * its credential: also for an object built for a client made elsewhere (`return { authToken,
 * defaultHeaders: stealthHeaders() }`).
 *
 * @param context - the file's helpers
 * @param options - the options object
 * @param auth - what is known so far (changed and returned)
 */
export function clientOptionsAuth(context: AuthContext, options: TSESTree.ObjectExpression, auth: InvocationAuth = { apiKeyConfigured: false }): InvocationAuth {
  const propertyNode = (name: string): TSESTree.Property | undefined =>
    options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && staticPropertyName(property) === name);
  const authToken = propertyNode('authToken');
  if (authToken && !isEmptyValue(authToken.value)) {
    const source = context.trace(authToken.value, { authTokenEnv: true, nameHints: true }) ??
      (sendsOAuthBeta(context, findProperty(options, 'defaultHeaders')) ? { origin: 'subscription' as const, label: `a bearer token sent with the ${OAUTH_BETA} beta` } : undefined);
    if (source) auth.credential = { node: authToken, source, messageId: 'authTokenFromOAuth' };
  }
  const apiKey = propertyNode('apiKey');
  if (apiKey && !isEmptyValue(apiKey.value)) {
    const source = context.trace(apiKey.value);
    if (source) auth.credential ??= { node: apiKey, source, messageId: 'subscriptionEnv' };
    else auth.apiKeyConfigured = true;
  }
  return auth;
}

/** True when a headers object (literal, constant or built inline) sends the OAuth beta value. */
export function sendsOAuthBeta(context: AuthContext, headers: TSESTree.Node | undefined): boolean {
  const inner = headers && skipWrappers(headers);
  // `defaultHeaders: stealthHeaders()`: what a local function returns.
  const callee = inner?.type === AST_NODE_TYPES.CallExpression ? skipWrappers(inner.callee) : undefined;
  const fn = callee?.type === AST_NODE_TYPES.Identifier ? localFunctionOf(context.sourceCode, callee) : undefined;
  if (fn) return functionReturns(fn).some((returned) => sendsOAuthBeta(context, returned));
  const object = objectLiteralOf(context.sourceCode, headers);
  if (!object) return false;
  return object.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property) return false;
    const name = staticPropertyName(property)?.toLowerCase();
    return name === 'anthropic-beta' && isSubscriptionBeta(context.evaluator.string(property.value) ?? '');
  });
}

/**
 * Changes to the process environment anywhere in the file, which every later invocation inherits:
 * `process.env.CLAUDE_CODE_OAUTH_TOKEN = …`, `delete process.env.ANTHROPIC_API_KEY`,
 * `process.env.ANTHROPIC_API_KEY = ''`, `Reflect.deleteProperty(process.env, …)`, deleting
 * `ANTHROPIC_*` keys in a loop, and filtering `ANTHROPIC_API_KEY` out of a copy of the environment.
 *
 * @param context - the file's helpers
 */
export function fileEnvChanges(context: AuthContext): EnvChange[] {
  const { sourceCode, evaluator } = context;
  const changes: EnvChange[] = [];
  const tokenInCommandText = sourceCode.text.includes(`${OAUTH_TOKEN_ENV}=`);
  forEachNode(sourceCode.ast, (node) => {
    if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && isEnvObject(sourceCode, node.left.object)) {
      const key = staticPropertyName(node.left);
      const change = key === undefined ? undefined : judgeEnvEntry(context, key, isEmptyValue(node.right) ? undefined : node.right, node);
      if (change) changes.push(change);
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(node.left) === OAUTH_TOKEN_ENV) {
      // `childEnv.CLAUDE_CODE_OAUTH_TOKEN = token`: an environment built for a child process.
      const change = judgeEnvEntry(context, OAUTH_TOKEN_ENV, isEmptyValue(node.right) ? undefined : node.right, node);
      if (change) changes.push({ ...change, ...(isConditional(node) ? { conditional: true } : {}) });
    } else if (tokenInCommandText && (node.type === AST_NODE_TYPES.TemplateLiteral || (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string'))) {
      // `CLAUDE_CODE_OAUTH_TOKEN="${token}" claude -p …`, `export CLAUDE_CODE_OAUTH_TOKEN=…`: a command line that sets it.
      // The literal's own text: a command that only embeds such a prefix built elsewhere is reported there.
      if (TOKEN_ASSIGNMENT_IN_COMMAND.test(sourceCode.getText(node))) {
        changes.push({ kind: 'credential', node, source: { origin: 'subscription', label: OAUTH_TOKEN_ENV }, ...(isConditional(node) ? { conditional: true } : {}) });
      }
    } else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === 'delete' && node.argument.type === AST_NODE_TYPES.MemberExpression) {
      const key = staticPropertyName(node.argument);
      if (key === API_KEY_ENV && isEnvObject(sourceCode, node.argument.object)) changes.push({ kind: 'api-key-removed', node });
      else if (key === undefined && node.argument.computed && deletesApiKeyInLoop(context, node)) changes.push({ kind: 'api-key-removed', node });
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node.callee);
      if (name === 'deleteProperty' && node.arguments[0] && isEnvObject(sourceCode, node.arguments[0]) && evaluator.string(node.arguments[1]) === API_KEY_ENV) {
        changes.push({ kind: 'api-key-removed', node });
      } else if (name === 'filter' && filtersOutApiKey(context, node.arguments[0])) {
        changes.push({ kind: 'api-key-removed', node });
      } else if (name === 'omit' && node.arguments[0] && isEnvObject(sourceCode, node.arguments[0]) && node.arguments.slice(1).some((argument) => evaluator.strings(argument).includes(API_KEY_ENV))) {
        changes.push({ kind: 'api-key-removed', node });
      }
    }
  });
  return changes;
}

/** True when a node runs only on some paths of its function: under an `if`, a `? :`, a `&&`/`||`/`??`. */
function isConditional(node: TSESTree.Node): boolean {
  for (let current = node.parent; current && !isFunctionNode(current); current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.LogicalExpression) return true;
  }
  return false;
}

/** True when a string or regular expression literal selects `ANTHROPIC_API_KEY` among variable names. */
function selectsApiKey(context: AuthContext, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal && 'regex' in node && node.regex) {
    try {
      return new RegExp(node.regex.pattern, node.regex.flags.replace(/[gy]/g, '')).test(API_KEY_ENV);
    } catch {
      return false;
    }
  }
  const value = node.type === AST_NODE_TYPES.Literal || node.type === AST_NODE_TYPES.TemplateLiteral ? context.evaluator.string(node) : undefined;
  return value !== undefined && value.length >= 'ANTHROPIC'.length && API_KEY_ENV.startsWith(value);
}

function mentionsApiKeySelector(context: AuthContext, root: TSESTree.Node | null | undefined): boolean {
  if (!root) return false;
  let found = false;
  walk(root, (node) => {
    if (found) return false;
    if (selectsApiKey(context, node)) found = true;
    if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression) {
      if (context.evaluator.strings(node).includes(API_KEY_ENV)) found = true;
    }
    return !found;
  });
  return found;
}

/**
 * `for (const key of Object.keys(env)) if (key.startsWith('ANTHROPIC_')) delete env[key]`, `for
 * (const k of ['ANTHROPIC_API_KEY', …]) delete env[k]`, `keys.forEach((k) => delete env[k])`: a
 * computed `delete` inside a loop whose keys or conditions select `ANTHROPIC_API_KEY`.
 */
function deletesApiKeyInLoop(context: AuthContext, node: TSESTree.UnaryExpression): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.IfStatement || current.type === AST_NODE_TYPES.ConditionalExpression || current.type === AST_NODE_TYPES.LogicalExpression) {
      if (mentionsApiKeySelector(context, current.type === AST_NODE_TYPES.LogicalExpression ? current.left : current.test)) return true;
    }
    if (current.type === AST_NODE_TYPES.ForOfStatement || current.type === AST_NODE_TYPES.ForInStatement) {
      return mentionsApiKeySelector(context, current.right);
    }
    if (isFunctionNode(current)) {
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) {
        return mentionsApiKeySelector(context, call.callee.object);
      }
      return false;
    }
  }
  return false;
}

/** `.filter(([key]) => key !== 'ANTHROPIC_API_KEY')`, `.filter((k) => !k.startsWith('ANTHROPIC'))`. */
function filtersOutApiKey(context: AuthContext, callback: TSESTree.Node | undefined): boolean {
  if (!isFunctionNode(callback)) return false;
  let found = false;
  walk(callback.body, (node) => {
    if (found) return false;
    if (node.type === AST_NODE_TYPES.BinaryExpression && (node.operator === '!==' || node.operator === '!=')) {
      found = [node.left, node.right].some((side) => context.evaluator.string(side) === API_KEY_ENV);
    } else if (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === '!') {
      found = mentionsApiKeySelector(context, node.argument);
    }
    return !found;
  });
  return found;
}
