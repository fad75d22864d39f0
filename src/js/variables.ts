/**
 * The variable a name refers to, looked up once per file. Several passes of the shared analysis and
 * of the rules ask about the same names (reach, import resolution, constant folding), and
 * `findVariable` climbs the scope chain from the name's scope each time. Here the scope manager's
 * own resolution of each reference is indexed once per file, and any other name (a declaration's
 * own name, an unresolved global) falls back to `findVariable`, with the answer remembered.
 *
 * @packageDocumentation
 */
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type Variable = TSESLint.Scope.Variable;

const cache = new WeakMap<object, Map<TSESTree.Node, Variable | null>>();

/** Every reference the scope manager resolved, by its identifier. */
function resolvedReferences(sourceCode: Readonly<TSESLint.SourceCode>): Map<TSESTree.Node, Variable | null> {
  const known = new Map<TSESTree.Node, Variable | null>();
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const reference of scope.references) if (reference.resolved) known.set(reference.identifier, reference.resolved);
  }
  return known;
}

/**
 * The variable an identifier names, as `findVariable(sourceCode.getScope(identifier), identifier)`
 * finds it, or undefined.
 *
 * @param sourceCode - the file's SourceCode
 * @param identifier - a name in that file
 */
export function variableOf(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): Variable | undefined {
  let known = cache.get(sourceCode);
  if (!known) {
    known = resolvedReferences(sourceCode);
    cache.set(sourceCode, known);
  }
  let variable = known.get(identifier);
  if (variable === undefined) {
    variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier as TSESTree.Identifier) ?? null;
    known.set(identifier, variable);
  }
  return variable ?? undefined;
}
