/**
 * How deeply brackets nest in a text: a cheap, language-independent bound on the depth of the
 * syntax tree a parser would build. Parsers and the analyzers' tree walks recurse or climb that
 * deep (ESLint's overflow the stack past about a thousand levels; walks that look up ancestors
 * from every node take time of nodes × depth), so hostile nesting is refused before any parse.
 *
 * @packageDocumentation
 */

const OPENING = new Set(['(', '[', '{'].map((bracket) => bracket.charCodeAt(0)));
const CLOSING = new Set([')', ']', '}'].map((bracket) => bracket.charCodeAt(0)));

/**
 * Tells whether brackets (`(`, `[`, `{`) nest more than `limit` levels deep anywhere in the text.
 * Every bracket of the text counts: the scanner passes the code without comments and strings
 * (code-only.ts), so that brackets in a comment cannot turn a parse off.
 *
 * @param text - the file's text
 * @param limit - the deepest nesting allowed
 */
export function nestingOver(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (OPENING.has(code)) {
      depth += 1;
      if (depth > limit) return true;
    } else if (CLOSING.has(code) && depth > 0) {
      depth -= 1;
    }
  }
  return false;
}
