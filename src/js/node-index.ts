/**
 * One walk of a file's tree, shared by every file-wide pass of the rules: the nodes in the order
 * {@link walk} visits them (depth-first, source order). The passes iterate this list instead of
 * walking the tree again. Built once per file and cached on the tree's root.
 *
 * @packageDocumentation
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { walk } from './functions.js';

const cache = new WeakMap<TSESTree.Node, readonly TSESTree.Node[]>();

/**
 * Every node of the tree under `root` (a file's `Program`), in the order {@link walk} visits them.
 *
 * @param root - the root of the tree, normally `sourceCode.ast`
 */
export function nodesOf(root: TSESTree.Node): readonly TSESTree.Node[] {
  let nodes = cache.get(root);
  if (!nodes) {
    const list: TSESTree.Node[] = [];
    walk(root, (node) => {
      list.push(node);
    });
    nodes = list;
    cache.set(root, nodes);
  }
  return nodes;
}

/**
 * Visits every node of a file in walk order: `walk(root, visit)` for a visitor that never skips,
 * without walking the tree again.
 *
 * @param root - the root of the tree, normally `sourceCode.ast`
 * @param visit - called once per node
 */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  for (const node of nodesOf(root)) visit(node);
}
