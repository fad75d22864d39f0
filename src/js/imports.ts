/**
 * Import and require alias tracking, from the use site back to the module: `spawn`, `cp.spawn`,
 * `require('child_process').spawn`, `const { spawn: run } = require('node:child_process')`,
 * `const execAsync = promisify(exec)`, `import * as sdk from '…'; sdk.query`, `const { query } =
 * await import('…')`, `import cp = require('child_process')`, and globals such as `Bun.spawn`; a
 * specifier that code computes from constants counts as written (`require(name)`, `import(a + b)`).
 *
 * Resolving backwards suits the rules: they meet a call and ask what it calls. (typescript-eslint's
 * `ASTUtils.ReferenceTracker` walks forwards from the import, does not see tagged templates, dynamic
 * `import()` or `promisify`, and would need one trace map per question.)
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { isBuiltin } from 'node:module';
import { MODULE_ALIASES } from '../detect/claude-entry-points.js';
import { UNKNOWN_PART } from '../detect/credential-store.js';
import { calleeName, createStaticEvaluator, resolveBinding, skipWrappers, staticPropertyName, type StaticEvaluator } from './static-string.js';

/** The module of names that need no import (`Bun`, `Deno`, `fetch`). */
export const GLOBAL_MODULE = '<global>';

/**
 * What an expression is, as a module export: `{ module: 'child_process', path: ['spawn'] }`. A
 * leading `default` is dropped (a default import of a CommonJS module is the module itself), so
 * `import cp from 'child_process'; cp.spawn` and `import { spawn } from 'child_process'` agree.
 */
export interface ModuleRef {
  /** The module specifier as written (`node:` aliases normalised), or {@link GLOBAL_MODULE}. */
  module: string;
  /** Property names from the module object to the value; empty for the module itself. */
  path: readonly string[];
}

/** Wrappers that return a function that does what their argument does. */
const TRANSPARENT_WRAPPERS = new Set(['promisify']);
const MAX_DEPTH = 16;

/**
 * Makes a resolver bound to one file.
 *
 * @param sourceCode - the file's SourceCode (scope lookups)
 * @returns `resolve(node)`: the module export an expression is, or undefined when it is not
 *   (provably) one
 */
export function createImportResolver(sourceCode: Readonly<TSESLint.SourceCode>): (node: TSESTree.Node) => ModuleRef | undefined {
  const cache = new WeakMap<TSESTree.Node, ModuleRef | null>();
  // Made on the first computed specifier only: most files import by literal.
  let staticEvaluator: StaticEvaluator | undefined;
  const evaluator = (): StaticEvaluator => (staticEvaluator ??= createStaticEvaluator(sourceCode));

  function resolve(raw: TSESTree.Node, depth = 0): ModuleRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = skipWrappers(raw);
    const cached = cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    cache.set(node, null);
    const found = compute(node, depth);
    const ref = found && { module: MODULE_ALIASES[found.module] ?? found.module, path: found.path[0] === 'default' ? found.path.slice(1) : found.path };
    cache.set(node, ref ?? null);
    return ref;
  }

  function compute(node: TSESTree.Node, depth: number): ModuleRef | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return identifierRef(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticPropertyName(node);
        const base = name === undefined ? undefined : resolve(node.object, depth + 1);
        return base && name !== undefined ? { module: base.module, path: [...base.path, name] } : undefined;
      }
      case AST_NODE_TYPES.ImportExpression:
        return moduleOf(node.source) ?? computedModuleOf(node.source, evaluator());
      case AST_NODE_TYPES.CallExpression: {
        const name = calleeName(node.callee);
        if (name === 'require' && node.callee.type === AST_NODE_TYPES.Identifier && isGlobal(node.callee)) {
          return moduleOf(node.arguments[0]) ?? computedModuleOf(node.arguments[0], evaluator());
        }
        const [first] = node.arguments;
        if (name && TRANSPARENT_WRAPPERS.has(name) && first) return resolve(first, depth + 1);
        return undefined;
      }
      default:
        return undefined;
    }
  }

  function identifierRef(node: TSESTree.Identifier, depth: number): ModuleRef | undefined {
    const variable = variableOf(sourceCode, node);
    if (!variable || variable.defs.length === 0) return { module: GLOBAL_MODULE, path: [node.name] };
    const def = variable.defs[0];
    if (def?.type === 'ImportBinding') {
      const specifier = def.node;
      if (specifier.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
        const reference = specifier.moduleReference;
        return reference.type === AST_NODE_TYPES.TSExternalModuleReference ? moduleOf(reference.expression) : undefined;
      }
      const declaration = specifier.parent;
      if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
      const module = String(declaration.source.value);
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return { module, path: [] };
      if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return { module, path: ['default'] };
      const imported = specifier.imported;
      return { module, path: [imported.type === AST_NODE_TYPES.Identifier ? imported.name : String(imported.value)] };
    }
    const binding = resolveBinding(sourceCode, node);
    if (!binding || binding.init.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
    const base = resolve(binding.init, depth + 1);
    if (!base) return undefined;
    return binding.key === undefined ? base : { module: base.module, path: [...base.path, binding.key] };
  }

  function isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(sourceCode, identifier);
    return !variable || variable.defs.length === 0;
  }

  return (node) => resolve(node);
}

function moduleOf(node: TSESTree.Node | undefined): ModuleRef | undefined {
  if (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') return { module: node.value, path: [] };
  if (node?.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    const value = node.quasis[0]?.value.cooked;
    return value ? { module: value, path: [] } : undefined;
  }
  return undefined;
}

/**
 * A module specifier that code computes, as the static evaluator knows it whole: a constant
 * (`require(sdkName)`), a concatenation or a template of constants (`import('@anthropic-ai/' + name)`).
 * Undefined when any part of it is unknown or an environment variable: a guessed module is no module.
 */
function computedModuleOf(node: TSESTree.Node | undefined, evaluator: StaticEvaluator): ModuleRef | undefined {
  const value = node && evaluator.string(node);
  return value && !value.includes(UNKNOWN_PART) && !value.startsWith('$') ? { module: value, path: [] } : undefined;
}

/**
 * The module specifiers a file imports, requires, dynamically imports or re-exports, read from the
 * text (type-only imports count: a listener file that imports `App` from `@slack/bolt` as a type is
 * still a Slack listener).
 *
 * @param text - the file's text
 */
export function importedModules(text: string): Set<string> {
  const found = new Set<string>();
  // `[ \t]*`, not `\s*`, before a line's `import`: `\s*` ran over every blank line after each line start (quadratic in a run of blank lines).
  for (const match of text.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^[ \t]*import\s+)(['"`])([^'"`\n]+)\1/gm)) {
    const specifier = match[2];
    if (specifier) found.add(MODULE_ALIASES[specifier] ?? specifier);
  }
  return found;
}

/** True for `./x`, `../x`: a module of the same repository. */
export function isRelativeModule(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/**
 * True for a specifier that may name a module of the same repository: a relative one, or a bare one
 * that is not a Node.js built-in (`@acme/agent` of a workspace, `@/lib/claude` of tsconfig `paths`).
 * Only the scanner's module resolution (src/scan/module-resolution.ts) can tell a workspace package
 * from a dependency; what it cannot find in the scanned tree leads nowhere.
 */
export function mayBeRepositoryModule(specifier: string): boolean {
  return isRelativeModule(specifier) || (specifier !== GLOBAL_MODULE && !isBuiltin(specifier) && !specifier.includes(':'));
}
