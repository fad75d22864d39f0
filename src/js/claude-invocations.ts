/**
 * Recognises the places where JavaScript reaches Claude, whatever the import alias: the Agent SDK's
 * `query()` (and the v2 preview functions), the `claude` CLI run as a child process (child_process,
 * execa and its `$`, zx, cross-spawn, `Bun.spawn`/`Bun.$`, through a shell or a package runner), and
 * `new Anthropic()` from `@anthropic-ai/sdk`; and reads the options that decide their credential.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  AGENT_SDK_FUNCTIONS,
  AGENT_SDK_MODULES,
  ANTHROPIC_SDK_MODULES,
  PROCESS_STARTERS,
  type CommandShape,
} from '../detect/claude-entry-points.js';
import { claudeInArgv, claudeInCommandLine, isClaudeProgram, type ClaudeCommand } from '../detect/command-line.js';
import type { ModuleRef } from './imports.js';
import { calleeName, findProperty, resolveBinding, skipWrappers, type StaticEvaluator } from './static-string.js';
import { createClaudeWordTracer } from './claude-word.js';
import { PROGRAM_WRAPPERS, TERMINAL_MODULES } from '../model/tables.js';

/** What kind of Claude entry point a call is. */
export type InvocationKind = 'agent-sdk' | 'claude-cli' | 'anthropic-client';

/** A call that reaches Claude. */
export interface ClaudeInvocation {
  kind: InvocationKind;
  /** The call, construction or tagged template. */
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;
  /** For messages: "the Agent SDK’s `query()`", "`claude -p` (a child process)", "`new Anthropic()`". */
  label: string;
  /** The options object (Agent SDK options, spawn options, client options), when there is one. */
  options?: TSESTree.Node;
  /** The environment given to Claude Code (`options.env`), when set. */
  env?: TSESTree.Node;
  /** For the CLI: what the command line itself sets or removes. */
  command?: ClaudeCommand;
  /**
   * Where the `claude` command was found when exact evaluation failed and it was traced back to
   * where it is built (an argv returned by another method, a command string typed into a pty): the
   * finding goes there, the place a reader recognises as the Claude start.
   */
  builtAt?: TSESTree.Node;
}

/** True for calls that can run on a subscription login when no API key is set: the Agent SDK and the CLI. */
export function isSubscriptionCapable(invocation: ClaudeInvocation): boolean {
  return invocation.kind !== 'anthropic-client';
}

type Resolve = (node: TSESTree.Node) => ModuleRef | undefined;

/**
 * Makes a recognizer bound to one file.
 *
 * @param sourceCode - the file's SourceCode
 * @param resolve - the file's import resolver (src/js/imports.ts)
 * @param evaluator - the file's static evaluator
 * @returns a function of a call, `new` or tagged template: the invocation, or undefined
 */
export function createInvocationRecognizer(
  sourceCode: Readonly<TSESLint.SourceCode>,
  resolve: Resolve,
  evaluator: StaticEvaluator,
  modules: ReadonlySet<string> = new Set(),
): (node: TSESTree.Node) => ClaudeInvocation | undefined {
  const claudeWord = createClaudeWordTracer(sourceCode);
  const typesIntoTerminal = TERMINAL_MODULES.some((name) => modules.has(name));
  const objectOf = (node: TSESTree.Node | undefined): TSESTree.ObjectExpression | undefined => objectLiteralOf(sourceCode, node);
  const propertyOf = (node: TSESTree.Node | undefined, name: string): TSESTree.Node | undefined => {
    const object = objectOf(node);
    return object ? findProperty(object, name) : undefined;
  };

  function agentSdk(node: TSESTree.CallExpression, ref: ModuleRef): ClaudeInvocation | undefined {
    const name = ref.path[0];
    const entry = name !== undefined && ref.path.length === 1 ? AGENT_SDK_FUNCTIONS[name] : undefined;
    if (!entry || !AGENT_SDK_MODULES.includes(ref.module)) return undefined;
    const argument = node.arguments[entry.argument];
    const options = entry.property ? propertyOf(argument, entry.property) : argument;
    return { kind: 'agent-sdk', node, label: `the Agent SDK’s \`${name}()\``, options, env: propertyOf(options, 'env') };
  }

  function anthropicClient(node: TSESTree.NewExpression, ref: ModuleRef): ClaudeInvocation | undefined {
    if (!ANTHROPIC_SDK_MODULES.includes(ref.module)) return undefined;
    if (ref.path.length > 1 || (ref.path.length === 1 && ref.path[0] !== 'Anthropic')) return undefined;
    return { kind: 'anthropic-client', node, label: '`new Anthropic()`', options: node.arguments[0] };
  }

  /** The argument vector of an argument that should be an array, and whether all of it is known. */
  function argv(node: TSESTree.Node | undefined): { words: string[]; complete: boolean } | undefined {
    const array = arrayLiteralOf(sourceCode, node);
    if (!array) return undefined;
    const complete = array.elements.every((element) => element !== null && element.type !== AST_NODE_TYPES.SpreadElement && evaluator.string(element) !== undefined);
    return { words: evaluator.strings(array), complete };
  }

  function childProcess(
    node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression,
    shape: CommandShape,
    args: readonly TSESTree.Node[],
  ): ClaudeInvocation | undefined {
    let command: ClaudeCommand | undefined;
    let options: TSESTree.Node | undefined;
    if (shape === 'template' && node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      const text = evaluator.string(node.quasi);
      command = text === undefined ? undefined : claudeInCommandLine(text);
      options = args[0];
    } else if (shape === 'command') {
      const text = evaluator.string(args[0]);
      command = text === undefined ? undefined : claudeInCommandLine(text);
      options = args[1];
    } else if (shape === 'argv') {
      const first = args[0];
      const vector = argv(first) ?? argv(propertyOf(first, 'cmd'));
      command = vector ? claudeInArgv(vector.words, vector.complete) : undefined;
      options = objectOf(first) ? first : args[1];
    } else {
      const file = programOf(args[0]);
      const vector = argv(args[1]);
      const rest = vector ? vector.words : [];
      command = file === undefined ? undefined : claudeInArgv([file, ...rest], vector?.complete ?? args[1] === undefined);
      options = args.slice(1).find((argument) => objectOf(argument) !== undefined);
    }
    let builtAt: TSESTree.Node | undefined;
    if (!command) {
      // Exact evaluation failed: over-approximate (docs/rules: a `claude` word reaching a process start is a Claude CLI start).
      builtAt = claudeStartIn(shape === 'file' ? args.slice(0, 2) : args.slice(0, 1), shape === 'file' || shape === 'argv');
      if (!builtAt) return undefined;
      command = { print: 'unknown', envSet: {}, envUnset: [] };
    }
    if (command.print === 'no') return undefined;
    const outside = builtAt && !(builtAt.range[0] >= node.range[0] && builtAt.range[1] <= node.range[1]);
    return { kind: 'claude-cli', node, label: '`claude -p` (a child process)', options, env: propertyOf(options, 'env'), command, ...(outside ? { builtAt } : {}) };
  }

  /**
   * Where a `claude` program word reaches a process start's command: the program (or argv[0]), the
   * script of a shell or the program of a wrapper (`bash -lc`, `mise exec --`, `npx`), or a command
   * line. A word that is only an argument of some other program (`git log --author claude`) is not.
   *
   * @param parts - the program and its arguments, or the command line
   * @param isArgv - whether `parts` are (program, args) rather than a command line
   */
  function claudeStartIn(parts: readonly TSESTree.Node[], isArgv: boolean): TSESTree.Node | undefined {
    const [program, rest] = parts;
    if (!isArgv) return acceptCommand(claudeWord(program));
    const found = claudeWord(program);
    if (found && isProgramWord(found)) return found;
    const name = evaluator.string(program);
    const wrapper = name === undefined || PROGRAM_WRAPPERS.some((candidate) => candidate.program === name.split(/[\\/]/).pop());
    return wrapper && rest ? acceptCommand(claudeWord(rest)) : undefined;
  }

  /** A traced word that is a program: a name that holds the binary, or a string that is one or runs one. */
  function isProgramWord(found: TSESTree.Node): boolean {
    if (found.type === AST_NODE_TYPES.Identifier || found.type === AST_NODE_TYPES.MemberExpression) return true;
    // `[CLAUDE_BIN, '-p', prompt]`: the tracer returns a vector only when its program is claude.
    if (found.type === AST_NODE_TYPES.ArrayExpression) return true;
    const value = evaluator.string(found);
    return value !== undefined && (isClaudeProgram(value.trim()) || claudeInCommandLine(value) !== undefined);
  }

  function acceptCommand(found: TSESTree.Node | undefined): TSESTree.Node | undefined {
    return found && isProgramWord(found) ? found : undefined;
  }

  /** `term.write(\`claude -p "…"\r\`)` in a file that drives a pseudo-terminal (node-pty): a Claude start typed into a shell. */
  function terminalInput(node: TSESTree.CallExpression): ClaudeInvocation | undefined {
    const callee = skipWrappers(node.callee);
    if (!typesIntoTerminal || callee.type !== AST_NODE_TYPES.MemberExpression || !['write', 'sendText'].includes(calleeName(callee) ?? '')) return undefined;
    const builtAt = acceptCommand(claudeWord(node.arguments[0]));
    if (!builtAt) return undefined;
    const text = evaluator.string(builtAt);
    const command = text === undefined ? undefined : claudeInCommandLine(text);
    if (command?.print === 'no') return undefined;
    const outside = !(builtAt.range[0] >= node.range[0] && builtAt.range[1] <= node.range[1]);
    // The environment a typed command line sets is read as an environment change (src/js/invocation-auth.ts).
    return { kind: 'claude-cli', node, label: '`claude -p` (typed into a terminal)', command: { print: command?.print ?? 'unknown', envSet: {}, envUnset: [] }, ...(outside ? { builtAt } : {}) };
  }

  /**
   * The program a `(file, args)` starter runs. `process.env.CLAUDE_PATH || 'claude'` counts as claude
   * whichever side is taken; a program that cannot be evaluated counts when its expression names
   * claude (`this.claudePath`, `CLAUDE_BIN`, `config.claudeExecutable`).
   */
  function programOf(node: TSESTree.Node | undefined): string | undefined {
    const inner = node && skipWrappers(node);
    if (!inner) return undefined;
    if (inner.type === AST_NODE_TYPES.LogicalExpression || inner.type === AST_NODE_TYPES.ConditionalExpression) {
      const branches = inner.type === AST_NODE_TYPES.LogicalExpression ? [inner.left, inner.right] : [inner.consequent, inner.alternate];
      const claude = branches.map(programOf).find((candidate) => candidate !== undefined && isClaudeProgram(candidate));
      if (claude) return claude;
    }
    const value = evaluator.string(inner);
    if (value !== undefined && !value.includes('*')) return value;
    const named = inner.type === AST_NODE_TYPES.Identifier || inner.type === AST_NODE_TYPES.MemberExpression;
    return named && /claude/i.test(sourceCode.getText(inner)) ? 'claude' : value;
  }

  return (raw) => {
    if (raw.type === AST_NODE_TYPES.NewExpression) {
      const ref = resolve(raw.callee);
      return ref ? anthropicClient(raw, ref) : undefined;
    }
    if (raw.type === AST_NODE_TYPES.TaggedTemplateExpression) {
      // `$\`…\`` or `$({ env })\`…\``
      const tag = skipWrappers(raw.tag);
      const withOptions = tag.type === AST_NODE_TYPES.CallExpression;
      const ref = resolve(withOptions ? tag.callee : tag);
      const shape = ref && starterShape(ref);
      if (shape !== 'template') return undefined;
      return childProcess(raw, shape, withOptions ? tag.arguments : []);
    }
    if (raw.type !== AST_NODE_TYPES.CallExpression) return undefined;
    // The options call of `$({ env })\`…\`` is part of the tagged template, not a call of its own.
    if (raw.parent?.type === AST_NODE_TYPES.TaggedTemplateExpression && raw.parent.tag === raw) return undefined;
    const ref = resolve(raw.callee);
    if (!ref) return terminalInput(raw);
    const sdk = agentSdk(raw, ref);
    if (sdk) return sdk;
    const shape = starterShape(ref);
    return shape && shape !== 'template' ? childProcess(raw, shape, raw.arguments) : terminalInput(raw);
  };
}

/** How a resolved callee starts a process, when it does. */
function starterShape(ref: ModuleRef): CommandShape | undefined {
  return PROCESS_STARTERS[ref.module]?.[ref.path.join('.')];
}

/** The object literal an expression is or is bound to (`{ env }`, `const options = { … }`). */
export function objectLiteralOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined, depth = 0): TSESTree.ObjectExpression | undefined {
  const inner = node && skipWrappers(node);
  if (inner?.type === AST_NODE_TYPES.ObjectExpression) return inner;
  if (inner?.type !== AST_NODE_TYPES.Identifier || depth > 8) return undefined;
  const binding = resolveBinding(sourceCode, inner);
  if (!binding) return undefined;
  const object = objectLiteralOf(sourceCode, binding.init, depth + 1);
  if (!object || binding.key === undefined) return object;
  return objectLiteralOf(sourceCode, findProperty(object, binding.key), depth + 1);
}

/** The array literal an expression is or is bound to. */
export function arrayLiteralOf(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node | undefined, depth = 0): TSESTree.ArrayExpression | undefined {
  const inner = node && skipWrappers(node);
  if (inner?.type === AST_NODE_TYPES.ArrayExpression) return inner;
  if (inner?.type !== AST_NODE_TYPES.Identifier || depth > 8) return undefined;
  const binding = resolveBinding(sourceCode, inner);
  return binding && binding.key === undefined ? arrayLiteralOf(sourceCode, binding.init, depth + 1) : undefined;
}
