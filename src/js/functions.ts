/**
 * Small AST helpers about functions: which local function a name calls, what a function returns,
 * and a plain walk over a subtree.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
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
 * Visits a subtree depth-first in source order. `visit` returns false to skip a node's children.
 * Child keys come from each node's own properties (`parent` excluded), so no visitor-key table is needed.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => boolean | void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (visit(node) === false) continue;
    const children: TSESTree.Node[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (NOT_CHILDREN.has(key)) continue;
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    // Sort by position so that the walk is in source order whatever the key order.
    children.sort((a, b) => a.range[0] - b.range[0]);
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index] as TSESTree.Node);
  }
}
