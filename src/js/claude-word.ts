/**
 * The over-approximation behind Claude CLI starts that exact evaluation cannot read: does the word
 * `claude` (as a program: `claude`, `/usr/local/bin/claude`, `claude.exe`, `@anthropic-ai/claude-code`,
 * or a name such as `CLAUDE_BIN`, `claudePath`, `cliPath`) reach this expression, whatever happens
 * to it on the way? Follows bindings (destructuring included) and every value written to a
 * variable, `this.x` fields, local functions' and methods' return values, and any call's receiver
 * and arguments (`.map(quote).join(' ')`, `shellEscape([...])`, `[...].concat()`). A model name
 * (`claude-sonnet-4-5`) is not a program word.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { variableOf } from './variables.js';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { CLAUDE_CLI_PACKAGES } from '../model/tables.js';
import { functionReturns, isFunctionNode, walk } from './functions.js';
import { skipWrappers, staticPropertyName } from './static-string.js';

/** `claude` as a program in a string: a word of its own, or the last segment of a path. */
const PROGRAM_WORD = /(?:^|[\s/\\"'`=;&|(])claude(?:\.exe|\.cmd)?(?=$|[\s"'`;&|)])/;
/** Names that hold the Claude binary's path: `CLAUDE_BIN`, `claudePath`, `claudeExecutable`, `cliPath`, `pathToClaudeCodeExecutable`. */
const PROGRAM_NAME = /^(?:claude_?(?:bin(?:ary)?|path|cli|exe(?:cutable)?|command|cmd|program)?|cli_?path|path_?to_?claude\w*|\w*claude_?(?:bin(?:ary)?|path|cli|exe(?:cutable)?|command|cmd))$/i;
const MAX_DEPTH = 10;

/** True when a string names the `claude` program. */
export function hasClaudeProgramWord(value: string): boolean {
  return PROGRAM_WORD.test(value) || CLAUDE_CLI_PACKAGES.some((name) => value.includes(name));
}

/**
 * Makes the tracer of one file.
 *
 * @param sourceCode - the file's SourceCode
 * @returns a function from an expression to the node where a `claude` program word reaches it, or undefined
 */
export function createClaudeWordTracer(sourceCode: Readonly<TSESLint.SourceCode>): (node: TSESTree.Node | null | undefined) => TSESTree.Node | undefined {
  function trace(raw: TSESTree.Node, depth: number, seen: Set<TSESTree.Node>): TSESTree.Node | undefined {
    const node = skipWrappers(raw);
    if (depth > MAX_DEPTH || seen.has(node)) return undefined;
    seen.add(node);
    const next = (child: TSESTree.Node | null | undefined): TSESTree.Node | undefined => (child ? trace(child, depth + 1, seen) : undefined);
    const first = (children: ReadonlyArray<TSESTree.Node | null | undefined>): TSESTree.Node | undefined => {
      for (const child of children) {
        const found = next(child);
        if (found) return found;
      }
      return undefined;
    };
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' && hasClaudeProgramWord(node.value) ? node : undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.quasis.some((quasi) => hasClaudeProgramWord(quasi.value.cooked ?? quasi.value.raw)) ? node : first(node.expressions);
      case AST_NODE_TYPES.Identifier:
        // A name such as `claudeCmd` counts, but where its value is built is the better place to show.
        return identifier(node, next) ?? (PROGRAM_NAME.test(node.name) ? node : undefined);
      case AST_NODE_TYPES.MemberExpression: {
        const name = staticPropertyName(node);
        if (name !== undefined && PROGRAM_NAME.test(name)) return node;
        return node.object.type === AST_NODE_TYPES.ThisExpression ? first(thisMembers(node)) : next(node.object);
      }
      case AST_NODE_TYPES.ArrayExpression:
        // An argument vector whose program is claude: the vector is where the command is built.
        return first(node.elements.slice(0, 1)) ? node : first(node.elements.slice(1));
      case AST_NODE_TYPES.SpreadElement:
        return next(node.argument);
      case AST_NODE_TYPES.BinaryExpression:
        return first([node.left, node.right]);
      case AST_NODE_TYPES.LogicalExpression:
        return first([node.left, node.right]);
      case AST_NODE_TYPES.ConditionalExpression:
        return first([node.consequent, node.alternate]);
      case AST_NODE_TYPES.AssignmentExpression:
        return next(node.right);
      case AST_NODE_TYPES.CallExpression: {
        const callee = skipWrappers(node.callee);
        const returns = calleeReturns(callee);
        return first([...returns, ...(callee.type === AST_NODE_TYPES.MemberExpression ? [callee.object] : []), ...node.arguments]);
      }
      default:
        return undefined;
    }
  }

  /** A variable's initialiser (whole, for destructuring) and every value written to it. */
  function identifier(node: TSESTree.Identifier, next: (child: TSESTree.Node | null | undefined) => TSESTree.Node | undefined): TSESTree.Node | undefined {
    const variable = variableOf(sourceCode, node);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      if (def.node.type === AST_NODE_TYPES.VariableDeclarator) {
        const found = next(def.node.init);
        if (found) return found;
      }
    }
    for (const reference of variable.references) {
      if (reference.isWrite() && reference.writeExpr && !reference.init) {
        const found = next(reference.writeExpr);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** What `this.x` may hold: the field's initialiser and every value assigned to `this.x` in the class; for a method, its returns. */
  function thisMembers(member: TSESTree.MemberExpression): TSESTree.Node[] {
    const name = staticPropertyName(member);
    let body: TSESTree.Node | undefined = member.parent;
    while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
    if (!body || body.type !== AST_NODE_TYPES.ClassBody || name === undefined) return [];
    const found: TSESTree.Node[] = [];
    for (const element of body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && staticPropertyName(element as unknown as TSESTree.MethodDefinition) === name && element.value) found.push(element.value);
    }
    for (const element of body.body) {
      if (element.type !== AST_NODE_TYPES.MethodDefinition || element.kind !== 'constructor') continue;
      walk(element.value, (current) => {
        if (
          current.type === AST_NODE_TYPES.AssignmentExpression &&
          current.left.type === AST_NODE_TYPES.MemberExpression &&
          current.left.object.type === AST_NODE_TYPES.ThisExpression &&
          staticPropertyName(current.left) === name
        ) {
          found.push(current.right);
        }
      });
    }
    return found;
  }

  /** The return values of the function a callee denotes: a local function, or a method of the enclosing class (`this.buildCommand()`). */
  function calleeReturns(callee: TSESTree.Node): TSESTree.Node[] {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const def = variableOf(sourceCode, callee)?.defs[0];
      const fn = def?.node.type === AST_NODE_TYPES.FunctionDeclaration ? def.node : def?.node.type === AST_NODE_TYPES.VariableDeclarator ? skipWrappers(def.node.init ?? def.node) : undefined;
      return fn && isFunctionNode(fn) ? functionReturns(fn) : [];
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression) return [];
    const name = staticPropertyName(callee);
    let body: TSESTree.Node | undefined = callee.parent;
    while (body && body.type !== AST_NODE_TYPES.ClassBody) body = body.parent;
    if (!body || body.type !== AST_NODE_TYPES.ClassBody) return [];
    return body.body.flatMap((element) =>
      element.type === AST_NODE_TYPES.MethodDefinition && staticPropertyName(element) === name && isFunctionNode(element.value) ? functionReturns(element.value) : [],
    );
  }

  return (node) => (node ? trace(node, 0, new Set()) : undefined);
}
