/**
 * What every Python check gets: the parsed module, its names, its string evaluator and the finder
 * of Claude access, built once per file.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import { createAccessFinder } from './claude-access.js';
import { createPythonEvaluator, type PythonEvaluator } from './evaluate.js';
import { indexModule, type ModuleScope } from './scope.js';
import type { PyNode } from './tree.js';

/** One module, ready for the checks. */
export interface PythonContext {
  text: string;
  root: PyNode;
  scope: ModuleScope;
  evaluator: PythonEvaluator;
  access: ReturnType<typeof createAccessFinder>;
}

/** A check: one module in, findings with offsets out. */
export type PythonCheck = (context: PythonContext) => TextFinding[];

/**
 * Builds the context of a parsed module.
 *
 * @param text - the file's text
 * @param root - its `module` node
 */
export function createPythonContext(text: string, root: PyNode): PythonContext {
  const scope = indexModule(root);
  const evaluator = createPythonEvaluator(scope);
  return { text, root, scope, evaluator, access: createAccessFinder(scope, evaluator) };
}

/** A finding located at a node. */
export function findingAt(node: PyNode, ruleName: string, messageId: string, data?: Record<string, string>): TextFinding {
  return { ruleName, messageId, ...(data ? { data } : {}), start: node.start, end: node.end };
}
