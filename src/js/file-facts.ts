/**
 * Facts a rule records about one file for the scanner's cross-file pass (src/scan/cross-file.ts).
 * ESLint's `Linter.verify` is synchronous, so the scanner opens a collection, lints one file, and
 * closes it; rules that run outside a collection (in the editor) record nothing.
 *
 * @packageDocumentation
 */

/** A place in a file: 1-based line and column, end exclusive, as in ESLint messages. */
export interface SiteFact {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A subscription-capable Claude call with no API key configured. */
export interface ClaudeSiteFact extends SiteFact {
  /** How it reaches Claude, for messages: "`claude -p` (a child process)". */
  path: string;
}

/** A name imported from another module of the repository. */
export interface ImportUseFact {
  /** The specifier as written (`./lib/claude.js`). */
  source: string;
  /** The export used: a name, `default`, or `*` for the whole module. */
  name: string;
}

/** What no-multi-user-surface knows about one file. */
export interface SurfaceFileFacts {
  /** Each export: the Claude calls it reaches in this file, and the repository imports it uses. */
  exports: Array<{ name: string; sites: ClaudeSiteFact[]; uses: ImportUseFact[] }>;
  /** Each multi-user surface: its label, where it is registered, and the repository imports it uses. */
  surfaces: Array<{ label: string; line: number; uses: ImportUseFact[] }>;
}

/** Everything recorded for one file, by kind. */
export interface FileFacts {
  surface?: SurfaceFileFacts;
}

let collecting: FileFacts | undefined;

/**
 * Runs `lint` with a collection open and returns what rules recorded.
 *
 * @param lint - a synchronous lint of one file
 */
export function collectFileFacts<T>(lint: () => T): { result: T; facts: FileFacts } {
  const previous = collecting;
  const facts: FileFacts = {};
  collecting = facts;
  try {
    return { result: lint(), facts };
  } finally {
    collecting = previous;
  }
}

/** True while the scanner collects facts: rules compute them only then. */
export function isCollectingFacts(): boolean {
  return collecting !== undefined;
}

/** Records facts of the file being linted; does nothing outside a collection. */
export function recordFileFacts(facts: FileFacts): void {
  if (collecting) Object.assign(collecting, facts);
}
