/**
 * Static evaluation of Python string expressions, far enough to see through the ways real code
 * builds paths, commands and header values: literals (implicitly concatenated too), f-strings,
 * `+`, `%` and `.format()`, `or`, conditional expressions, names bound once in the module or the
 * function, `os.path.join`, `pathlib` (`Path.home() / ".claude"`, `joinpath`, `expanduser`),
 * `os.environ[...]` / `os.getenv`, `"sep".join([...])`, `base64.b64decode`, and local functions
 * that return such a value. It never runs the code.
 *
 * As the JS evaluator does (src/js/static-string.ts), unknown parts are kept as placeholders so the
 * shape survives: the home directory is `~`, an environment variable `$NAME`, anything else `*`.
 *
 * @packageDocumentation
 */
import { UNKNOWN_PART } from '../../detect/credential-store.js';
import { decodePythonCall, isHiddenEnviron } from './decoders.js';
import type { ModuleScope } from './scope.js';
import type { PyNode } from './tree.js';

/** Static evaluation bound to one module. */
export interface PythonEvaluator {
  /** The expression's string value, or undefined when nothing of it is known. */
  string(node: PyNode | undefined): string | undefined;
  /**
   * The strings of an expression that may be an argument vector: the elements of a list or tuple
   * (or of a name bound to one; `*spread` expanded), `shlex.split("…")` and `"…".split()` split on
   * white space, else the expression's own value. Unknown elements are `*`.
   */
  strings(node: PyNode | undefined): string[];
  /** The environment variable an expression reads (`os.environ["X"]`, `os.getenv("X")`, …). */
  environmentVariable(node: PyNode | undefined): string | undefined;
  /**
   * What a string literal (or implicit concatenation) says by itself: escapes decoded, each
   * f-string replacement field `*`. Undefined for anything but string literals.
   */
  written(node: PyNode | undefined): string | undefined;
}

/** Environment variables that hold the home directory: rendered as `~`. */
const HOME_VARIABLES = new Set(['HOME', 'USERPROFILE']);
/** How deep one evaluation may follow names and calls. */
const MAX_DEPTH = 24;
/** Qualified names of functions that join path segments. */
const PATH_JOINERS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join']);
/** Constructors of `pathlib` paths: their arguments are joined. */
const PATH_CLASSES = new Set(['Path', 'PurePath', 'PosixPath', 'WindowsPath', 'PurePosixPath', 'PureWindowsPath'].flatMap((name) => [name, `pathlib.${name}`]));
/** Functions that return their (first) argument as a path or string, unchanged in shape. */
const PASS_THROUGH = new Set([
  'str', 'os.fspath', 'os.fsdecode', 'os.path.abspath', 'os.path.realpath', 'os.path.normpath', 'os.path.expandvars',
  'os.path.expanduser', 'textwrap.dedent', 'shutil.which',
]);
/** Methods of strings and paths that keep the value's shape. */
const SHAPE_KEEPING_METHODS = new Set([
  'expanduser', 'resolve', 'absolute', 'as_posix', 'strip', 'rstrip', 'lstrip', 'decode', 'encode', '__fspath__', 'normpath', 'lower',
]);
/** Common string escapes (Python's; `\N{…}` and octal escapes are rare in the strings we look at). */
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Decodes the escapes of a non-raw string's content. */
function unescape(content: string): string {
  return content.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|\n|.)/g, (whole, escape: string) => {
    if (escape === '\n') return '';
    if (/^[xuU]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return ESCAPES[escape] ?? whole;
  });
}

/** Decodes standard or URL-safe base64 to text, when the input is plausibly base64. */
function decodeBase64(value: string): string | undefined {
  if (value.includes(UNKNOWN_PART) || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('utf8');
}

/** The positional arguments and keyword arguments of a call. */
export function callArguments(call: PyNode): { positional: PyNode[]; keywords: Map<string, PyNode> } {
  const positional: PyNode[] = [];
  const keywords = new Map<string, PyNode>();
  const list = call.child('arguments');
  if (list?.type !== 'argument_list') return { positional, keywords };
  for (const argument of list.namedChildren) {
    if (argument.type === 'keyword_argument') {
      const name = argument.child('name')?.text;
      const value = argument.child('value');
      if (name && value) keywords.set(name, value);
    } else {
      positional.push(argument);
    }
  }
  return { positional, keywords };
}

/** Strips parentheses and `await`, which do not change a value. */
export function unwrap(node: PyNode | undefined): PyNode | undefined {
  let current = node;
  while (current && (current.type === 'parenthesized_expression' || current.type === 'await')) {
    current = current.namedChildren[0];
  }
  return current;
}

/** The value of a `return` in a function that returns from exactly one place. */
export function returnedExpression(definition: PyNode): PyNode | undefined {
  const returns: PyNode[] = [];
  const body = definition.child('body');
  if (!body) return undefined;
  for (const node of body.descendants()) {
    if (node.type === 'return_statement' && node.ancestor(new Set(['function_definition', 'lambda'])) === definition) returns.push(node);
  }
  return returns.length === 1 ? returns[0]?.namedChildren[0] : undefined;
}

/**
 * Makes the evaluator of one module.
 *
 * @param scope - the module's names ({@link indexModule})
 */
export function createPythonEvaluator(scope: ModuleScope): PythonEvaluator {
  const orUnknown = (value: string | undefined): string => value ?? UNKNOWN_PART;
  const decoderContext = { qualifiedName: scope.qualifiedName, evaluate: (node: PyNode | undefined) => evaluate(node, MAX_DEPTH - 2) };

  function environmentVariable(node: PyNode | undefined): string | undefined {
    const inner = unwrap(node);
    if (!inner) return undefined;
    if (inner.type === 'subscript' && isEnviron(inner.child('value'))) return literal(inner.child('subscript'));
    if (inner.type === 'call') {
      const callee = scope.qualifiedName(inner.child('function'));
      const { positional, keywords } = callArguments(inner);
      const name = positional[0] ?? keywords.get('key');
      if (callee === 'os.getenv' || callee === 'os.environ.get' || callee === 'os.environ.pop' || callee === 'os.environ.setdefault') return literal(name);
      const method = inner.child('function');
      if (method?.type === 'attribute' && ['get', 'pop'].includes(method.child('attribute')?.text ?? '') && isEnviron(method.child('object'))) {
        return literal(name);
      }
    }
    return undefined;
  }

  /** True for `os.environ` (however imported) and names bound to it. */
  function isEnviron(node: PyNode | undefined, depth = 0): boolean {
    const inner = unwrap(node);
    if (!inner) return false;
    if (scope.qualifiedName(inner) === 'os.environ' || isHiddenEnviron(inner, decoderContext)) return true;
    if (inner.type === 'identifier' && depth < MAX_DEPTH) {
      const bindings = scope.resolve(inner);
      const binding = bindings?.length === 1 ? bindings[0] : undefined;
      return binding?.kind === 'value' && isEnviron(binding.value, depth + 1);
    }
    return false;
  }

  /** The value of a string literal node only (no names, no calls). */
  function literal(node: PyNode | undefined): string | undefined {
    const inner = unwrap(node);
    if (inner?.type !== 'string' && inner?.type !== 'concatenated_string') return undefined;
    const value = evaluate(inner, MAX_DEPTH - 1);
    return value?.includes(UNKNOWN_PART) ? undefined : value;
  }

  function stringLiteral(node: PyNode, depth: number, evaluateFields = true): string {
    const prefix = (node.children[0]?.text ?? '').toLowerCase();
    const raw = prefix.includes('r');
    const formatted = prefix.includes('f') || prefix.includes('t');
    let value = '';
    for (const part of node.children) {
      if (part.type === 'string_content') {
        let text = raw ? part.text : unescape(part.text);
        if (formatted) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        value += text;
      } else if (part.type === 'interpolation') {
        value += evaluateFields ? orUnknown(evaluate(part.child('expression'), depth + 1)) : UNKNOWN_PART;
      }
    }
    return value;
  }

  /** A name's value when it is bound once: to a value, or as a parameter with a default. */
  function nameValue(identifier: PyNode, depth: number): string | undefined {
    const bindings = scope.resolve(identifier);
    if (bindings?.length !== 1) return undefined;
    const binding = bindings[0];
    if (binding?.kind === 'value') return evaluate(binding.value, depth + 1);
    // A parameter's default is the value the function is written for (`def load(home="~/.claude")`).
    if (binding?.kind === 'parameter' && binding.defaultValue) return evaluate(binding.defaultValue, depth + 1);
    return undefined;
  }

  function environmentValue(name: string): string {
    return HOME_VARIABLES.has(name) ? '~' : `$${name}`;
  }

  /** `"%s/.claude" % home`, `"%(dir)s" % {...}`: each conversion becomes the value or `*`. */
  function percentFormat(template: string, argument: PyNode | undefined, depth: number): string {
    const inner = unwrap(argument);
    const values = inner?.type === 'tuple' ? inner.namedChildren.map((element) => evaluate(element, depth + 1)) : [evaluate(inner, depth + 1)];
    let index = 0;
    return template.replace(/%(\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdirfx%]/g, (spec) => {
      if (spec === '%%') return '%';
      return orUnknown(spec.startsWith('%(') ? undefined : values[index++]);
    });
  }

  /** `"{}/{name}".format(a, name=b)`. */
  function braceFormat(template: string, call: PyNode, depth: number): string {
    const { positional, keywords } = callArguments(call);
    let index = 0;
    return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, field: string | undefined) => {
      if (whole === '{{') return '{';
      if (whole === '}}') return '}';
      const name = (field ?? '').split(/[!:]/)[0] ?? '';
      const argument = name === '' ? positional[index++] : /^\d+$/.test(name) ? positional[Number(name)] : keywords.get(name);
      return orUnknown(evaluate(argument, depth + 1));
    });
  }

  function joinPath(parts: (string | undefined)[]): string | undefined {
    if (parts.every((part) => part === undefined)) return undefined;
    return parts.map(orUnknown).join('/');
  }

  function evaluateCall(call: PyNode, depth: number): string | undefined {
    const callee = call.child('function');
    const qualified = scope.qualifiedName(callee);
    const { positional, keywords } = callArguments(call);
    const argument = (index: number) => evaluate(positional[index], depth + 1);

    const variable = environmentVariable(call);
    // As `process.env.X ?? fallback` in JS: the variable is what the path is built from.
    if (variable !== undefined) return environmentValue(variable);
    // The one hook into decoders.ts: encodings that hide a value (chr, hex, percent, rot13).
    const decoded = decodePythonCall(call, { qualifiedName: scope.qualifiedName, evaluate: (node) => evaluate(node, depth + 1) });
    if (decoded !== undefined) return decoded;
    if (qualified !== undefined) {
      if (PATH_JOINERS.has(qualified)) return joinPath(positional.map((part) => evaluate(part, depth + 1)));
      if (PATH_CLASSES.has(qualified)) return positional.length === 0 ? '.' : joinPath(positional.map((part) => evaluate(part, depth + 1)));
      if (qualified.endsWith('.home') && PATH_CLASSES.has(qualified.slice(0, -'.home'.length))) return '~';
      if (PASS_THROUGH.has(qualified)) return argument(0);
      if (qualified === 'os.path.dirname') return argument(0)?.replace(/[\\/][^\\/]*$/, '');
      if (qualified === 'base64.b64decode' || qualified === 'base64.urlsafe_b64decode' || qualified === 'base64.standard_b64decode') {
        const encoded = argument(0);
        return encoded === undefined ? undefined : decodeBase64(encoded);
      }
    }
    const definition = scope.localFunction(callee);
    if (definition) return evaluate(returnedExpression(definition), depth + 1);

    if (callee?.type !== 'attribute') return undefined;
    const method = callee.child('attribute')?.text ?? '';
    const receiver = callee.child('object');
    if (method === 'join' && positional.length === 1) {
      const separator = evaluate(receiver, depth + 1);
      if (separator === undefined) return undefined;
      const parts = strings(positional[0], depth + 1);
      return parts.length > 0 ? parts.join(separator) : undefined;
    }
    if (method === 'joinpath') return joinPath([evaluate(receiver, depth + 1), ...positional.map((part) => evaluate(part, depth + 1))]);
    if (method === 'format') {
      const template = evaluate(receiver, depth + 1);
      return template === undefined ? undefined : braceFormat(template, call, depth);
    }
    return SHAPE_KEEPING_METHODS.has(method) ? evaluate(receiver, depth + 1) : undefined;
  }

  // Every check asks for the values of many overlapping expressions: each is computed once.
  const values = new Map<PyNode, string | undefined>();

  function evaluate(node: PyNode | undefined, depth: number): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (values.has(node)) return values.get(node);
    const value = compute(node, depth);
    values.set(node, value);
    return value;
  }

  function compute(node: PyNode, depth: number): string | undefined {
    switch (node.type) {
      case 'string':
        return stringLiteral(node, depth);
      case 'concatenated_string':
        return node.namedChildren.map((part) => stringLiteral(part, depth)).join('');
      case 'parenthesized_expression':
      case 'await':
        return evaluate(node.namedChildren[0], depth + 1);
      case 'identifier':
        return nameValue(node, depth);
      case 'binary_operator': {
        const operator = node.child('operator')?.text;
        const left = evaluate(node.child('left'), depth + 1);
        const right = evaluate(node.child('right'), depth + 1);
        if (operator === '+') return left === undefined && right === undefined ? undefined : orUnknown(left) + orUnknown(right);
        // `/` on a str is a TypeError: where either side is a string, this is a pathlib join.
        if (operator === '/') return joinPath([left, right]);
        if (operator === '%' && left !== undefined) return percentFormat(left, node.child('right'), depth);
        return undefined;
      }
      case 'boolean_operator': {
        const operator = node.child('operator')?.text;
        const left = evaluate(node.child('left'), depth + 1);
        const right = evaluate(node.child('right'), depth + 1);
        return operator === 'or' ? (left ?? right) : right;
      }
      case 'conditional_expression': {
        const [consequence, , alternative] = node.namedChildren;
        return evaluate(consequence, depth + 1) ?? evaluate(alternative, depth + 1);
      }
      case 'subscript': {
        const variable = environmentVariable(node);
        if (variable !== undefined) return environmentValue(variable);
        return dictionaryValue(node, depth);
      }
      case 'attribute': {
        const qualified = scope.qualifiedName(node);
        if (qualified === 'os.sep' || qualified === 'os.path.sep') return '/';
        return undefined;
      }
      case 'call':
        return evaluateCall(node, depth);
      default:
        return undefined;
    }
  }

  /** `CONFIG["path"]` where `CONFIG` is a dictionary literal bound once. */
  function dictionaryValue(subscript: PyNode, depth: number): string | undefined {
    const object = unwrap(subscript.child('value'));
    const key = literal(subscript.child('subscript'));
    if (object?.type !== 'identifier' || key === undefined) return undefined;
    const bindings = scope.resolve(object);
    const binding = bindings?.length === 1 ? bindings[0] : undefined;
    if (binding?.kind !== 'value' || binding.value.type !== 'dictionary') return undefined;
    for (const pair of binding.value.namedChildren) {
      if (pair.type === 'pair' && literal(pair.child('key')) === key) return evaluate(pair.child('value'), depth + 1);
    }
    return undefined;
  }

  function strings(node: PyNode | undefined, depth = 0): string[] {
    const inner = unwrap(node);
    if (!inner || depth > MAX_DEPTH) return [];
    if (inner.type === 'list' || inner.type === 'tuple') {
      return inner.namedChildren.flatMap((element) =>
        element.type === 'list_splat' ? strings(element.namedChildren[0], depth + 1) : [orUnknown(evaluate(element, depth + 1))],
      );
    }
    if (inner.type === 'binary_operator' && inner.child('operator')?.text === '+') {
      const left = strings(inner.child('left'), depth + 1);
      const right = strings(inner.child('right'), depth + 1);
      if (['list', 'tuple', 'identifier'].includes(unwrap(inner.child('left'))?.type ?? '') && left.length > 1) return [...left, ...right];
    }
    if (inner.type === 'identifier') {
      // A list bound once, perhaps extended later (`cmd += ["--model", m]`): its first elements are known.
      const bindings = scope.resolve(inner) ?? [];
      const values = bindings.filter((binding) => binding.kind === 'value');
      const extended = bindings.filter((binding) => binding.kind === 'unknown' && binding.node.parent?.type === 'augmented_assignment');
      const binding = values.length === 1 && values.length + extended.length === bindings.length ? values[0] : undefined;
      if (binding?.kind === 'value' && ['list', 'tuple', 'call', 'binary_operator'].includes(unwrap(binding.value)?.type ?? '')) {
        const listed = strings(binding.value, depth + 1);
        if (listed.length > 0) return extended.length > 0 ? [...listed, UNKNOWN_PART] : listed;
      }
    }
    if (inner.type === 'call') {
      const callee = inner.child('function');
      const qualified = scope.qualifiedName(callee);
      const first = callArguments(inner).positional[0];
      if (qualified === 'shlex.split') return splitWords(evaluate(first, depth + 1));
      if (callee?.type === 'attribute' && callee.child('attribute')?.text === 'split' && !first) {
        return splitWords(evaluate(callee.child('object'), depth + 1));
      }
    }
    const value = evaluate(inner, depth + 1);
    return value === undefined ? [] : [value];
  }

  function written(node: PyNode | undefined): string | undefined {
    if (node?.type === 'string') return stringLiteral(node, 0, false);
    if (node?.type === 'concatenated_string') return node.namedChildren.map((part) => stringLiteral(part, 0, false)).join('');
    return undefined;
  }

  return { string: (node) => evaluate(node, 0), strings: (node) => strings(node, 0), environmentVariable, written };
}

/** Splits a command line on white space, dropping simple quotes (`shlex.split` for plain cases). */
function splitWords(line: string | undefined): string[] {
  if (line === undefined) return [];
  return (line.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((word) => word.replace(/^(["'])(.*)\1$/, '$2'));
}
