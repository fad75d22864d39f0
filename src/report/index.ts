/**
 * The formatters, by `--format` name. Each is imported when it is chosen: most pull in the rules'
 * metadata, which a clean run printed as stylish never needs.
 *
 * @packageDocumentation
 */
import type { FormatName } from './format-names.js';
import type { Formatter } from './types.js';

const FORMATTER_MODULES: Readonly<Record<FormatName, () => Promise<Formatter>>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  github: async () => (await import('./github.js')).formatGithub,
  html: async () => (await import('./html.js')).formatHtml,
};

/**
 * The formatter of a `--format` name.
 *
 * @param name - one of FORMAT_NAMES (src/report/format-names.ts)
 */
export function loadFormatter(name: FormatName): Promise<Formatter> {
  return FORMATTER_MODULES[name]();
}

export { FORMAT_NAMES, type FormatName } from './format-names.js';
export type { Formatter, FormatInput } from './types.js';
