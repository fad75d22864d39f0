/**
 * A module's exports as code: for each exported name, the nodes that run when another module uses
 * it (a function, a class, a value's initialiser), or the module it is re-exported from. ES module
 * exports (`export function`, `export const`, `export { a as b }`, `export default`, `export … from`,
 * `export * from`) and CommonJS (`module.exports = …`, `module.exports.x = …`, `exports.x = …`).
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { mayBeRepositoryModule } from './imports.js';
import type { ImportUse } from './reach.js';
import { staticPropertyName } from './static-string.js';

/** One export of a module. */
export interface ExportedRoots {
  /** The exported name; `default`; `*` for `module.exports = …` and `export * from`. */
  name: string;
  /** Nodes whose code runs when the export is used. */
  roots: TSESTree.Node[];
  /** Re-exports from other modules of the repository. */
  reexports: ImportUse[];
}

/**
 * Lists a module's exports.
 *
 * @param sourceCode - the module's SourceCode
 */
export function exportedRoots(sourceCode: Readonly<TSESLint.SourceCode>): ExportedRoots[] {
  const found = new Map<string, ExportedRoots>();
  const add = (name: string, root?: TSESTree.Node | null, reexport?: ImportUse): void => {
    const entry = found.get(name) ?? { name, roots: [], reexports: [] };
    if (root) entry.roots.push(root);
    if (reexport) entry.reexports.push(reexport);
    found.set(name, entry);
  };
  const declared = (identifier: TSESTree.Identifier): TSESTree.Node | undefined => {
    const def = variableOf(sourceCode, identifier)?.defs[0];
    if (!def) return undefined;
    if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator) return def.node.init ?? undefined;
    if (def.type === 'ImportBinding') return undefined;
    return def.node;
  };
  const nameOf = (node: TSESTree.Identifier | TSESTree.StringLiteral): string => (node.type === AST_NODE_TYPES.Identifier ? node.name : node.value);

  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      const source = String(statement.source.value);
      if (mayBeRepositoryModule(source)) add(statement.exported ? nameOf(statement.exported) : '*', undefined, { source, name: '*' });
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      add('default', declaration.type === AST_NODE_TYPES.Identifier ? declared(declaration) : declaration);
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) {
        if (declaration.id) add(declaration.id.name, declaration);
      } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) add(declarator.id.name, declarator.init);
        }
      }
      const source = statement.source ? String(statement.source.value) : undefined;
      for (const specifier of statement.specifiers) {
        const exported = nameOf(specifier.exported);
        const local = specifier.local;
        if (source !== undefined) {
          if (mayBeRepositoryModule(source)) add(exported, undefined, { source, name: nameOf(local) });
        } else if (local.type === AST_NODE_TYPES.Identifier) {
          add(exported, declared(local));
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      commonJsExport(statement.expression, add);
    }
  }
  return [...found.values()];
}

/** `module.exports = value`, `module.exports = { a, b }`, `module.exports.a = value`, `exports.a = value`. */
function commonJsExport(expression: TSESTree.Expression, add: (name: string, root?: TSESTree.Node | null) => void): void {
  if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression) return;
  const target = expression.left;
  const isModuleExports = (node: TSESTree.Node): boolean =>
    node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'module' && staticPropertyName(node) === 'exports';
  if (isModuleExports(target)) {
    add('*', expression.right);
    add('default', expression.right);
    if (expression.right.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of expression.right.properties) {
        const name = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
        if (name !== undefined && property.type === AST_NODE_TYPES.Property) add(name, property.value);
      }
    }
    return;
  }
  const owner = target.object;
  const name = staticPropertyName(target);
  if (name !== undefined && (isModuleExports(owner) || (owner.type === AST_NODE_TYPES.Identifier && owner.name === 'exports'))) add(name, expression.right);
}
