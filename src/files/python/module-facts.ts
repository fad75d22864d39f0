/**
 * The facts of one Python module for the project pass (./project.ts): its symbols (top-level
 * functions, classes with their methods, module-level values) and what each refers to (local
 * symbols, imports, `self.method`), its entry points, its Claude sinks and how they are
 * authenticated. Plain data with 1-based positions, so that the pass can link modules without their
 * trees or texts.
 *
 * Nested functions and classes are symbols of their own (`create_app.chat`), reached where they
 * are named; a lambda belongs to the function it is written in.
 *
 * @packageDocumentation
 */
import { createLocator } from '../../scan/finding.js';
import { claudeUseOf, fallsBackToSubscription, subscriptionGiven } from './claude-use.js';
import type { PythonContext } from './context.js';
import type { AccessKind } from './claude-access.js';
import { findEntryPoints, surfaceOf, type EntryKind } from './handlers.js';
import type { PyNode } from './tree.js';

/** A stretch of a file: 0-based offsets (end exclusive) and 1-based lines and columns. */
export interface PySite {
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What a reference names. */
export type PyTarget =
  /** A symbol of the same module, by id (`run`, `Agent`, `Agent.run`, `client`). */
  | { kind: 'local'; id: string; member?: string }
  /** An imported name with the attributes used on it (`claude_agent_sdk.query`, `.client.TeleClaudeClient.run`). */
  | { kind: 'import'; qualified: string }
  /** `self.name` / `cls.name` inside the class with this id. */
  | { kind: 'member'; classId: string; name: string };

/** A reference from a symbol's code, and where it is written. */
export interface PyRef {
  target: PyTarget;
  site: PySite;
}

/** A top-level function, a method (`Class.method`), a class, or a module-level value. */
export interface PySymbol {
  id: string;
  kind: 'function' | 'class' | 'value';
  site: PySite;
  refs: PyRef[];
  /** Classes: method names to symbol ids. */
  methods?: Record<string, string>;
  /** Classes: their base classes. */
  bases?: PyRef[];
}

/** An entry point: who can trigger the handlers it names. */
export interface PyEntry {
  kind: EntryKind;
  /** `FastAPI request handler`, `Slack bot handler (slack_bolt)`. */
  surface: string;
  site: PySite;
  /** The handler functions. */
  handlers: PyRef[];
  /** True when a call registers the handler (rather than a decorator or a base class at its definition). */
  registered: boolean;
}

/** A Claude call. */
export interface PySink {
  kind: AccessKind;
  /** `` `query()` (Agent SDK) ``, `` `claude` (the Claude Code CLI) ``. */
  callee: string;
  /** The symbol it is written in; undefined at module level. */
  owner?: string;
  site: PySite;
  /** Literals of its argument vector written in other statements. */
  argvSites: PySite[];
  /** True when it runs on a subscription login whenever no API key is set (Agent SDK, `claude`). */
  fallsBack: boolean;
  /** A subscription credential it is given, for messages; undefined when none is. */
  credential?: string;
  /** True when it is given an API key explicitly. */
  apiKey: boolean;
}

/** The facts of one module. */
export interface PythonModuleFacts {
  /** `/`-separated path relative to the scan root. */
  path: string;
  symbols: PySymbol[];
  /** Module-level names that are imports, for re-exports (`from .client import Client` in `__init__.py`). */
  imports: Record<string, string>;
  /** References of module-level code (registrations under `if __name__ == "__main__"`, start-up calls). */
  moduleRefs: PyRef[];
  entries: PyEntry[];
  sinks: PySink[];
  /** True when the module configures ANTHROPIC_API_KEY (reads or sets it unconditionally). */
  apiKeyConfigured: boolean;
}

const DEFINITIONS = new Set(['function_definition', 'class_definition']);

/** Makes a converter from nodes to sites. */
function createSiteMaker(text: string): (node: PyNode) => PySite {
  const position = createLocator(text);
  return (node) => {
    const start = position(node.start);
    const end = position(node.end);
    return { start: node.start, end: node.end, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
}

/** The names of the definitions a node is written in (itself included), outermost first: `Agent.run.inner`. */
function definitionChain(node: PyNode): PyNode[] {
  const chain: PyNode[] = [];
  for (let current: PyNode | undefined = node; current; current = current.parent) if (DEFINITIONS.has(current.type)) chain.unshift(current);
  return chain;
}

/** The symbol id of a function or class definition: its name after those of the definitions around it. */
function idOfDefinition(definition: PyNode): string {
  return definitionChain(definition).map((part) => part.child('name')?.text ?? '?').join('.');
}

/**
 * The symbol a node is written in: the innermost function or class around it (lambdas belong to
 * theirs), or undefined for module-level code.
 */
function ownerOf(node: PyNode): { id: string; definition: PyNode } | undefined {
  const definition = definitionChain(node).at(-1);
  return definition ? { id: idOfDefinition(definition), definition } : undefined;
}

/** The outermost attribute chain an identifier starts (`a` in `a.b.c` → `a.b.c`). */
function chainOf(identifier: PyNode): PyNode {
  let chain = identifier;
  while (chain.parent?.type === 'attribute' && chain.field === 'object') chain = chain.parent;
  return chain;
}

/**
 * Extracts the facts of a module.
 *
 * @param context - the parsed module
 * @param path - its path relative to the scan root, `/`-separated
 */
export function extractModuleFacts(context: PythonContext, path: string): PythonModuleFacts {
  const { scope, root } = context;
  const siteOf = createSiteMaker(context.text);
  const symbols = new Map<string, PySymbol>();
  const moduleRefs: PyRef[] = [];
  const symbolIds = new Map<PyNode, string>();

  const symbol = (id: string, kind: PySymbol['kind'], node: PyNode): PySymbol => {
    let found = symbols.get(id);
    if (!found) symbols.set(id, (found = { id, kind, site: siteOf(node), refs: [] }));
    return found;
  };

  // Symbols first, so that references can name them.
  for (const node of root.descendants()) {
    if (DEFINITIONS.has(node.type)) {
      const name = node.child('name');
      if (!name) continue;
      const id = idOfDefinition(node);
      const defined = symbol(id, node.type === 'class_definition' ? 'class' : 'function', name);
      symbolIds.set(node, defined.id);
      if (node.type === 'class_definition') {
        defined.methods = {};
        for (const member of node.child('body')?.namedChildren ?? []) {
          const method = member.type === 'decorated_definition' ? member.child('definition') : member;
          const methodName = method?.type === 'function_definition' ? method.child('name')?.text : undefined;
          if (methodName) defined.methods[methodName] = `${id}.${methodName}`;
        }
      }
    } else if (node.type === 'expression_statement' && node.parent?.type === 'module') {
      const assignment = node.namedChildren[0];
      const target = assignment?.type === 'assignment' ? assignment.child('left') : undefined;
      if (target?.type === 'identifier') symbol(target.text, 'value', target);
    }
  }

  /** The symbol id a definition node has, if it is one of the module's symbols. */
  const idOf = (definition: PyNode | undefined): string | undefined => (definition ? symbolIds.get(definition) : undefined);

  /** The reference an identifier makes, if it names something the project pass can follow. */
  function refOf(identifier: PyNode): PyRef | undefined {
    const chain = chainOf(identifier);
    const site = siteOf(chain.parent?.type === 'call' && chain.field === 'function' ? chain.parent : chain);
    if (identifier.text === 'self' || identifier.text === 'cls') {
      const member = identifier.parent?.type === 'attribute' && identifier.field === 'object' ? identifier.parent.child('attribute')?.text : undefined;
      const cls = identifier.ancestor(new Set(['class_definition']));
      const classId = cls ? idOfDefinition(cls) : undefined;
      return member && classId ? { target: { kind: 'member', classId, name: member }, site } : undefined;
    }
    const bindings = scope.resolve(identifier) ?? [];
    for (const binding of bindings) {
      if (binding.kind === 'import') {
        const qualified = scope.qualifiedName(chain);
        if (qualified) return { target: { kind: 'import', qualified }, site };
      }
      if (binding.kind === 'function' || binding.kind === 'class') {
        const id = idOf(binding.definition);
        if (id) return { target: { kind: 'local', id }, site };
      }
      if (binding.kind === 'value' && binding.target.parent && ownerOf(binding.target) === undefined && symbols.get(identifier.text)?.kind === 'value') {
        // `client.ask(...)` on a module-level `client = Agent()`: the method, when the pass can tell the class.
        const member = identifier.parent?.type === 'attribute' && identifier.field === 'object' ? identifier.parent.child('attribute')?.text : undefined;
        return { target: { kind: 'local', id: identifier.text, ...(member ? { member } : {}) }, site };
      }
    }
    return undefined;
  }

  for (const node of root.descendants()) {
    if (node.type !== 'identifier' || node.field === 'attribute' || node.field === 'name') continue;
    if (node.parent?.type === 'keyword_argument' && node.field === 'name') continue;
    const ref = refOf(node);
    if (!ref) continue;
    const owner = ownerOf(node);
    if (owner && ref.target.kind === 'local' && ref.target.id === owner.id) continue;
    if (owner) {
      const cls = symbols.get(owner.id);
      // A class's bases are where its inherited methods come from.
      if (cls?.kind === 'class' && node.ancestor(new Set(['argument_list']))?.field === 'superclasses') (cls.bases ??= []).push(ref);
      else cls?.refs.push(ref);
      continue;
    }
    // Module level: a value's own expression belongs to the value; other code to the module.
    const statement = node.ancestor(new Set(['expression_statement']));
    const assignment = statement?.parent?.type === 'module' ? statement.namedChildren[0] : undefined;
    const target = assignment?.type === 'assignment' ? assignment.child('left') : undefined;
    const value = target?.type === 'identifier' ? symbols.get(target.text) : undefined;
    if (value?.kind === 'value' && value.id !== (ref.target.kind === 'local' ? ref.target.id : '')) value.refs.push(ref);
    else moduleRefs.push(ref);
  }

  const entries = findEntryPoints(scope).map((entry) => {
    const handlers: PyRef[] = [];
    if (entry.definition) {
      const id = idOf(entry.definition);
      if (id) handlers.push({ target: { kind: 'local', id }, site: siteOf(entry.definition.child('name') ?? entry.definition) });
    }
    for (const callback of entry.callbacks) {
      if (callback.type === 'lambda') {
        // A lambda registered as the handler: what it calls are the handlers.
        for (const part of callback.descendants()) if (part.type === 'identifier' && part.field !== 'attribute') handlers.push(...[refOf(part)].filter((ref): ref is PyRef => ref !== undefined));
        continue;
      }
      const head = [...callback.descendants()].find((part) => part.type === 'identifier');
      const ref = head ? refOf(head) : undefined;
      if (ref) handlers.push(ref);
    }
    return { kind: entry.framework.kind, surface: surfaceOf(entry.framework), site: siteOf(entry.site), handlers, registered: !entry.definition };
  });

  const use = claudeUseOf(context);
  const sinks = use.accesses.map((access): PySink => {
    const given = subscriptionGiven(context, access)[0]?.source;
    const fallsBack = fallsBackToSubscription(access);
    const forced = fallsBack ? (use.oauthTokenExports.length > 0 ? 'CLAUDE_CODE_OAUTH_TOKEN' : use.apiKeyRemovals.length > 0 ? 'the machine’s Claude login, with ANTHROPIC_API_KEY removed' : undefined) : undefined;
    const credential = given ?? forced;
    return {
      kind: access.kind,
      callee: access.callee,
      owner: ownerOf(access.call)?.id,
      site: siteOf(access.call),
      argvSites: (access.argvParts ?? []).map(siteOf),
      fallsBack,
      ...(credential ? { credential } : {}),
      apiKey: access.apiKey,
    };
  });

  const imports: Record<string, string> = {};
  for (const [name, qualified] of scope.imports) imports[name] = qualified;
  return { path, symbols: [...symbols.values()], imports, moduleRefs, entries, sinks, apiKeyConfigured: use.apiKeyConfigured };
}
