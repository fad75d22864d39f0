/**
 * Small AST helpers about functions: which local function a name calls, what a function returns,
 * and a plain walk over a subtree.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { resolveBinding, skipWrappers } from './static-string.js';

/** A function node of any form. */
export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** True for function declarations, function expressions and arrows. */
export function isFunctionNode(node: TSESTree.Node | null | undefined): node is FunctionNode {
  return (
    node?.type === AST_NODE_TYPES.FunctionDeclaration ||
    node?.type === AST_NODE_TYPES.FunctionExpression ||
    node?.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/**
 * The local function a name is bound to: `function f() {}`, `const f = () => …`, `const f = async
 * function () {}`.
 */
export function localFunctionOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): FunctionNode | undefined {
  const binding = resolveBinding(sourceCode, identifier);
  if (!binding || binding.key !== undefined) return undefined;
  const init = skipWrappers(binding.init);
  return isFunctionNode(init) ? init : undefined;
}

/** The function an expression denotes: a function literal, or a name bound to a local function. */
export function functionOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | null | undefined): FunctionNode | undefined {
  const inner = node && skipWrappers(node);
  if (isFunctionNode(inner)) return inner;
  return inner?.type === AST_NODE_TYPES.Identifier ? localFunctionOf(sourceCode, inner) : undefined;
}

/** Every expression a function returns: an arrow's expression body, or each `return` not inside a nested function. */
export function functionReturns(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Expression[] = [];
  walk(fn.body, (node) => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) found.push(node.argument);
    return true;
  });
  return found;
}

/** Node properties that are not child nodes (`tokens` and `comments` hold tokens, which also have a `type`). */
const NOT_CHILDREN = new Set(['parent', 'loc', 'range', 'tokens', 'comments']);

/** True for an AST node (an object with a string `type`). */
export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The keys of a node that may hold child nodes: typescript-eslint's visitor keys (a superset of
 * ESTree's, so espree's trees are covered too), or for a node type they do not know, every own
 * property but {@link NOT_CHILDREN}.
 */
function childKeysOf(node: TSESTree.Node): readonly string[] {
  return (visitorKeys as Record<string, readonly string[] | undefined>)[node.type] ?? Object.keys(node).filter((key) => !NOT_CHILDREN.has(key));
}

/** Whether nodes are in source order (visitor keys nearly always give it; template literals do not). */
function inSourceOrder(nodes: readonly TSESTree.Node[]): boolean {
  for (let index = 1; index < nodes.length; index += 1) {
    if ((nodes[index - 1] as TSESTree.Node).range[0] > (nodes[index] as TSESTree.Node).range[0]) return false;
  }
  return true;
}

/**
 * The child nodes of a node, in source order: the order {@link walk} visits them.
 *
 * @param node - any node
 * @returns a new array
 */
function childNodes(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const key of childKeysOf(node)) {
    const value: unknown = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  if (!inSourceOrder(children)) children.sort((a, b) => a.range[0] - b.range[0]);
  return children;
}

/**
 * Visits a subtree depth-first in source order. `visit` returns false to skip a node's children.
 * A pass over a whole file iterates its node index (src/js/node-index.ts) instead.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) continue;
    const children = childNodes(node);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as TSESTree.Node);
  }
}
