/**
 * What code a function can run, within one file: its own body (nested callbacks included), the
 * local functions, classes and module-level values it names (transitively), and the methods it calls
 * on `this`. Names imported from the repository's other modules are recorded, for the scanner's
 * cross-file pass. An over-approximation by design: naming a function counts as calling it.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Hop, Location } from '../model/facts.js';
import { isRelativeModule, mayBeRepositoryModule, type ModuleRef } from './imports.js';
import { locationOf } from './location.js';
import { walk } from './functions.js';
import { staticPropertyName } from './static-string.js';

/** A name imported from another module of the repository, as used by reachable code. */
export interface ImportUse {
  /** The specifier as written (`./lib/claude.js`). */
  source: string;
  /** The export used: a name, `default`, or `*` for the whole module (a namespace or CommonJS module). */
  name: string;
  /** Where the code uses it (a hop on the path from an entry point to a Claude call); none for a re-export. */
  location?: Location;
}

/** The code reachable from some starting nodes. */
export interface Reach {
  /** True when a node lies inside reachable code. */
  contains(node: TSESTree.Node): boolean;
  /** Repository imports that reachable code uses, in first-use order, without duplicates. */
  imports: ImportUse[];
  /**
   * The calls of the file's own functions and methods that lead from the starting nodes to a node
   * (first to last; empty when the node is in a starting node's own code): each named as written
   * (`runAgent`, `ask` for `this.ask`), at the place that names it.
   */
  hopsTo(node: TSESTree.Node): Hop[];
}

const FUNCTION_TYPES = new Set<string>([AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression, AST_NODE_TYPES.ClassDeclaration, AST_NODE_TYPES.ClassExpression]);

/**
 * What reachable code does at one place: uses a repository import, or makes more code reachable
 * (with the name that leads there, for a function or class).
 */
type Edge = { kind: 'import'; node: TSESTree.Node } | { kind: 'code'; node: TSESTree.Node | null | undefined; cause?: TSESTree.Identifier | TSESTree.MemberExpression };

/**
 * Makes the reach computation of one file. What a root's own code names depends on the root alone,
 * so its edges are found once per file and shared by every reach computation that meets the root
 * (a file with many request handlers that call the same helpers resolves each name once).
 *
 * @param sourceCode - the file's SourceCode
 * @param resolve - the file's import resolver
 * @returns a function from starting nodes (functions, classes, expressions) to what they reach
 */
export function createReach(
  sourceCode: Readonly<TSESLint.SourceCode>,
  resolve: (node: TSESTree.Node) => ModuleRef | undefined,
): (starts: readonly TSESTree.Node[]) => Reach {
  const edgesOfRoot = new Map<TSESTree.Node, Edge[]>();

  /** The edges of a name in reachable code, in the order they are taken. */
  const follow = (identifier: TSESTree.Identifier, edges: Edge[]): void => {
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) return;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === identifier && !parent.computed && parent.value !== identifier) return;
    const variable = variableOf(sourceCode, identifier);
    const def = variable?.defs[0];
    if (!def || def.name === identifier) return;
    if (def.type === 'ImportBinding') {
      edges.push({ kind: 'import', node: parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier ? parent : identifier });
    } else if (def.type === 'FunctionName' || def.type === 'ClassName') {
      edges.push({ kind: 'code', node: def.node, cause: identifier });
    } else if (def.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator) {
      // `const { ask } = require('./claude')`: a repository import too.
      const ref = resolve(identifier);
      if (ref && mayBeRepositoryModule(ref.module)) {
        edges.push({ kind: 'import', node: parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier ? parent : identifier });
        if (isRelativeModule(ref.module)) return;
      }
      edges.push({ kind: 'code', node: def.node.init, cause: identifier });
      // `let bridge; try { bridge = new LivingBridge() } catch { … }`: every value written to it.
      for (const reference of variable?.references ?? []) if (reference.writeExpr && !reference.init) edges.push({ kind: 'code', node: reference.writeExpr });
    }
  };

  /** The edges of `this.name` in a class: its method, its property's value or declared type, a constructor parameter's type. */
  const followThis = (member: TSESTree.MemberExpression, edges: Edge[]): void => {
    const name = staticPropertyName(member);
    let current: TSESTree.Node | undefined = member.parent;
    while (current && current.type !== AST_NODE_TYPES.ClassBody) current = current.parent;
    if (!current || name === undefined) return;
    for (const element of current.body) {
      if (element.type === AST_NODE_TYPES.MethodDefinition && staticPropertyName(element) === name) edges.push({ kind: 'code', node: element.value, cause: member });
      // `private client: ClaudeClient` / `client = new ClaudeClient()`: the value, else the declared type.
      if (element.type === AST_NODE_TYPES.PropertyDefinition && staticPropertyName(element as unknown as TSESTree.MethodDefinition) === name) edges.push({ kind: 'code', node: element.value ?? element.typeAnnotation });
      // `constructor(private readonly claude: ClaudeHandler)`: the parameter's declared type.
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const parameter of element.value.params) {
          if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const bound = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
          if (bound.type === AST_NODE_TYPES.Identifier && bound.name === name) edges.push({ kind: 'code', node: bound.typeAnnotation });
        }
      }
    }
  };

  const edgesOf = (root: TSESTree.Node): Edge[] => {
    let edges = edgesOfRoot.get(root);
    if (!edges) {
      const found: Edge[] = [];
      const visitor = (node: TSESTree.Node): void => {
        if (node.type === AST_NODE_TYPES.Identifier) follow(node, found);
        else if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) followThis(node, found);
      };
      walk(root, visitor);
      edges = found;
      edgesOfRoot.set(root, edges);
    }
    return edges;
  };

  return (starts) => {
    const roots = new Set<TSESTree.Node>();
    const imports: ImportUse[] = [];
    const queue: TSESTree.Node[] = [];
    const inside = (node: TSESTree.Node): boolean => {
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (roots.has(current)) return true;
      return false;
    };
    /** For a root that is a function, method or class: the name in reachable code that leads to it. */
    const causes = new Map<TSESTree.Node, TSESTree.Identifier | TSESTree.MemberExpression>();
    const enqueue = (node: TSESTree.Node | null | undefined, cause?: TSESTree.Identifier | TSESTree.MemberExpression): void => {
      if (node && !inside(node)) {
        roots.add(node);
        queue.push(node);
        if (cause && FUNCTION_TYPES.has(node.type)) causes.set(node, cause);
      }
    };
    const rootOf = (node: TSESTree.Node): TSESTree.Node | undefined => {
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) if (roots.has(current)) return current;
      return undefined;
    };
    const hopsTo = (node: TSESTree.Node): Hop[] => {
      const hops: Hop[] = [];
      const seen = new Set<TSESTree.Node>();
      // Back from the root that holds the node, through the name that led to each root, to a starting node.
      for (let root = rootOf(node); root && !seen.has(root); ) {
        seen.add(root);
        const cause = causes.get(root);
        if (!cause) break;
        const name = cause.type === AST_NODE_TYPES.Identifier ? cause.name : staticPropertyName(cause);
        if (name !== undefined) hops.unshift({ name, location: locationOf(cause) });
        root = rootOf(cause);
      }
      return hops;
    };
    const recordImport = (node: TSESTree.Node): void => {
      const ref = resolve(node);
      if (!ref || !mayBeRepositoryModule(ref.module)) return;
      const use = { source: ref.module, name: ref.path[0] ?? '*', location: locationOf(node) };
      if (!imports.some((known) => known.source === use.source && known.name === use.name)) imports.push(use);
    };

    for (const start of starts) enqueue(start);
    while (queue.length > 0) {
      for (const edge of edgesOf(queue.shift() as TSESTree.Node)) {
        if (edge.kind === 'import') recordImport(edge.node);
        else enqueue(edge.node, edge.cause);
      }
    }
    return { contains: inside, imports, hopsTo };
  };
}
