/**
 * Python syntax trees: tree-sitter's Python grammar (the `tree-sitter-python` package's prebuilt
 * WebAssembly, carried in the build: src/files/grammars.ts) run by `web-tree-sitter`, converted
 * into plain objects so that the checks can walk them freely and no WebAssembly memory outlives a parse.
 *
 * Loading the grammar is asynchronous and happens once ({@link preparePythonParser}); parsing is
 * synchronous afterwards ({@link parsePython}).
 *
 * @packageDocumentation
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { AnalyzerParseError } from '../analyzer.js';
import { grammarPath } from '../grammars.js';
import { timeBudgetExceeded, timeBudgetExpired } from '../../scan/time-budget.js';

/** One node of a Python syntax tree. Offsets are 0-based UTF-16 code units, end exclusive. */
export class PyNode {
  /** All children, anonymous tokens (`(`, `=`, keywords) included; comments left out. */
  readonly children: PyNode[] = [];
  parent: PyNode | undefined;
  /** The field this node fills in its parent (`function`, `arguments`, `left`, …), if any. */
  field: string | undefined;

  constructor(
    /** The grammar's node type: `call`, `string`, `identifier`, `ERROR`, … */
    readonly type: string,
    readonly start: number,
    readonly end: number,
    /** Named nodes are grammar rules; anonymous ones are literal tokens. */
    readonly named: boolean,
    private readonly source: string,
  ) {}

  /** The node's source text. */
  get text(): string {
    return this.source.slice(this.start, this.end);
  }

  /** Named children only (no punctuation, no comments). */
  get namedChildren(): PyNode[] {
    return this.children.filter((child) => child.named);
  }

  /** The first child in a field, e.g. `call.child('function')`. */
  child(field: string): PyNode | undefined {
    return this.children.find((child) => child.field === field);
  }

  /** Every node under this one (itself included), depth first, in source order. */
  *descendants(): Generator<PyNode> {
    const stack: PyNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop() as PyNode;
      yield node;
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as PyNode);
    }
  }

  /** The nearest ancestor of one of the given types. */
  ancestor(types: ReadonlySet<string>): PyNode | undefined {
    let current = this.parent;
    while (current && !types.has(current.type)) current = current.parent;
    return current;
  }
}

/** Where a Python file stops being valid syntax. Line and column are 1-based. */
export class PythonSyntaxError extends AnalyzerParseError {
  override name = 'PythonSyntaxError';
}

let parser: Parser | undefined;
let loading: Promise<void> | undefined;
let loadError: unknown;
/** Set while tree-sitter parses: still set on entry when the last parse never returned. */
let cutOff = false;

/**
 * Loads the WebAssembly runtime and the Python grammar, once; later calls return the same promise.
 * Never rejects: a failure is kept and thrown by {@link parsePython}, so that the scanner reports
 * it per file and the text markers stand in.
 */
export function preparePythonParser(): Promise<void> {
  loading ??= (async () => {
    try {
      await Parser.init();
      const language = await Language.load(grammarPath('python'));
      const ready = new Parser();
      ready.setLanguage(language);
      parser = ready;
    } catch (error) {
      loadError = error;
    }
  })();
  return loading;
}

/**
 * Copies tree-sitter's tree into {@link PyNode}s with a cursor. Every cursor property is a call into
 * WebAssembly, so each node costs four (type id, start, end, field id) and names are looked up in
 * the language's tables.
 */
function convert(tree: Tree, source: string): PyNode {
  const { language } = tree;
  const types = language.types;
  const fields = language.fields;
  const named = new Map<number, boolean>();
  const isNamed = (typeId: number): boolean => {
    let value = named.get(typeId);
    if (value === undefined) named.set(typeId, (value = language.nodeTypeIsNamed(typeId)));
    return value;
  };
  const cursor = tree.walk();
  try {
    const root = new PyNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, true, source);
    let current = root;
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const type = types[typeId] ?? 'ERROR';
      const node = new PyNode(type, cursor.startIndex, cursor.endIndex, isNamed(typeId), source);
      const fieldId = cursor.currentFieldId;
      node.field = fieldId === 0 ? undefined : (fields[fieldId] ?? undefined);
      node.parent = current;
      if (type !== 'comment') current.children.push(node);
      if (cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (current === root || !cursor.gotoParent()) return root;
        current = current.parent ?? root;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Where a tree that has errors first needed recovery: an `ERROR` node or a token the parser assumed. */
function syntaxErrorOf(tree: Tree, text: string): PythonSyntaxError {
  const cursor = tree.walk();
  let offset = 0;
  let what = 'invalid syntax';
  try {
    // Depth first, entering only subtrees that contain an error.
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) {
        what = `expected "${node.type}"`;
        offset = node.startIndex;
        break;
      }
      if (node.isError) {
        offset = node.startIndex;
        break;
      }
      if (node.hasError && cursor.gotoFirstChild()) continue;
      if (!cursor.gotoNextSibling()) {
        offset = node.startIndex;
        break;
      }
    }
  } finally {
    cursor.delete();
  }
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return new PythonSyntaxError(`${what} at ${line}:${column}`, line, column);
}

/**
 * Parses Python source (2 or 3: the grammar accepts `print` statements and `exec`).
 *
 * @param text - the file's text
 * @returns the module node
 * @throws PythonSyntaxError at the first place tree-sitter had to recover from (an `ERROR` node or
 *   a token it inserted); the scanner reports it as a parse error and runs the markers instead
 * @throws TimeBudgetExceeded when the per-file time budget ran out during the parse
 * @throws Error when {@link preparePythonParser} has not finished or failed
 */
export function parsePython(text: string): PyNode {
  if (!parser) {
    const reason = loadError instanceof Error ? loadError.message : 'call preparePythonParser() first';
    throw new Error(`Python parser not loaded (${reason})`);
  }
  // A parse that the time budget's watchdog cut off (it stops on its own first, but may be late)
  // left its state behind: start afresh.
  if (cutOff) parser.reset();
  cutOff = true;
  const tree = parser.parse(text, null, { progressCallback: timeBudgetExpired });
  cutOff = false;
  if (!tree) {
    parser.reset();
    if (timeBudgetExpired()) throw timeBudgetExceeded();
    throw new Error('tree-sitter returned no tree');
  }
  try {
    if (tree.rootNode.hasError) throw syntaxErrorOf(tree, text);
    return convert(tree, text);
  } finally {
    tree.delete();
  }
}
