/**
 * The TypeScript parser as the scanner hands it to ESLint, with 1-based columns in parse errors.
 * typescript-eslint reports a syntax error's column 0-based (TypeScript's `character`), where ESLint
 * messages and espree are 1-based, so a parse error at the start of a line would show column 0.
 *
 * @packageDocumentation
 */
import type { Linter } from 'eslint';

/** A parse error as ESLint reads it: message, 1-based `lineNumber`, `column`. */
interface ParseFailure {
  message: string;
  lineNumber?: unknown;
  column?: unknown;
}

/** The same failure with a 1-based column; errors without a position are rethrown as they are. */
function withOneBasedColumn(error: unknown): unknown {
  const failure = error as ParseFailure | null;
  if (typeof failure?.lineNumber !== 'number' || typeof failure.column !== 'number') return error;
  return Object.assign(new SyntaxError(failure.message), { lineNumber: failure.lineNumber, column: failure.column + 1 });
}

/**
 * Wraps `@typescript-eslint/parser` so that its parse errors carry 1-based columns.
 *
 * @param tsParser - the module, as `require('@typescript-eslint/parser')` returns it
 */
export function withOneBasedColumns(tsParser: Linter.Parser): Linter.Parser {
  if (!('parseForESLint' in tsParser)) return tsParser;
  return {
    meta: tsParser.meta,
    parseForESLint(code: string, options?: Record<string, unknown>) {
      try {
        return tsParser.parseForESLint(code, options);
      } catch (error) {
        throw withOneBasedColumn(error);
      }
    },
  };
}
