/**
 * Names in one Python module: what each import brings in under which local name, and what each
 * name is bound to in each scope (module, class body, function). Enough to follow a constant or a
 * helper function defined elsewhere in the same file; imports of the repository's own modules
 * (relative ones start with a dot) are followed by the project pass (./project.ts).
 *
 * @packageDocumentation
 */
import type { PyNode } from './tree.js';

/** How a name gets its value in a scope. */
export type Binding =
  | { kind: 'value'; value: PyNode; target: PyNode }
  | { kind: 'function'; definition: PyNode }
  | { kind: 'parameter'; node: PyNode; function: PyNode; defaultValue?: PyNode }
  | { kind: 'class'; definition: PyNode }
  | { kind: 'import'; qualified: string }
  | { kind: 'unknown'; node: PyNode };

/** The indexed names of one module. */
export interface ModuleScope {
  root: PyNode;
  /** Local name of each import to what it names: `sp` → `subprocess`, `Path` → `pathlib.Path`. */
  imports: ReadonlyMap<string, string>;
  /** Top-level packages imported anywhere in the module (`fastapi`, `slack_bolt`, `os`). */
  importedPackages: ReadonlySet<string>;
  /** The bindings of the name that `identifier` refers to, in the scope where it resolves. */
  resolve(identifier: PyNode): Binding[] | undefined;
  /** Values stored into `name[key]` (`env["X"] = v`) in the scope where `identifier` resolves. */
  itemAssignments(identifier: PyNode): { key: PyNode; value: PyNode; statement: PyNode }[];
  /**
   * The dotted name an expression denotes, imports resolved: `sp.run` → `subprocess.run`,
   * `Path` → `pathlib.Path`, `os.environ` → `os.environ`. Undefined for anything but names and
   * attribute chains.
   */
  qualifiedName(node: PyNode | undefined): string | undefined;
  /** The function definition an expression names (`helper`, `self.helper`), when it is local. */
  localFunction(node: PyNode | undefined): PyNode | undefined;
}

const SCOPE_TYPES = new Set(['module', 'function_definition', 'lambda', 'class_definition']);

/** Calls that import a module named by a string (`__import__("os")`, `importlib.import_module("os")`). */
const DYNAMIC_IMPORTS = new Set(['__import__', 'importlib.import_module']);

/** The scope a node's names are looked up in first. */
export function scopeOf(node: PyNode): PyNode {
  return node.ancestor(SCOPE_TYPES) ?? node;
}

/** Names bound by an assignment target or parameter pattern. */
function identifiersIn(pattern: PyNode): PyNode[] {
  if (pattern.type === 'identifier') return [pattern];
  if (['attribute', 'subscript'].includes(pattern.type)) return [];
  return pattern.namedChildren.flatMap(identifiersIn);
}

/** The name a parameter node declares, and its default value. */
function parameterName(parameter: PyNode): { name?: PyNode; defaultValue?: PyNode } {
  switch (parameter.type) {
    case 'identifier':
      return { name: parameter };
    case 'default_parameter':
    case 'typed_default_parameter':
      return { name: parameter.child('name'), defaultValue: parameter.child('value') };
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return { name: parameter.namedChildren.find((child) => child.type === 'identifier') };
    default:
      return {};
  }
}

/**
 * Indexes a module's imports and bindings.
 *
 * @param root - the `module` node from {@link parsePython}
 */
export function indexModule(root: PyNode): ModuleScope {
  const imports = new Map<string, string>();
  const importedPackages = new Set<string>();
  const bindings = new Map<PyNode, Map<string, Binding[]>>();
  const items = new Map<PyNode, Map<string, { key: PyNode; value: PyNode; statement: PyNode }[]>>();

  function bind(scope: PyNode, name: string, binding: Binding): void {
    let names = bindings.get(scope);
    if (!names) bindings.set(scope, (names = new Map()));
    const list = names.get(name);
    if (list) list.push(binding);
    else names.set(name, [binding]);
  }

  function bindTarget(target: PyNode, value: PyNode | undefined, statement: PyNode): void {
    const scope = scopeOf(statement);
    if (target.type === 'identifier') {
      bind(scope, target.text, value ? { kind: 'value', value, target } : { kind: 'unknown', node: target });
      return;
    }
    if (target.type === 'subscript' && value) {
      const object = target.child('value');
      const key = target.child('subscript');
      if (object?.type === 'identifier' && key) {
        let names = items.get(scope);
        if (!names) items.set(scope, (names = new Map()));
        const list = names.get(object.text) ?? [];
        list.push({ key, value, statement });
        names.set(object.text, list);
      }
      return;
    }
    for (const identifier of identifiersIn(target)) bind(scope, identifier.text, { kind: 'unknown', node: identifier });
  }

  function addImport(local: string, qualified: string, statement: PyNode, relative = false): void {
    imports.set(local, qualified);
    if (!relative) importedPackages.add(qualified.split('.')[0] ?? qualified);
    bind(scopeOf(statement), local, { kind: 'import', qualified });
  }

  for (const node of root.descendants()) {
    switch (node.type) {
      case 'assignment': {
        const left = node.child('left');
        let right = node.child('right');
        // `a = b = value`: each target gets the innermost value.
        while (right?.type === 'assignment') right = right.child('right');
        if (left && right) bindTarget(left, right, node);
        break;
      }
      case 'augmented_assignment': {
        const left = node.child('left');
        if (left) bindTarget(left, undefined, node);
        break;
      }
      case 'named_expression': {
        const name = node.child('name');
        const value = node.child('value');
        if (name && value) bind(scopeOf(node), name.text, { kind: 'value', value, target: name });
        break;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.child('left');
        if (left) for (const identifier of identifiersIn(left)) bind(scopeOf(node), identifier.text, { kind: 'unknown', node: identifier });
        break;
      }
      case 'as_pattern': {
        const alias = node.child('alias');
        if (alias) for (const identifier of identifiersIn(alias)) bind(scopeOf(node), identifier.text, { kind: 'unknown', node: identifier });
        break;
      }
      case 'function_definition': {
        const name = node.child('name');
        if (name) bind(scopeOf(node), name.text, { kind: 'function', definition: node });
        for (const parameter of node.child('parameters')?.namedChildren ?? []) {
          const { name: parameterNode, defaultValue } = parameterName(parameter);
          if (parameterNode) bind(node, parameterNode.text, { kind: 'parameter', node: parameter, function: node, defaultValue });
        }
        break;
      }
      case 'class_definition': {
        const name = node.child('name');
        if (name) bind(scopeOf(node), name.text, { kind: 'class', definition: node });
        break;
      }
      case 'import_statement':
        for (const name of node.children.filter((child) => child.field === 'name')) {
          if (name.type === 'aliased_import') {
            const alias = name.child('alias')?.text;
            const dotted = name.child('name')?.text;
            if (alias && dotted) addImport(alias, dotted, node);
          } else {
            // `import os.path` binds `os`, and `os.path.join` then reads as written.
            const head = name.text.split('.')[0] ?? name.text;
            addImport(head, head, node);
            importedPackages.add(head);
          }
        }
        break;
      case 'import_from_statement': {
        const module = node.child('module_name')?.text ?? '';
        // `from .client import X` is `.client.X`, `from . import x` is `.x`: a module of the repository.
        const relative = module.startsWith('.');
        const prefix = module.endsWith('.') ? module : `${module}.`;
        if (!relative) importedPackages.add(module.split('.')[0] ?? module);
        for (const name of node.children.filter((child) => child.field === 'name')) {
          if (name.type === 'aliased_import') {
            const alias = name.child('alias')?.text;
            const imported = name.child('name')?.text;
            if (alias && imported) addImport(alias, `${prefix}${imported}`, node, relative);
          } else {
            addImport(name.text, `${prefix}${name.text}`, node, relative);
          }
        }
        break;
      }
      default:
        break;
    }
  }

  /** Scopes searched for a name used at `node`: its own, then enclosing functions, then the module (class bodies only when they are the node's own scope). */
  function* lookupScopes(node: PyNode): Generator<PyNode> {
    let scope: PyNode | undefined = scopeOf(node);
    let first = true;
    while (scope) {
      if (first || scope.type !== 'class_definition') yield scope;
      first = false;
      scope = scope.type === 'module' ? undefined : scopeOf(scope);
    }
  }

  function resolve(identifier: PyNode): Binding[] | undefined {
    for (const scope of lookupScopes(identifier)) {
      const found = bindings.get(scope)?.get(identifier.text);
      if (found) return found;
    }
    return undefined;
  }

  function itemAssignments(identifier: PyNode) {
    for (const scope of lookupScopes(identifier)) {
      if (bindings.get(scope)?.has(identifier.text)) return items.get(scope)?.get(identifier.text) ?? [];
    }
    return [];
  }

  function qualifiedName(node: PyNode | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const binding = resolve(node);
      if (binding?.length === 1 && binding[0]?.kind === 'import') return binding[0].qualified;
      // `sdk = __import__("claude_agent_sdk")`: the name is the module, as an import would make it.
      const imported = binding?.length === 1 && binding[0]?.kind === 'value' ? importedByCall(binding[0].value) : undefined;
      if (imported !== undefined) return imported;
      return imports.get(node.text) ?? node.text;
    }
    if (node.type === 'call') return importedByCall(node);
    if (node.type === 'attribute') {
      const object = qualifiedName(node.child('object'));
      const attribute = node.child('attribute')?.text;
      return object !== undefined && attribute !== undefined ? `${object}.${attribute}` : undefined;
    }
    return undefined;
  }

  /** The module `__import__("m")` or `importlib.import_module("m")` returns, when `m` is written out. */
  function importedByCall(node: PyNode | undefined): string | undefined {
    if (node?.type !== 'call' || !DYNAMIC_IMPORTS.has(qualifiedName(node.child('function')) ?? '')) return undefined;
    const [first] = node.child('arguments')?.namedChildren ?? [];
    const parts = first?.type === 'string' ? first.namedChildren.filter((part) => part.type !== 'string_start' && part.type !== 'string_end') : [];
    return parts.length === 1 && parts[0]?.type === 'string_content' ? parts[0].text : undefined;
  }

  function localFunction(node: PyNode | undefined): PyNode | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const binding = resolve(node);
      return binding?.length === 1 && binding[0]?.kind === 'function' ? binding[0].definition : undefined;
    }
    // `self.helper` / `cls.helper`: a method of the enclosing class.
    const object = node.child('object');
    const attribute = node.child('attribute')?.text;
    if (node.type === 'attribute' && object?.type === 'identifier' && ['self', 'cls'].includes(object.text) && attribute) {
      const cls = node.ancestor(new Set(['class_definition']));
      const body = cls?.child('body');
      for (const statement of body?.namedChildren ?? []) {
        const definition = statement.type === 'decorated_definition' ? statement.child('definition') : statement;
        if (definition?.type === 'function_definition' && definition.child('name')?.text === attribute) return definition;
      }
    }
    return undefined;
  }

  return { root, imports, importedPackages, resolve, itemAssignments, qualifiedName, localFunction };
}
