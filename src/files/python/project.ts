/**
 * The Python project pass: links the facts of every Python module of a scan (./module-facts.ts)
 * through their imports (absolute ones by module path, also below a `src/` layout; relative ones
 * from the importing package; re-exports of `__init__.py`), follows each entry point's handlers
 * through functions, methods, classes and module-level values to the Claude calls they reach, and
 * reports each path: at the entry point, at the call that leaves each module in between, and at the
 * Claude call (and the literals its `claude` argument vector is built from).
 *
 * Where precision fails it over-approximates, as the rule docs say: reaching a class (constructing
 * it, naming it as a type) reaches all of its methods and its subclasses (a call through a base
 * class may run any of them); a parameter's type annotation counts as a use of the types it names;
 * a module-level value reaches what its expression names.
 *
 * The decision for each path is the model's judge's (src/model/judge.ts), the same as for JS/TS:
 * this pass only finds the path and reports the judge's decision at its places.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../../detect/markers.js';
import type { Hop, Location, Reach, Sink } from '../../model/facts.js';
import { judgeCrossFileReach, type Decision, type RelatedLocation } from '../../model/judge.js';
import { SINK_KINDS } from './model-facts.js';
import type { PyEntry, PyRef, PySink, PySite, PySymbol, PythonModuleFacts } from './module-facts.js';


/** How a hop names what it calls: `run`, `Agent.ask`, `ask` for `self.ask`, `query` for `claude_agent_sdk.query`. */
function nameOf(ref: PyRef): string {
  const { target } = ref;
  if (target.kind === 'member') return target.name;
  if (target.kind === 'local') return target.member === undefined ? target.id : `${target.id}.${target.member}`;
  return target.qualified.split('.').filter(Boolean).slice(-2).join('.');
}

/** A site as the model's location in a file. */
function locationOf(file: string, site: PySite): Location {
  return { line: site.line, column: site.column, endLine: site.endLine, endColumn: site.endColumn, file };
}

/** How many symbols one entry point's search may visit. */
const MAX_VISITS = 5000;
/** How many re-exports an import is followed through. */
const MAX_REEXPORTS = 6;

/** A finding of the pass, in a file, with 1-based positions as well as offsets. */
export interface ProjectFinding extends TextFinding {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The path from the entry point to the Claude call: each place (`location.file` the module's path) and what happens there. */
  flow: RelatedLocation[];
}


/** A step of the search: from a symbol (of the module at `from`) to the symbol `to`, through `ref` when a reference leads there. */
interface Edge {
  to: string;
  ref?: PyRef;
  from: string;
}

/** The dotted module name of a path: `src/app/api.py` → `src.app.api`, `pkg/__init__.py` → `pkg`. */
function moduleNameOf(path: string): string {
  return path.replace(/\.pyi?$/, '').replace(/\/__init__$/, '').split('/').join('.');
}

function directoryOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index === -1 ? '' : path.slice(0, index);
}

/** Length of the common prefix of two paths' parts (`/`-separated), for choosing among modules of the same name. */
function closeness(left: readonly string[], right: readonly string[]): number {
  let index = 0;
  while (index < left.length && left[index] === right[index]) index += 1;
  return index;
}

/**
 * A module that the pass parses only when a search needs it (a Python file without a trigger
 * word nor a web or bot framework: it holds no entry point, and a Claude call in it is only
 * reached through an import). What its text tells without a parse decides when that is.
 */
export interface DeferredModule {
  path: string;
  /** Parses the module; undefined when it does not parse (it is then no module of the project). */
  load(): PythonModuleFacts | undefined;
  /** Every name its class statements' headers use ({@link classHeaderNames}): a subclass names its base, or an alias of it. */
  baseNames: ReadonlySet<string>;
  /** `name as alias` pairs of its text ({@link aliasPairs}): the names an imported class may go by. */
  aliases: readonly (readonly [string, string])[];
}

/** A module of the project: its facts, or a module read when needed. */
export type ProjectModule = PythonModuleFacts | DeferredModule;

function isDeferred(module: ProjectModule): module is DeferredModule {
  return 'load' in module;
}

/**
 * Links the modules of a project and reports the paths from entry points to Claude calls.
 *
 * Every lookup is computed once: a module by (importing file, dotted name), an import by
 * (importing file, qualified name), a symbol's edges, a class's subclasses. An entry point's
 * search then costs the symbols it visits, however many entry points share them; a deferred
 * module is parsed when the search resolves an import to it, or when it may hold a subclass
 * of a class the search reached. The findings are those of every module parsed up front.
 *
 * @param modules - the modules of one project (the scanner groups them:
 *   src/scan/python-pass.ts), in the scan's order (it breaks ties between modules of the same name)
 * @returns findings by module path
 */
export function projectFindings(modules: readonly ProjectModule[]): Map<string, ProjectFinding[]> {
  const loaded = new Map<string, PythonModuleFacts | undefined>();
  const deferred = new Map<string, DeferredModule>();
  for (const module of modules) {
    if (isDeferred(module)) deferred.set(module.path, module);
    else loaded.set(module.path, module);
  }
  /** A module's facts, parsed now if it was deferred; undefined when it does not parse. */
  function moduleAt(path: string): PythonModuleFacts | undefined {
    if (!loaded.has(path)) loaded.set(path, deferred.get(path)?.load());
    return loaded.get(path);
  }
  const moduleNames = new Map(modules.map((module) => [module.path, moduleNameOf(module.path)]));
  const pathParts = new Map(modules.map((module) => [module.path, module.path.split('/')]));
  // Every dotted suffix of a module's name finds it: `app.api` and `api` for `src/app/api.py`.
  const bySuffix = new Map<string, string[]>();
  for (const module of modules) {
    const parts = (moduleNames.get(module.path) ?? '').split('.');
    for (let index = 0; index < parts.length; index += 1) {
      const key = parts.slice(index).join('.');
      const list = bySuffix.get(key);
      if (list) list.push(module.path);
      else bySuffix.set(key, [module.path]);
    }
  }
  const symbolTables = new Map<string, ReadonlyMap<string, PySymbol>>();
  /** A module's symbols by id. */
  function symbolsAt(path: string): ReadonlyMap<string, PySymbol> | undefined {
    let table = symbolTables.get(path);
    const module = table ? undefined : moduleAt(path);
    if (module) symbolTables.set(path, (table = new Map(module.symbols.map((symbol) => [symbol.id, symbol]))));
    return table;
  }
  const sinkTables = new Map<string, ReadonlyMap<string, PySink[]>>();
  /** The Claude calls written in a symbol (`path#id`). */
  function sinksOf(key: string): PySink[] {
    const [path = '', owner = ''] = key.split('#');
    let table = sinkTables.get(path);
    if (!table) {
      const byOwner = new Map<string, PySink[]>();
      for (const sink of moduleAt(path)?.sinks ?? []) {
        if (sink.owner === undefined) continue;
        const list = byOwner.get(sink.owner);
        if (list) list.push(sink);
        else byOwner.set(sink.owner, [sink]);
      }
      sinkTables.set(path, (table = byOwner));
    }
    return table.get(owner) ?? [];
  }

  const foundModules = new Map<string, string | undefined>();
  /**
   * The module an import's dotted prefix names, seen from a file: a module of exactly that name
   * before one whose name only ends with it, then the one whose path shares most with the file's
   * (the first of those in the scan's order); a module that does not parse is none.
   */
  function findModule(from: string, dotted: string): string | undefined {
    const key = `${from}\0${dotted}`;
    if (foundModules.has(key)) return foundModules.get(key);
    const candidates = bySuffix.get(dotted) ?? [];
    const fromParts = from.split('/');
    const nearestParsed = (pool: readonly string[]): string | undefined =>
      pool
        .map((path, index) => ({ path, index, closeness: closeness(pathParts.get(path) ?? [], fromParts) }))
        .sort((a, b) => b.closeness - a.closeness || a.index - b.index)
        .find(({ path }) => moduleAt(path) !== undefined)?.path;
    const found = nearestParsed(candidates.filter((path) => moduleNames.get(path) === dotted)) ?? nearestParsed(candidates);
    foundModules.set(key, found);
    return found;
  }

  /** An import's qualified name made absolute: `.x.y` in `pkg/sub/mod.py` → `pkg.sub.x.y`. */
  function absolute(from: string, qualified: string): string {
    const dots = /^\.*/.exec(qualified)?.[0].length ?? 0;
    if (dots === 0) return qualified;
    let directory = directoryOf(from);
    for (let level = 1; level < dots; level += 1) directory = directoryOf(directory);
    const base = directory === '' ? '' : directory.split('/').join('.');
    const rest = qualified.slice(dots);
    return [base, rest].filter(Boolean).join('.');
  }

  const resolvedImports = new Map<string, string[]>();
  /** The symbol keys (`path#id`) an import names. */
  function resolveImport(from: string, qualified: string, depth = 0): string[] {
    if (depth > 0) return resolveImportOnce(from, qualified, depth);
    const key = `${from}\0${qualified}`;
    let resolved = resolvedImports.get(key);
    if (!resolved) resolvedImports.set(key, (resolved = resolveImportOnce(from, qualified, 0)));
    return resolved;
  }

  function resolveImportOnce(from: string, qualified: string, depth: number): string[] {
    if (depth > MAX_REEXPORTS) return [];
    const parts = absolute(from, qualified).split('.');
    for (let length = parts.length; length >= 1; length -= 1) {
      const modulePath = findModule(from, parts.slice(0, length).join('.'));
      if (!modulePath) continue;
      const rest = parts.slice(length);
      if (rest.length === 0) return [];
      const [name = '', member] = rest;
      const symbol = symbolsAt(modulePath)?.get(name);
      if (symbol) {
        if (symbol.kind === 'value' && member !== undefined) return valueMember(modulePath, symbol.id, member);
        const method = member !== undefined ? symbol.methods?.[member] : undefined;
        return [`${modulePath}#${method ?? symbol.id}`];
      }
      const reexport = moduleAt(modulePath)?.imports[name];
      if (reexport !== undefined) return resolveImport(modulePath, [reexport, ...rest.slice(1)].join('.'), depth + 1);
      return [];
    }
    return [];
  }

  /** A class's method by name, looked up in its bases too. */
  function methodOf(classKey: string, name: string, depth = 0): string | undefined {
    if (depth > 8) return undefined;
    const [path = '', id = ''] = classKey.split('#');
    const cls = symbolsAt(path)?.get(id);
    const own = cls?.methods?.[name];
    if (own) return `${path}#${own}`;
    for (const base of cls?.bases ?? []) {
      for (const key of targetsOf(path, base, depth + 1)) {
        const found = methodOf(key, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * A method used on a module-level value (`api.create_message` with `api = MultiTenantAPI(…)`):
   * that method of the value's class; the whole value when its class is not known.
   */
  function valueMember(path: string, id: string, member: string): string[] {
    for (const ref of symbolsAt(path)?.get(id)?.refs ?? []) {
      for (const key of ref.target.kind === 'member' ? [] : targetsOf(path, ref, MAX_REEXPORTS)) {
        const method = methodOf(key, member, MAX_REEXPORTS);
        if (method) return [method];
      }
    }
    return [`${path}#${id}`];
  }

  /** The symbol keys a reference leads to. */
  function targetsOf(path: string, ref: PyRef, depth = 0): string[] {
    const { target } = ref;
    if (target.kind === 'local') {
      if (!symbolsAt(path)?.has(target.id)) return [];
      return target.member === undefined ? [`${path}#${target.id}`] : valueMember(path, target.id, target.member);
    }
    if (target.kind === 'import') return resolveImport(path, target.qualified);
    const method = methodOf(`${path}#${target.classId}`, target.name, depth);
    return method ? [method] : [];
  }

  // Subclasses by base class: a call through a base class (`adapter.chat()` on a `ProviderAdapter`) may run any of them.
  // Which names a class may be imported by: `from .impl import Base as Alias`, then `Alias as B`.
  const aliasesOf = new Map<string, Set<string>>();
  const addAlias = (name: string, alias: string): void => {
    const list = aliasesOf.get(name);
    if (list) list.add(alias);
    else aliasesOf.set(name, new Set([alias]));
  };
  // The deferred modules by the names in their class headers.
  const deferredByBaseName = new Map<string, DeferredModule[]>();
  for (const module of modules) {
    if (!isDeferred(module)) {
      for (const [alias, qualified] of Object.entries(module.imports)) addAlias(qualified.split('.').at(-1) ?? qualified, alias);
      continue;
    }
    for (const [name, alias] of module.aliases) addAlias(name, alias);
    for (const name of module.baseNames) {
      const list = deferredByBaseName.get(name);
      if (list) list.push(module);
      else deferredByBaseName.set(name, [module]);
    }
  }
  const order = new Map(modules.map((module, index) => [module.path, index]));
  /** Subclasses by base class key, with the position of their module in the scan's order. */
  const byBase = new Map<string, { index: number; subclass: string }[]>();
  const indexed = new Set<string>();
  /** Adds what a module's classes derive from to {@link byBase}. */
  function indexBases(path: string): void {
    if (indexed.has(path)) return;
    indexed.add(path);
    const index = order.get(path) ?? 0;
    for (const symbol of moduleAt(path)?.symbols ?? []) {
      for (const base of symbol.bases ?? []) {
        for (const key of targetsOf(path, base)) {
          const list = byBase.get(key);
          const entry = { index, subclass: `${path}#${symbol.id}` };
          if (list) list.push(entry);
          else byBase.set(key, [entry]);
        }
      }
    }
  }
  /** Every name a class (`path#id`) can be written by where it is imported. */
  function namesOfClass(classKey: string): Set<string> {
    const id = classKey.split('#')[1] ?? '';
    const names = new Set([id.split('.')[0] ?? id, id.split('.').at(-1) ?? id]);
    for (const name of names) for (const alias of aliasesOf.get(name) ?? []) names.add(alias);
    return names;
  }
  const subclasses = new Map<string, string[]>();
  function subclassesOf(classKey: string): string[] {
    let found = subclasses.get(classKey);
    if (found) return found;
    // Every module parsed so far, and the deferred ones whose class headers name the class or an alias of it.
    for (const path of loaded.keys()) indexBases(path);
    for (const name of namesOfClass(classKey)) for (const module of deferredByBaseName.get(name) ?? []) indexBases(module.path);
    for (const path of loaded.keys()) indexBases(path);
    found = [...(byBase.get(classKey) ?? [])].sort((a, b) => a.index - b.index).map((entry) => entry.subclass);
    subclasses.set(classKey, found);
    return found;
  }

  const edges = new Map<string, Edge[]>();
  /** What a symbol leads to: its references; a class also to its methods, its bases and its subclasses. */
  function edgesOf(key: string): Edge[] {
    let found = edges.get(key);
    if (!found) edges.set(key, (found = edgesOnce(key)));
    return found;
  }

  function edgesOnce(key: string): Edge[] {
    const [path = '', id = ''] = key.split('#');
    const symbol = symbolsAt(path)?.get(id);
    if (!symbol) return [];
    const found: Edge[] = [];
    for (const ref of [...symbol.refs, ...(symbol.bases ?? [])]) for (const to of targetsOf(path, ref)) found.push({ to, ref, from: path });
    for (const method of Object.values(symbol.methods ?? {})) found.push({ to: `${path}#${method}`, from: path });
    if (symbol.kind === 'class') for (const to of subclassesOf(key)) found.push({ to, from: path });
    return found;
  }

  /** The model's view of a sink, for the judge. */
  function modelSink(sink: PySink, path: string): Sink {
    const location = locationOf(path, sink.site);
    return {
      kind: SINK_KINDS[sink.kind],
      label: sink.callee,
      location,
      ...(sink.credential ? { credential: { source: { origin: 'subscription', label: sink.credential }, slot: 'env', location } } : {}),
      apiKeyConfigured: sink.apiKey,
    };
  }

  /** The judge's decisions about a sink reached from an entry point: at the sink and at the entry point. */
  function judge(entry: PyEntry, entryModule: PythonModuleFacts, sink: PySink, sinkModule: PythonModuleFacts, hops: Hop[]) {
    const reach: Reach = { entry: { kind: entry.kind, framework: entry.surface, label: entry.surface, location: locationOf(entryModule.path, entry.site) }, hops };
    const context = { configuresApiKey: sinkModule.apiKeyConfigured || entryModule.apiKeyConfigured, envChanges: [] };
    return judgeCrossFileReach(modelSink(sink, sinkModule.path), reach, context);
  }

  const found = new Map<string, ProjectFinding[]>();
  const seen = new Set<string>();
  const report = (path: string, site: PySite, decision: Pick<Decision, 'ruleName' | 'messageId'>, data: Record<string, string>, flow: RelatedLocation[]): void => {
    const key = `${path}:${site.line}:${decision.ruleName}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = found.get(path) ?? [];
    list.push({ path, ruleName: decision.ruleName, messageId: decision.messageId, data, start: site.start, end: site.end, line: site.line, column: site.column, endLine: site.endLine, endColumn: site.endColumn, flow });
    found.set(path, list);
  };

  // A deferred module holds no entry point (it names no framework).
  for (const module of modules) {
    if (isDeferred(module)) continue;
    for (const entry of module.entries) {
      // Breadth first from the handlers, remembering how each symbol was reached.
      const parents = new Map<string, { from: string; ref?: PyRef; path: string } | undefined>();
      const queue: string[] = [];
      for (const handler of entry.handlers) {
        for (const key of targetsOf(module.path, handler)) {
          if (parents.has(key)) continue;
          parents.set(key, undefined);
          queue.push(key);
        }
      }
      let best: { sink: PySink; sinkPath: string; key: string; tier: number } | undefined;
      for (let index = 0; index < queue.length && index < MAX_VISITS; index += 1) {
        const key = queue[index] ?? '';
        const sinkPath = key.split('#')[0] ?? '';
        const sinkModule = moduleAt(sinkPath);
        for (const sink of sinksOf(key)) {
          const decisions = sinkModule ? judge(entry, module, sink, sinkModule, []).atSink : [];
          const tier = Math.max(0, ...decisions.map((decision) => (decision.tier === 'red' ? 2 : 1)));
          if (tier > 0 && (!best || tier > best.tier)) best = { sink, sinkPath, key, tier };
        }
        for (const edge of edgesOf(key)) {
          if (parents.has(edge.to)) continue;
          parents.set(edge.to, { from: key, ref: edge.ref, path: edge.from });
          queue.push(edge.to);
        }
      }
      const sinkModule = best ? moduleAt(best.sinkPath) : undefined;
      if (!best || !sinkModule) continue;
      const { sink, sinkPath } = best;
      // The path back from the call to the handler: the calls in between, and the one leaving each module.
      const steps: { path: string; ref: PyRef }[] = [];
      for (let step = parents.get(best.key); step; step = parents.get(step.from)) if (step.ref) steps.unshift({ path: step.path, ref: step.ref });
      const hops: Hop[] = steps.map((step) => ({ name: nameOf(step.ref), location: locationOf(step.path, step.ref.site) }));
      const { atSink, atEntry } = judge(entry, module, sink, sinkModule, hops);
      const flow: RelatedLocation[] = [
        { location: locationOf(module.path, entry.site), message: entry.surface },
        ...hops.map((hop) => ({ location: hop.location, message: `calls \`${hop.name}\`` })),
        { location: locationOf(sinkPath, sink.site), message: sink.callee },
      ];
      for (const decision of atEntry) {
        report(module.path, entry.site, decision, decision.data, flow);
        // A handler registered by a call is also reported where it is defined.
        for (const handler of entry.registered ? entry.handlers : []) {
          const [handlerPath = '', id = ''] = targetsOf(module.path, handler)[0]?.split('#') ?? [];
          const symbol = symbolsAt(handlerPath)?.get(id);
          if (symbol?.kind === 'function') report(handlerPath, symbol.site, decision, decision.data, flow);
        }
        for (const step of steps) {
          const next = targetsOf(step.path, step.ref)[0]?.split('#')[0];
          if (step.path !== module.path && step.path !== sinkPath && next !== step.path) report(step.path, step.ref.site, decision, decision.data, flow);
        }
      }
      for (const decision of atSink) for (const site of [sink.site, ...sink.argvSites]) report(sinkPath, site, decision, decision.data, flow);
    }
  }
  return found;
}
