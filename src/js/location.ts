/**
 * ESTree positions in the model's terms (src/model/facts.ts).
 *
 * @packageDocumentation
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type { Location } from '../model/facts.js';

/** A node's place as a model location (1-based lines and columns, end exclusive). */
export function locationOf(node: TSESTree.Node): Location {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}
