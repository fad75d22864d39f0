import type { ScanResult } from '../scan/run.js';

/** What every formatter receives. */
export interface FormatInput extends ScanResult {
  /** Whether ANSI colours may be used (a TTY, and NO_COLOR unset). */
  color: boolean;
}

/**
 * A formatter is a pure function from scan results to the text to print or write; it may return a
 * promise, as ESLint's formatters may, to load what only some results need.
 */
export type Formatter = (input: FormatInput) => string | Promise<string>;
