/**
 * Syntax trees for the languages of src/lang (Go, Ruby, bash, Rust: the grammars' own WebAssembly
 * builds from `@vscode/tree-sitter-wasm`, carried in the build as src/files/grammars.ts says; no
 * native code, no install script), run by `web-tree-sitter` and copied into plain objects, so that extractors walk them freely and no
 * WebAssembly memory outlives a parse. Comments are kept apart: the marker layer needs their ranges
 * (a marker in a comment names a credential, it does not use one) and the extractors never see them.
 *
 * Unlike the Python analyzer, a tree with syntax errors is still used: shell scripts and Ruby DSLs
 * often hit corners of the grammars, and tree-sitter's recovery keeps the rest of the file right.
 *
 * @packageDocumentation
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { timeBudgetExceeded, timeBudgetExpired } from '../scan/time-budget.js';
import type { OffsetRange } from '../files/analyzer.js';
import { grammarPath, type GrammarKey } from '../files/grammars.js';

/** A grammar this module can load: a key of src/files/grammars.ts's table. */
export type GrammarName = GrammarKey;

/** One node of a syntax tree. Offsets are 0-based UTF-16 code units, end exclusive. */
export class SyntaxNode {
  /** All children, anonymous tokens (`(`, `=`, keywords) included; comments left out. */
  readonly children: SyntaxNode[] = [];
  parent: SyntaxNode | undefined;
  /** The field this node fills in its parent (`function`, `arguments`, `left`, …), if any. */
  field: string | undefined;

  constructor(
    /** The grammar's node type: `call_expression`, `string`, `identifier`, `ERROR`, … */
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

  /** Named children only (no punctuation). */
  get namedChildren(): SyntaxNode[] {
    return this.children.filter((child) => child.named);
  }

  /** The first child in a field, e.g. `call.child('function')`. */
  child(field: string): SyntaxNode | undefined {
    return this.children.find((child) => child.field === field);
  }

  /**
   * The root's nodes in source order (depth first), listed once while the tree is converted: a
   * file's analysis walks the whole tree several times, and an array is cheaper to walk than a generator.
   */
  private all: readonly SyntaxNode[] | undefined;

  /** Every node under this one (itself included), depth first, in source order. */
  descendants(): Iterable<SyntaxNode> {
    return this.all ?? this.walk();
  }

  /** Lists a converted tree's nodes on its root, for {@link SyntaxNode.descendants}. */
  static listAll(root: SyntaxNode, nodes: readonly SyntaxNode[]): void {
    root.all = nodes;
  }

  private *walk(): Generator<SyntaxNode> {
    const stack: SyntaxNode[] = [this];
    while (stack.length > 0) {
      const node = stack.pop() as SyntaxNode;
      yield node;
      for (let index = node.children.length - 1; index >= 0; index -= 1) stack.push(node.children[index] as SyntaxNode);
    }
  }

  /** The nearest ancestor of one of the given types. */
  ancestor(types: ReadonlySet<string>): SyntaxNode | undefined {
    let current = this.parent;
    while (current && !types.has(current.type)) current = current.parent;
    return current;
  }
}

/** A parsed file: its root, and where its comments are. */
export interface ParsedFile {
  root: SyntaxNode;
  /** Every comment, in source order. */
  comments: OffsetRange[];
}

const parsers = new Map<GrammarName, Parser>();
const loading = new Map<GrammarName, Promise<void>>();
const loadErrors = new Map<GrammarName, unknown>();
let runtime: Promise<void> | undefined;

/**
 * Initialises web-tree-sitter's WebAssembly runtime, once for every grammar of every front end.
 *
 * @returns a promise that rejects when the runtime cannot load
 */
export function initTreeSitter(): Promise<void> {
  runtime ??= Parser.init();
  return runtime;
}
/** Grammars whose last parse never returned (the time budget's watchdog cut it off). */
const cutOff = new Set<GrammarName>();

/**
 * Loads the WebAssembly runtime and one grammar, once; later calls return the same promise. Never
 * rejects: a failure is kept and thrown by {@link parseWith}, so that the scanner reports it per
 * file and the text markers stand in.
 *
 * @param grammar - which grammar
 */
export function prepareGrammar(grammar: GrammarName): Promise<void> {
  let promise = loading.get(grammar);
  if (!promise) {
    promise = (async () => {
      try {
        await initTreeSitter();
        const language = await Language.load(grammarPath(grammar));
        const parser = new Parser();
        parser.setLanguage(language);
        parsers.set(grammar, parser);
      } catch (error) {
        loadErrors.set(grammar, error);
      }
    })();
    loading.set(grammar, promise);
  }
  return promise;
}

/**
 * Copies tree-sitter's tree into {@link SyntaxNode}s with a cursor (each cursor property is a call
 * into WebAssembly, so a node costs four: type id, start, end, field id), comments into a list.
 * Shared by every tree-sitter front end (the Python analyzer too).
 *
 * @param tree - a tree from `web-tree-sitter`; the caller deletes it
 * @param source - the text it was parsed from
 */
export function convertTree(tree: Tree, source: string): ParsedFile {
  const { language } = tree;
  const { types, fields } = language;
  const named: (boolean | undefined)[] = [];
  const isNamed = (typeId: number): boolean => (named[typeId] ??= language.nodeTypeIsNamed(typeId));
  const comments: OffsetRange[] = [];
  const cursor = tree.walk();
  try {
    const root = new SyntaxNode(cursor.nodeType, cursor.startIndex, cursor.endIndex, true, source);
    // Created depth first in source order: the order of SyntaxNode.descendants().
    const nodes = [root];
    SyntaxNode.listAll(root, nodes);
    let current = root;
    if (!cursor.gotoFirstChild()) return { root, comments };
    for (;;) {
      const typeId = cursor.nodeTypeId;
      const type = types[typeId] ?? 'ERROR';
      const node = new SyntaxNode(type, cursor.startIndex, cursor.endIndex, isNamed(typeId), source);
      const fieldId = cursor.currentFieldId;
      node.field = fieldId === 0 ? undefined : (fields[fieldId] ?? undefined);
      node.parent = current;
      // Go, Ruby and bash call them `comment`; Rust `line_comment`/`block_comment`.
      const comment = type.endsWith('comment');
      if (comment) comments.push({ start: node.start, end: node.end });
      else {
        current.children.push(node);
        nodes.push(node);
      }
      if (!comment && cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (current === root || !cursor.gotoParent()) return { root, comments };
        current = current.parent ?? root;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * Parses a file with one grammar. Syntax errors do not throw: tree-sitter recovers, and the tree
 * holds `ERROR` nodes where it had to.
 *
 * @param grammar - a grammar {@link prepareGrammar} has loaded
 * @param text - the file's text
 * @throws TimeBudgetExceeded when the per-file time budget ran out during the parse
 * @throws Error when the grammar has not finished loading or failed to load
 */
export function parseWith(grammar: GrammarName, text: string): ParsedFile {
  const parser = parsers.get(grammar);
  if (!parser) {
    const error = loadErrors.get(grammar);
    throw new Error(`${grammar} parser not loaded (${error instanceof Error ? error.message : 'call prepareGrammar() first'})`);
  }
  // A parse that the watchdog cut off left its state behind: start afresh.
  if (cutOff.has(grammar)) parser.reset();
  cutOff.add(grammar);
  const tree = parser.parse(text, null, { progressCallback: timeBudgetExpired });
  cutOff.delete(grammar);
  if (!tree) {
    parser.reset();
    if (timeBudgetExpired()) throw timeBudgetExceeded();
    throw new Error('tree-sitter returned no tree');
  }
  try {
    return convertTree(tree, text);
  } finally {
    tree.delete();
  }
}
