/**
 * One walk of a file's tree, shared by every analysis of that file: the nodes in the order
 * {@link walk} visits them (depth-first, source order), where each subtree is a contiguous run.
 * File-wide passes iterate this list instead of walking the tree again, and the code reachable from
 * some roots is the union of their runs, visited without testing every node of the file. Built once
 * per file and cached on the tree's root.
 *
 * @packageDocumentation
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { childNodes } from './functions.js';

/** A file's nodes in walk order, with where each subtree ends. */
export interface NodeIndex {
  /** Every node of the file, in the order {@link walk} visits them from the root. */
  readonly nodes: readonly TSESTree.Node[];
  /**
   * The positions of a node's subtree in {@link NodeIndex.nodes}: `[start, end)`, or undefined for a
   * node that is not in this file's tree.
   */
  subtree(node: TSESTree.Node): readonly [number, number] | undefined;
}

const cache = new WeakMap<TSESTree.Node, NodeIndex>();

/**
 * The index of the tree under `root` (a file's `Program`), built on first use.
 *
 * @param root - the root of the tree, normally `sourceCode.ast`
 */
export function nodeIndexOf(root: TSESTree.Node): NodeIndex {
  const cached = cache.get(root);
  if (cached) return cached;
  const nodes: TSESTree.Node[] = [];
  const ends: number[] = [];
  const positions = new Map<TSESTree.Node, number>();
  // Depth-first with an explicit exit marker per node, so each subtree's end is known when it closes.
  const stack: Array<TSESTree.Node | number> = [root];
  while (stack.length > 0) {
    const item = stack.pop() as TSESTree.Node | number;
    if (typeof item === 'number') {
      ends[item] = nodes.length;
      continue;
    }
    const position = nodes.length;
    positions.set(item, position);
    nodes.push(item);
    stack.push(position);
    const children = childNodes(item);
    for (let child = children.length - 1; child >= 0; child -= 1) stack.push(children[child] as TSESTree.Node);
  }
  const index: NodeIndex = {
    nodes,
    subtree(node) {
      const start = positions.get(node);
      return start === undefined ? undefined : [start, ends[start] as number];
    },
  };
  cache.set(root, index);
  return index;
}

/**
 * Visits every node of a file in walk order: `walk(root, visit)` for a visitor that never skips,
 * without walking the tree again.
 *
 * @param root - the root of the tree, normally `sourceCode.ast`
 * @param visit - called once per node
 */
export function forEachNode(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  for (const node of nodeIndexOf(root).nodes) visit(node);
}

/**
 * Visits every node of the file, in walk order, that lies inside at least one of some subtrees:
 * what walking the whole file and testing each node for being inside one of them would visit, at the
 * cost of the subtrees alone.
 *
 * @param index - the file's index
 * @param roots - subtree roots of this file (overlapping and nested ones allowed)
 * @param visit - called once per node
 * @returns false when a root is not in the index (the caller must fall back to a full walk), else true
 */
export function visitSubtrees(index: NodeIndex, roots: Iterable<TSESTree.Node>, visit: (node: TSESTree.Node) => void): boolean {
  const runs: Array<readonly [number, number]> = [];
  for (const root of roots) {
    const run = index.subtree(root);
    if (!run) return false;
    runs.push(run);
  }
  runs.sort((a, b) => a[0] - b[0]);
  let next = 0;
  for (const [start, end] of runs) {
    for (let position = Math.max(start, next); position < end; position += 1) visit(index.nodes[position] as TSESTree.Node);
    next = Math.max(next, end);
  }
  return true;
}
