/**
 * The `--format` names, apart from the formatters themselves so that `--help` and option checks
 * need not load them.
 *
 * @packageDocumentation
 */

/** Every `--format` name; src/report/index.ts maps each to its formatter. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'html'] as const;

/** One of {@link FORMAT_NAMES}. */
export type FormatName = (typeof FORMAT_NAMES)[number];
