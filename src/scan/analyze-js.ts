/**
 * The JS/TS analyzer of the scanner: the plugin's own ESLint rules, run through ESLint's `Linter`
 * with our parser and configuration only. Nothing of the scanned repository (its eslint config,
 * plugins, parsers or code) is loaded.
 *
 * @packageDocumentation
 */
import { Linter } from 'eslint';
import plugin from '../plugin.js';
import { PLUGIN_NAMESPACE } from '../policy.js';
import { RULE_NAMES, docsUrlOf, ruleNameOf, severityOf, tierOf } from '../rule-info.js';
import { redactSecrets } from '../detect/tokens.js';
import { collectFileFacts, type FileFacts } from '../js/file-facts.js';
import type { Diagnostic, Finding } from './finding.js';
import { typescriptParser } from './ts-parser.js';

/** What the JS analyzer found in one file. `parsed` is false when markers must stand in. */
export interface JsAnalysis {
  findings: Finding[];
  diagnostics: Diagnostic[];
  parsed: boolean;
  /** What the rules recorded for the scanner's cross-file pass (src/scan/cross-file.ts). */
  facts?: FileFacts;
}

const allRulesOn = Object.fromEntries(RULE_NAMES.map((name) => [`${PLUGIN_NAMESPACE}/${name}`, 'error' as const]));

/**
 * The only configuration the scanner lints with. TypeScript files are parsed without JSX (so that
 * `<T>value` assertions parse); every other extension with JSX.
 */
const config: Linter.Config[] = [
  {
    files: ['**/*'],
    plugins: { [PLUGIN_NAMESPACE]: plugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
    languageOptions: {
      parser: typescriptParser,
      ecmaVersion: 'latest',
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: allRulesOn,
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
  },
];

const linter = new Linter({ cwd: '/' });

/**
 * Lints one JS/TS file with the plugin's rules.
 *
 * @param text - the file's text
 * @param relativePath - its `/`-separated path relative to the scan root (rules may look at it,
 *   e.g. to recognise a Next.js route)
 * @returns findings; a parse error or a rule that throws becomes a diagnostic with `parsed: false`
 */
export function analyzeJs(text: string, relativePath: string): JsAnalysis {
  let messages: Linter.LintMessage[];
  let facts: FileFacts;
  try {
    ({ result: messages, facts } = collectFileFacts(() => linter.verify(text, config, { filename: `/${relativePath}` })));
  } catch (error) {
    const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
    return { findings: [], diagnostics: [{ kind: 'analyzer-error', message: `ESLint analysis failed: ${reason}` }], parsed: false };
  }
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  let parsed = true;
  for (const message of messages) {
    if (message.fatal) {
      parsed = false;
      diagnostics.push({
        kind: 'parse-error',
        message: `Could not parse: ${redactSecrets(message.message)}`,
        line: message.line,
        column: message.column,
      });
      continue;
    }
    // Inline configuration in the scanned file may name other plugins' rules: not ours to report.
    const ruleName = ruleNameOf(message.ruleId);
    if (ruleName === undefined) continue;
    const messageId = message.messageId ?? '';
    findings.push({
      ruleId: message.ruleId ?? '',
      messageId,
      // Rules redact what they quote; this is the net under them (a name, a path built from a token).
      message: redactSecrets(message.message),
      tier: tierOf(ruleName, messageId),
      severity: severityOf(ruleName, messageId),
      line: message.line,
      column: message.column,
      endLine: message.endLine ?? message.line,
      endColumn: message.endColumn ?? message.column,
      docsUrl: docsUrlOf(ruleName),
    });
  }
  return { findings, diagnostics, parsed, facts };
}
