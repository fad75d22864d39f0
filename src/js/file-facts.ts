/**
 * Facts a rule records about one file for the scanner's cross-file pass (src/scan/cross-file.ts).
 * ESLint's `Linter.verify` is synchronous, so the scanner opens a collection, lints one file, and
 * closes it; rules that run outside a collection (in the editor) record nothing.
 *
 * @packageDocumentation
 */
import type { EntryPoint, Location, Sink } from '../model/facts.js';

/** A name imported from another module of the repository. */
export interface ImportUseFact {
  /** The specifier as written (`./lib/claude.js`). */
  source: string;
  /** The export used: a name, `default`, or `*` for the whole module. */
  name: string;
  /** Where the importing file's code uses it: a hop on the path from an entry point to a Claude call. */
  location?: Location;
}

/** What the scanner's cross-file pass needs to know about one file, in the model's terms. */
export interface SurfaceFileFacts {
  /**
   * Each export: the Claude calls it reaches in this file that an entry point would make a finding
   * of (subscription-capable, no API key, nothing red already), and the repository imports it uses.
   */
  exports: Array<{ name: string; sites: Sink[]; uses: ImportUseFact[] }>;
  /** Each entry point, and the repository imports its code uses. */
  surfaces: Array<{ entry: EntryPoint; uses: ImportUseFact[] }>;
  /** The file configures an API key (reads `ANTHROPIC_API_KEY`, selects a cloud provider): what its entry points reach inherits it. */
  configuresApiKey?: boolean;
}

/** The path from an entry point to a finding of the file being linted (a reported decision's entry point and hops). */
export interface RecordedFlow {
  /** The finding's 1-based line and column, and messageId. */
  line: number;
  column: number;
  messageId: string;
  /** Each place in the file, first to last, with what happens there. */
  steps: Array<{ location: Location; message: string }>;
}

/** Everything recorded for one file, by kind. */
export interface FileFacts {
  surface?: SurfaceFileFacts;
  flows?: RecordedFlow[];
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

/** Records the path to a finding of the file being linted; does nothing outside a collection. */
export function recordFlow(flow: RecordedFlow): void {
  if (collecting) (collecting.flows ??= []).push(flow);
}

/** Records facts of the file being linted; does nothing outside a collection. */
export function recordFileFacts(facts: FileFacts): void {
  if (collecting) Object.assign(collecting, facts);
}
