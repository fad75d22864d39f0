/**
 * Decoders for the static string evaluation (static-string.ts): the ways code hides a value from a
 * reader and from a text search, undone so the rules see the value. `String.fromCharCode(…)`,
 * `String.fromCodePoint(…)`, `decodeURIComponent`/`decodeURI`/`unescape` of percent-encoding,
 * `Buffer.from(hex, 'hex')`, `.split('').reverse().join('')`, `.replace`/`.replaceAll` with string
 * arguments, and constant property names (`process.env['CLAUDE_' + 'CODE_OAUTH_TOKEN']`). `\x` and
 * `\u` escapes need nothing here: the parser gives literals their decoded value.
 *
 * The evaluator calls {@link decodeCall} first for each call; undefined lets it go on as before.
 * A pattern given as a regular expression is never run (scanned code could make it backtrack).
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

/** The deepest constant expression {@link constantPropertyName} evaluates. */
const MAX_CONSTANT_DEPTH = 64;

/** What a decoder needs of the evaluator: the value of a node, when it is known. */
export type Evaluate = (node: TSESTree.Node | null | undefined) => string | undefined;

/** The name of a member call's method (`x.reverse()` → `reverse`), or of a plain call. */
function methodName(callee: TSESTree.Node): string | undefined {
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  if (!callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  return callee.property.type === AST_NODE_TYPES.Literal && typeof callee.property.value === 'string' ? callee.property.value : undefined;
}

/** The receiver of a member call, else undefined. */
const receiverOf = (callee: TSESTree.Node): TSESTree.Node | undefined => (callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined);

/** The value of a string literal argument, else undefined. */
const literalString = (node: TSESTree.Node | undefined): string | undefined =>
  node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : undefined;

/** Character codes as a string, when each is a known whole number in range. */
function fromCodes(values: (string | undefined)[], codePoints: boolean): string | undefined {
  const codes = values.map((value) => (value === undefined ? Number.NaN : Number(value)));
  if (codes.length === 0 || codes.some((code) => !Number.isInteger(code) || code < 0 || code > (codePoints ? 0x10ffff : 0xffff))) return undefined;
  return codePoints ? String.fromCodePoint(...codes) : String.fromCharCode(...codes);
}

/** Percent-decoding that never throws (a malformed sequence keeps the value as written). */
function percentDecoded(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Hex digits as the text they encode (`Buffer.from(hex, 'hex')`). */
function hexDecoded(value: string | undefined): string | undefined {
  if (value === undefined || !/^(?:[0-9a-fA-F]{2})+$/.test(value)) return undefined;
  return Buffer.from(value, 'hex').toString('utf8');
}

/** Whether a call is `<x>.split('')` or `[...<x>]`-like splitting into characters; returns `<x>`. */
function splitIntoCharacters(node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  if (node?.type === AST_NODE_TYPES.CallExpression && methodName(node.callee) === 'split' && literalString(node.arguments[0]) === '') return receiverOf(node.callee);
  if (node?.type === AST_NODE_TYPES.CallExpression && methodName(node.callee) === 'from' && receiverOf(node.callee)?.type === AST_NODE_TYPES.Identifier) {
    return (receiverOf(node.callee) as TSESTree.Identifier).name === 'Array' ? node.arguments[0] : undefined;
  }
  return node?.type === AST_NODE_TYPES.ArrayExpression && node.elements.length === 1 && node.elements[0]?.type === AST_NODE_TYPES.SpreadElement ? node.elements[0].argument : undefined;
}

/**
 * The decoded value of a call, when it is one of the encodings above and its input is known.
 *
 * @param node - a call expression
 * @param evaluate - the evaluator's own evaluation, for the call's input
 * @returns the value, or undefined to let the evaluator handle the call
 */
export function decodeCall(node: TSESTree.CallExpression, evaluate: Evaluate): string | undefined {
  const name = methodName(node.callee);
  const receiver = receiverOf(node.callee);
  const receiverName = receiver?.type === AST_NODE_TYPES.Identifier ? receiver.name : undefined;
  switch (name) {
    case 'fromCharCode':
    case 'fromCodePoint':
      return receiverName === 'String' ? fromCodes(node.arguments.map((argument) => evaluate(argument)), name === 'fromCodePoint') : undefined;
    case 'decodeURIComponent':
    case 'decodeURI':
    case 'unescape':
      return receiver === undefined ? percentDecoded(evaluate(node.arguments[0])) : undefined;
    case 'from':
      return receiverName === 'Buffer' && literalString(node.arguments[1]) === 'hex' ? hexDecoded(evaluate(node.arguments[0])) : undefined;
    case 'join': {
      // `x.split('').reverse().join('')`: the string read backwards.
      if (literalString(node.arguments[0]) !== '' || receiver?.type !== AST_NODE_TYPES.CallExpression || methodName(receiver.callee) !== 'reverse') return undefined;
      const source = splitIntoCharacters(receiverOf(receiver.callee));
      const value = source && evaluate(source);
      return value === undefined ? undefined : [...value].reverse().join('');
    }
    case 'replace':
    case 'replaceAll': {
      const pattern = literalString(node.arguments[0]);
      const replacement = literalString(node.arguments[1]);
      // `~` keeps its shape: it already stands for the home directory (static-string.ts).
      if (!receiver || pattern === undefined || pattern === '~' || replacement === undefined) return undefined;
      const value = evaluate(receiver);
      return value === undefined ? undefined : name === 'replace' ? value.replace(pattern, () => replacement) : value.replaceAll(pattern, () => replacement);
    }
    default:
      return undefined;
  }
}

/**
 * A computed property name that is a constant expression (`'CLAUDE_' + 'CODE_OAUTH_TOKEN'`, a
 * template without expressions, `String.fromCharCode(…)`), evaluated without any scope lookup.
 *
 * @param node - the property of a computed member expression
 */
export function constantPropertyName(node: TSESTree.Node): string | undefined {
  let depth = 0;
  const evaluate: Evaluate = (inner) => {
    // A 100,000-term `'a' + …` chain must not overflow the stack: deeper than this, unknown.
    if (!inner || depth > MAX_CONSTANT_DEPTH) return undefined;
    depth += 1;
    try {
      return evaluateConstant(inner);
    } finally {
      depth -= 1;
    }
  };
  const evaluateConstant = (inner: TSESTree.Node): string | undefined => {
    if (inner.type === AST_NODE_TYPES.Literal) return typeof inner.value === 'string' || typeof inner.value === 'number' ? String(inner.value) : undefined;
    if (inner.type === AST_NODE_TYPES.TemplateLiteral) return inner.expressions.length === 0 ? (inner.quasis[0]?.value.cooked ?? undefined) : undefined;
    if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
      const left = evaluate(inner.left);
      const right = evaluate(inner.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    return inner.type === AST_NODE_TYPES.CallExpression ? decodeCall(inner, evaluate) : undefined;
  };
  return evaluate(node);
}
