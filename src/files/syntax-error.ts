/**
 * The error an analyzer throws when its file does not parse. The scanner reports it as a
 * `parse-error` diagnostic at its position, and the text markers stand in for the analyzer.
 *
 * @packageDocumentation
 */

/** A file that does not parse, and where. Line and column are 1-based. */
export class FileSyntaxError extends Error {
  override name = 'FileSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}
