/**
 * The parser of the plugin's flat configs: ESLint's own espree for JavaScript and
 * `@typescript-eslint/parser` for TypeScript, chosen per file from its extension. A flat config
 * object has one `languageOptions.parser` for all its files, and `configs.recommended` must stay one
 * object, so the choice is made here, at parse time.
 *
 * Why not the TypeScript parser for everything: it loads TypeScript (about 1 s of CPU on the first
 * file, what a language server's first validation waits for) and parses JS at about half espree's
 * speed. It is loaded on the first TS file, or the first JS file espree rejects (type annotations or
 * decorators in a `.js` file, sloppy-mode code in a module), which it then parses as before; the
 * scanner does the same (src/scan/analyze-js.ts).
 *
 * @packageDocumentation
 */
import { createRequire } from 'node:module';
import type { Linter } from 'eslint';
import { PACKAGE_INFO } from '../package-info.js';

/** Extensions that only the TypeScript parser reads. */
const TYPESCRIPT_FILE = /\.(?:ts|mts|cts|tsx)$/i;

/** What ESLint passes a parser: its `parserOptions`, `ecmaVersion`, `sourceType`, and the file's path. */
type ParserOptions = Record<string, unknown> & { filePath?: string; ecmaFeatures?: Record<string, unknown> };

/** The parts of a parser module this one calls. */
interface ParseForESLint {
  parseForESLint(text: string, options: ParserOptions): { ast: unknown };
}
interface Parse {
  parse(text: string, options: ParserOptions): unknown;
}

// Both are CommonJS and parsing is synchronous: require() loads them on first use.
const require = createRequire(import.meta.url);
let typescriptParser: ParseForESLint | undefined;
let espree: Parse | undefined;

function loadTypescriptParser(): ParseForESLint {
  return (typescriptParser ??= require('@typescript-eslint/parser') as ParseForESLint);
}

/** The espree of the ESLint installation that loads the plugin (a dependency of `eslint`, not ours), so JS parses exactly as ESLint's default parser would. */
function loadEspree(): Parse {
  return (espree ??= createRequire(require.resolve('eslint/package.json'))('espree') as Parse);
}

/**
 * Parses one file for ESLint: TS files with `@typescript-eslint/parser`; JS files with espree, JSX on
 * (as the TypeScript parser reads JSX in `.js`), and with the TypeScript parser when espree throws.
 * ESLint analyses scopes itself for espree's tree.
 *
 * @param text - the file's text
 * @param options - ESLint's parser options, with `filePath`
 * @throws SyntaxError espree's error (1-based line and column) when neither parser reads a JS file,
 *   or the TypeScript parser's for a TS file
 */
function parseForESLint(text: string, options: ParserOptions): { ast: unknown } {
  if (TYPESCRIPT_FILE.test(options.filePath ?? '')) return loadTypescriptParser().parseForESLint(text, options);
  try {
    return { ast: loadEspree().parse(text, { ...options, ecmaFeatures: { ...options.ecmaFeatures, jsx: true } }) };
  } catch (espreeError) {
    try {
      return loadTypescriptParser().parseForESLint(text, options);
    } catch {
      throw espreeError;
    }
  }
}

/** The parser `configs.recommended` and `configs.strict` set (its `meta` lets ESLint cache and print configs). */
export const configParser = {
  meta: { name: `${PACKAGE_INFO.name}/parser`, version: PACKAGE_INFO.version },
  parseForESLint,
} as unknown as Linter.Parser;
