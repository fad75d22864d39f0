import type { ScanResult } from '../scan/run.js';

/** What every formatter receives. */
export interface FormatInput extends ScanResult {
  /** Whether ANSI colours may be used (a TTY, and NO_COLOR unset). */
  color: boolean;
}

/** A formatter is a pure function from scan results to the text to print or write. */
export type Formatter = (input: FormatInput) => string;
