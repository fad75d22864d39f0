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
import { convertTree, initTreeSitter, SyntaxNode } from '../../lang/tree.js';
import { AnalyzerParseError } from '../analyzer.js';
import { grammarPath } from '../grammars.js';
import { timeBudgetExceeded, timeBudgetExpired } from '../../scan/time-budget.js';

/** One node of a Python syntax tree: the shared tree-sitter node (src/lang/tree.ts). */
export { SyntaxNode as PyNode };

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
      await initTreeSitter();
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
export function parsePython(text: string): SyntaxNode {
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
    return convertTree(tree, text).root;
  } finally {
    tree.delete();
  }
}
