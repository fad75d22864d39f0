/**
 * Static evaluation of string-valued expressions, far enough to see through the ways real code
 * builds paths, commands and header values: literals, template literals, `+`, `||`/`??`, constants
 * declared anywhere in scope (also destructured from `process.env` or read off a constant object),
 * `path.join`/`resolve`, `os.homedir()`, `process.env.X`, `[...].join(sep)`, base64 decoding with
 * `atob`/`Buffer.from(s, 'base64')`, `new URL(path, base)` (and its `href`), and local functions
 * that return such a value.
 *
 * Unknown parts are kept as placeholders so that the shape survives: the home directory is `~`,
 * an environment variable `$NAME`, anything else `*` ({@link UNKNOWN_PART}).
 *
 * @packageDocumentation
 */
import { constantPropertyName, decodeCall } from './decoders.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { UNKNOWN_PART } from '../detect/credential-store.js';

/** Static evaluation bound to one file. */
export interface StaticEvaluator {
  /** The expression's string value, or `undefined` when nothing of it is known. */
  string(node: TSESTree.Node | null | undefined): string | undefined;
  /**
   * The known strings of an expression that may be a list: the elements of an array literal (or of
   * a constant bound to one, spreads included), else the expression's own value. Used for argument
   * vectors such as `spawn('security', args)`.
   */
  strings(node: TSESTree.Node | null | undefined): string[];
}

type StringEvaluator = StaticEvaluator['string'];

/** Environment variables that hold the home directory: rendered as `~`. */
const HOME_VARIABLES = new Set(['HOME', 'USERPROFILE']);
/** Callees that return their first argument with `~` expanded (untildify, expand-tilde, …). */
const TILDE_EXPANDERS = /^(untildify|expandTilde|expandHome|expandHomeDir|resolveHome|tildify|expanduser)$/i;
/** Names under which path libraries expose join-like functions. */
const PATH_JOINERS = new Set(['join', 'resolve', 'normalize', 'joinSafe']);
/** How deep one evaluation may follow variables and calls before giving up. */
const MAX_DEPTH = 24;
/**
 * Longest value the evaluator keeps (UTF-16 code units); longer ones are unknown. Paths and
 * credentials are far shorter, and a chain of `p1 = p0 + '…'`, `p2 = p1 + '…'` must not build a
 * longer string at every step (minutes of work on a hostile file of a megabyte).
 */
const MAX_VALUE_LENGTH = 16 * 1024;

/** The name of a property key or member property, when it is static. */
export function staticPropertyName(
  node: TSESTree.MemberExpression | TSESTree.Property | TSESTree.MethodDefinition,
): string | undefined {
  const key = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node.key;
  const computed = node.computed;
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) {
    return key.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** The name a call is known by: `f` for `f()`, `join` for `path.join()`. */
export function calleeName(callee: TSESTree.Node): string | undefined {
  const inner = skipWrappers(callee);
  if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
  if (inner.type === AST_NODE_TYPES.MemberExpression) return staticPropertyName(inner);
  return undefined;
}

/** Strips TypeScript-only wrappers, `await` and optional chains, which do not change a value. */
export function skipWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.AwaitExpression:
        current = current.argument;
        break;
      default:
        return current;
    }
  }
}

/**
 * Finds the single value a name is bound to, when it is bound once: a `const`, or a `let`/`var`
 * never reassigned, or a parameter's default.
 *
 * @returns the initialiser node, or the destructuring pattern's source and key
 */
export function resolveBinding(
  sourceCode: Readonly<TSESLint.SourceCode>,
  identifier: TSESTree.Identifier,
): { init: TSESTree.Node; key?: string } | undefined {
  const variable = variableOf(sourceCode, identifier);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1) return undefined;
  if (variable.references.filter((ref) => ref.isWrite() && !ref.init).length > 0) return undefined;
  const declarator = def.node;
  if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init) {
    if (declarator.id.type === AST_NODE_TYPES.Identifier) return { init: declarator.init };
    if (def.name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const key = destructuredKey(declarator.id, def.name);
    return key === undefined ? undefined : { init: declarator.init, key };
  }
  if (def.type === 'Parameter' && def.name.parent?.type === AST_NODE_TYPES.AssignmentPattern) {
    return { init: def.name.parent.right };
  }
  if (declarator.type === AST_NODE_TYPES.FunctionDeclaration) return { init: declarator };
  return undefined;
}

/** For `const { a: b = 1 } = obj`, the key (`a`) that binds `name` (`b`), one level deep. */
function destructuredKey(pattern: TSESTree.Node, name: TSESTree.Identifier): string | undefined {
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
    if (value === name) return staticPropertyName(property);
  }
  return undefined;
}

/**
 * The initialiser of a class field read as `this.name` (or `ClassName.name` for a static one) inside
 * its class: `private readonly USAGE_URL = 'https://…'`. Fields assigned elsewhere may change, and
 * are left unknown.
 */
function classFieldOf(member: TSESTree.MemberExpression, name: string): TSESTree.Node | undefined {
  const object = skipWrappers(member.object);
  let body: TSESTree.Node | undefined = member.parent;
  while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
  if (body?.type !== AST_NODE_TYPES.ClassBody) return undefined;
  const owner = body.parent;
  const isThis = object.type === AST_NODE_TYPES.ThisExpression;
  const isOwnName = object.type === AST_NODE_TYPES.Identifier && (owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression) && owner.id?.name === object.name;
  if (!isThis && !isOwnName) return undefined;
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
      return element.value ?? undefined;
    }
  }
  return undefined;
}

/** True for `process.env`, `Bun.env`, `import.meta.env`, `Deno.env` and names bound to them. */
export function isEnvObject(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node, depth = 0): boolean {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression && staticPropertyName(inner) === 'env') {
    const owner = skipWrappers(inner.object);
    if (owner.type === AST_NODE_TYPES.Identifier) return ['process', 'Bun', 'Deno'].includes(owner.name);
    return owner.type === AST_NODE_TYPES.MetaProperty;
  }
  if (inner.type === AST_NODE_TYPES.Identifier && depth < MAX_DEPTH) {
    const binding = resolveBinding(sourceCode, inner);
    return binding !== undefined && binding.key === undefined && isEnvObject(sourceCode, binding.init, depth + 1);
  }
  return false;
}

/**
 * The environment variable an expression reads: `process.env.X`, `process.env['X']`,
 * `Deno.env.get('X')`, `const { X } = process.env`, `const env = process.env; env.X`.
 *
 * @returns the variable's name, or undefined when the expression is not an env read
 */
export function envVariableName(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string | undefined {
  const inner = skipWrappers(node);
  if (inner.type === AST_NODE_TYPES.MemberExpression && isEnvObject(sourceCode, inner.object)) {
    return staticPropertyName(inner) ?? (inner.computed ? constantPropertyName(inner.property) : undefined);
  }
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    staticPropertyName(inner.callee) === 'get' &&
    isEnvObject(sourceCode, inner.callee.object)
  ) {
    const [first] = inner.arguments;
    return first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string' ? first.value : undefined;
  }
  if (inner.type === AST_NODE_TYPES.Identifier) {
    const binding = resolveBinding(sourceCode, inner);
    if (binding?.key !== undefined && isEnvObject(sourceCode, binding.init)) return binding.key;
  }
  return undefined;
}

/**
 * Makes an evaluator bound to one file. Results are cached per node for the life of the evaluator
 * (one lint of one file), so rules may call it freely.
 *
 * @param sourceCode - the file's SourceCode (for scope lookups)
 */
export function createStaticEvaluator(sourceCode: Readonly<TSESLint.SourceCode>): StaticEvaluator {
  const cache = new WeakMap<TSESTree.Node, string | undefined>();
  const inProgress = new Set<TSESTree.Node>();

  const evaluate: StringEvaluator = (node) => {
    if (!node) return undefined;
    if (cache.has(node)) return cache.get(node);
    if (inProgress.has(node) || inProgress.size > MAX_DEPTH) return undefined;
    inProgress.add(node);
    const computed = compute(node);
    const value = computed !== undefined && computed.length > MAX_VALUE_LENGTH ? undefined : computed;
    inProgress.delete(node);
    cache.set(node, value);
    return value;
  };

  /** A known part, or the unknown placeholder. */
  const part = (node: TSESTree.Node | null | undefined): string => evaluate(node) ?? UNKNOWN_PART;

  function compute(raw: TSESTree.Node): string | undefined {
    const node = skipWrappers(raw);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.quasis
          .map((quasi, index) => (quasi.value.cooked ?? quasi.value.raw) + (index < node.expressions.length ? part(node.expressions[index]) : ''))
          .join('');
      case AST_NODE_TYPES.TaggedTemplateExpression:
        return evaluate(node.quasi);
      case AST_NODE_TYPES.BinaryExpression: {
        if (node.operator !== '+') return undefined;
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        return left === undefined && right === undefined ? undefined : (left ?? UNKNOWN_PART) + (right ?? UNKNOWN_PART);
      }
      case AST_NODE_TYPES.LogicalExpression:
        return node.operator === '&&' ? evaluate(node.right) : (evaluate(node.left) ?? evaluate(node.right));
      case AST_NODE_TYPES.ConditionalExpression:
        return evaluate(node.consequent) ?? evaluate(node.alternate);
      case AST_NODE_TYPES.AssignmentExpression:
        return node.operator === '=' ? evaluate(node.right) : undefined;
      case AST_NODE_TYPES.Identifier:
        return identifierValue(node);
      case AST_NODE_TYPES.MemberExpression:
        return memberValue(node);
      case AST_NODE_TYPES.CallExpression:
        return callValue(node);
      case AST_NODE_TYPES.NewExpression:
        if (calleeName(node.callee) === 'URL') return resolveUrl(evaluate(node.arguments[0]), node.arguments[1] && part(node.arguments[1]));
        return calleeName(node.callee) === 'String' ? evaluate(node.arguments[0]) : undefined;
      default:
        return undefined;
    }
  }

  function identifierValue(node: TSESTree.Identifier): string | undefined {
    const env = envVariableName(sourceCode, node);
    if (env !== undefined) return envPlaceholder(env);
    const binding = resolveBinding(sourceCode, node);
    if (!binding || binding.key !== undefined) return undefined;
    if (binding.init.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    return evaluate(binding.init);
  }

  function memberValue(node: TSESTree.MemberExpression): string | undefined {
    const env = envVariableName(sourceCode, node);
    if (env !== undefined) return envPlaceholder(env);
    const name = staticPropertyName(node);
    if (name === 'homedir') return '~';
    const object = objectLiteralOf(node.object);
    const property = object && name !== undefined ? findProperty(object, name) : undefined;
    if (property) return evaluate(property);
    const field = name === undefined ? undefined : classFieldOf(node, name);
    if (field) return evaluate(field);
    return name === 'href' && isUrlConstruction(node.object) ? evaluate(node.object) : undefined;
  }

  /** True for `new URL(…)` and a name bound to one. */
  function isUrlConstruction(node: TSESTree.Node): boolean {
    const inner = skipWrappers(node);
    if (inner.type === AST_NODE_TYPES.NewExpression) return calleeName(inner.callee) === 'URL';
    if (inner.type !== AST_NODE_TYPES.Identifier) return false;
    const binding = resolveBinding(sourceCode, inner);
    return binding !== undefined && binding.key === undefined && isUrlConstruction(binding.init);
  }

  function callValue(node: TSESTree.CallExpression): string | undefined {
    const name = calleeName(node.callee);
    const envName = envVariableName(sourceCode, node);
    if (envName !== undefined) return envPlaceholder(envName);
    // The one hook into decoders.ts: encodings that hide a value (char codes, hex, reversal, …).
    const decoded = decodeCall(node, evaluate);
    if (decoded !== undefined) return decoded;
    if (name === 'homedir') return '~';
    if (name === 'String' || name === 'decodeURIComponent' || (name && TILDE_EXPANDERS.test(name))) {
      return evaluate(node.arguments[0]);
    }
    if (name === 'atob') return decodeBase64(evaluate(node.arguments[0]));
    const callee = skipWrappers(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const receiver = skipWrappers(callee.object);
      const array = arrayLiteralOf(receiver);
      if (name === 'join' && array) {
        const separator = node.arguments.length > 0 ? part(node.arguments[0]) : ',';
        return array.elements.map((element) => part(element)).join(separator);
      }
      if (name === 'from' && calleeName(receiver) === 'Buffer') {
        return isBase64Encoding(node.arguments[1]) ? decodeBase64(evaluate(node.arguments[0])) : evaluate(node.arguments[0]);
      }
      // `'~/.claude/x'.replace('~', homedir())` keeps its shape: `~` already stands for the home directory.
      if (name === 'toString' || name === 'trim' || name === 'replace' || name === 'replaceAll') return evaluate(receiver);
      if (name === 'concat') return [receiver, ...node.arguments].map((argument) => part(argument)).join('');
    }
    if (name && PATH_JOINERS.has(name) && node.arguments.length > 0) {
      const parts = node.arguments.map((argument) => evaluate(argument));
      return parts.every((value) => value === undefined) ? undefined : parts.map((value) => value ?? UNKNOWN_PART).join('/');
    }
    const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunction(callee) : undefined;
    return fn ? evaluate(returnedExpression(fn)) : undefined;
  }

  function localFunction(callee: TSESTree.Identifier): TSESTree.FunctionLike | undefined {
    const binding = resolveBinding(sourceCode, callee);
    const init = binding && binding.key === undefined ? skipWrappers(binding.init) : undefined;
    if (
      init?.type === AST_NODE_TYPES.FunctionDeclaration ||
      init?.type === AST_NODE_TYPES.FunctionExpression ||
      init?.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      return init;
    }
    return undefined;
  }

  function objectLiteralOf(node: TSESTree.Node): TSESTree.ObjectExpression | undefined {
    const inner = skipWrappers(node);
    if (inner.type === AST_NODE_TYPES.ObjectExpression) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = resolveBinding(sourceCode, inner);
    if (!binding) return undefined;
    const init = objectLiteralOf(binding.init);
    if (!init || binding.key === undefined) return init;
    const nested = findProperty(init, binding.key);
    return nested ? objectLiteralOf(nested) : undefined;
  }

  function arrayLiteralOf(node: TSESTree.Node): TSESTree.ArrayExpression | undefined {
    const inner = skipWrappers(node);
    if (inner.type === AST_NODE_TYPES.ArrayExpression) return inner;
    if (inner.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = resolveBinding(sourceCode, inner);
    return binding && binding.key === undefined ? arrayLiteralOf(binding.init) : undefined;
  }

  function strings(node: TSESTree.Node | null | undefined): string[] {
    if (!node) return [];
    const array = arrayLiteralOf(node);
    if (!array) {
      const value = evaluate(node);
      return value === undefined ? [] : [value];
    }
    return array.elements.flatMap((element) =>
      element?.type === AST_NODE_TYPES.SpreadElement ? strings(element.argument) : strings(element),
    );
  }

  return { string: evaluate, strings };
}

/** The value of property `name` in an object literal (last one wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && staticPropertyName(property) === name) found = property.value;
  }
  return found;
}

/** The expression a function returns: an arrow's expression body, or its first top-level `return`. */
export function returnedExpression(fn: TSESTree.FunctionLike): TSESTree.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (body.type !== AST_NODE_TYPES.BlockStatement) return body;
  for (const statement of body.body) {
    if (statement.type === AST_NODE_TYPES.ReturnStatement) return statement.argument ?? undefined;
  }
  return undefined;
}

/** A URL scheme at the start of a string (`https:`, `file:`). */
const URL_SCHEME = /^[a-z][\w+.-]*:/i;

/**
 * `new URL(input, base)` as far as it is known: WHATWG resolution when both parts are fully known,
 * else the input appended to the base's origin (absolute path) or directory (relative path).
 */
function resolveUrl(input: string | undefined, base: string | undefined): string | undefined {
  if (input === undefined || base === undefined || URL_SCHEME.test(input)) return input;
  if (!base.includes(UNKNOWN_PART) && !base.includes('$') && URL.canParse(input, base)) return new URL(input, base).href;
  const origin = /^[a-z][\w+.-]*:\/\/[^/]*/i.exec(base)?.[0] ?? base.replace(/\/.*$/, '');
  if (input.startsWith('/')) return origin + input;
  const directory = base.length > origin.length ? base.replace(/[^/]*$/, '') : `${origin}/`;
  return directory + input;
}

function envPlaceholder(name: string): string {
  return HOME_VARIABLES.has(name) ? '~' : `$${name}`;
}

function isBase64Encoding(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.Literal && (node.value === 'base64' || node.value === 'base64url');
}

function decodeBase64(value: string | undefined): string | undefined {
  if (value === undefined || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}
