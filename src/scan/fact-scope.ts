/**
 * The function a finding sits in, for grouping one fact's places (src/scan/group.ts): the same
 * credential source in one function is one fact; in two functions, two (each function reaches the
 * credential on its own). The scopes come from the text, without a parser, the same way for every
 * language: a line that defines a function, method or class (`def`, `function`, `func`, `fn`, a JS
 * method or arrow function, a shell function), or a loop or condition at file level, opens a scope, which ends at the next line indented
 * no deeper than the definition that is not a closing bracket or `end`. This over-approximates:
 * code that the heuristic does not see as a definition counts as part of the scope around it.
 *
 * @packageDocumentation
 */

/** Lines that define a function, method or class, in the languages the scanner sees. */
const DEFINITION = new RegExp(
  [
    // Python, Ruby, Elixir, Kotlin, Scala, Swift, Go, Rust, shell `function`, JS `function`/`class`.
    String.raw`^\s*(?:(?:export|default|pub(?:\([\w:]+\))?|public|private|protected|internal|static|async|override|open|final|abstract|unsafe|extern|@\w+)\s+)*(?:def|defp|fun|func|fn|function\*?|class|struct|impl|module|interface|trait)\b`,
    // A JS/TS/Java/C# method: `name(args) {`, `async name(…): T {`, `public static T name(…) {`.
    String.raw`^\s*(?:(?:public|private|protected|static|async|override|readonly|get|set|final|synchronized)\s+)*(?:[\w<>\[\],.?]+\s+)?(?!(?:if|for|while|switch|catch|with|return|else|do|try|function)\b)[A-Za-z_$][\w$]*\s*\([^;]*\)\s*(?::\s*[^{;=]+)?(?:throws\s+[\w., ]+)?\{\s*$`,
    // An arrow function or function expression bound to a name: `const f = async (a) => {`.
    String.raw`^\s*(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=]+)?=>\s*\{?\s*$|[\w$]+\s*=>\s*\{?\s*$)`,
    // A shell function: `name() {`.
    String.raw`^\s*[\w.:-]+\s*\(\)\s*\{?\s*$`,
  ].join('|'),
);

/**
 * A block at file level (a script's loop or condition: `for … do`, `if …; then`, `while …:`, `… {`):
 * in a script without functions, each such block is a unit of work of its own.
 */
const FILE_LEVEL_BLOCK = /^(?:for|while|until|if|case|select|with|try|unless|loop)\b.*(?:\bdo|\bthen|\bin|:|\{)\s*$/;

/** A line that only closes what is open (`}`, `end`, `});`, `fi`, `esac`): it belongs to that scope, which ends after it. */
const CLOSING = /^\s*(?:\}[;,)\]]*|end|fi|esac|done)\s*$/;
/** A line that continues the line before (`) -> Dict:`, `]`): it neither ends nor closes a scope. */
const CONTINUATION = /^\s*[)\]]/;

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
}

/**
 * The scope of every line of a text: the 1-based line of the innermost definition around it, or 0
 * at file level.
 *
 * @param text - a whole file
 * @returns an array indexed by 1-based line number (index 0 unused)
 */
export function definitionScopes(text: string): number[] {
  const scopes = [0];
  const open: { line: number; indent: number }[] = [];
  // Line by line without splitting the text: a file of a million lines holds one number per line, not a string.
  for (let start = 0, index = 0; start <= text.length; index += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() !== '') {
      const indent = indentOf(line);
      const closing = CLOSING.test(line);
      // A line no deeper than a definition ends it, unless it is that definition's closing bracket.
      while (open.length > 0 && indent <= (open.at(-1)?.indent ?? 0) && !CONTINUATION.test(line)) {
        if (closing && indent === open.at(-1)?.indent) break;
        open.pop();
      }
      if (DEFINITION.test(line) || (indent === 0 && FILE_LEVEL_BLOCK.test(line))) open.push({ line: index + 1, indent });
      scopes.push(open.at(-1)?.line ?? 0);
      // The closing line belongs to the scope it closes; the scope ends after it.
      if (closing && open.length > 0 && indent === open.at(-1)?.indent) open.pop();
    } else {
      scopes.push(open.at(-1)?.line ?? 0);
    }
  }
  return scopes;
}
