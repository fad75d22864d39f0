/**
 * The JS/TS analyzer of the scanner: the plugin's own ESLint rules, run through ESLint's `Linter`
 * with our parser and configuration only. Nothing of the scanned repository (its eslint config,
 * plugins, parsers or code) is loaded.
 *
 * @packageDocumentation
 */
import type { Linter } from 'eslint';
import { createRequire } from 'node:module';
import { rules } from '../../rules/index.js';
import { JS_EXTENSIONS } from '../js/extensions.js';
import { PACKAGE_INFO } from '../package-info.js';
import { PLUGIN_NAMESPACE } from '../policy.js';
import { docsUrlOf, severityOf, tierOf } from '../rule-info.js';
import { isRuleName, RULE_NAMES, ruleNameOf } from '../rule-names.js';
import { redactSecrets } from '../detect/tokens.js';
import { withOneBasedColumns } from './ts-parser.js';
import { printable } from '../report/printable.js';
import { collectFileFacts, type FileFacts } from '../js/file-facts.js';
import type { Diagnostic, LocatedFinding } from './finding.js';
import type { CommentToken } from './suppress.js';

/** What the JS analyzer found in one file. `parsed` is false when markers must stand in. */
export interface JsAnalysis {
  findings: LocatedFinding[];
  diagnostics: Diagnostic[];
  parsed: boolean;
  /** The file's comments, for its disable directives (src/scan/suppress.ts); set when it parsed. */
  comments?: CommentToken[];
  /** What the rules recorded for the scanner's cross-file pass (src/scan/cross-file.ts). */
  facts?: FileFacts;
}

const allRulesOn = Object.fromEntries(RULE_NAMES.map((name) => [`${PLUGIN_NAMESPACE}/${name}`, 'error' as const]));

/** The plugin as the scanner hands it to ESLint: the rules without the configs, whose parser import is eager. */
const scannerPlugin = { meta: { name: PACKAGE_INFO.name, version: PACKAGE_INFO.version }, rules };

/** Extensions parsed with `@typescript-eslint/parser` straight away. */
const TYPESCRIPT_FILE = /\.(?:ts|mts|cts|tsx)$/i;

/** ESLint's Linter, and the only configurations the scanner lints with. */
interface Linting {
  linter: Linter;
  /** For JS: ESLint's own parser (espree), about twice as fast as the TypeScript parser. */
  espree: Linter.Config[];
  /** For TS, and for JS that espree cannot parse (Flow-free TS-isms, sloppy-mode code). */
  typescript: () => Linter.Config[];
  typescriptLoaded: () => boolean;
}

let linting: Linting | undefined;

/**
 * Loads ESLint's `Linter` on the first file that needs a parse, and `@typescript-eslint/parser`
 * (which loads TypeScript: ~0.5-1 s of CPU) on the first file that needs it, so that start-up and
 * scans without such files never pay for them. JSX is on except in `.ts`, `.mts`, `.cts` (so that
 * `<T>value` assertions parse); `.cjs` is CommonJS, other files modules.
 */
function loadLinting(): Linting {
  if (linting) return linting;
  // Both are CommonJS packages: require() loads them synchronously, inside the synchronous analyzeJs.
  const require = createRequire(import.meta.url);
  const { Linter: LinterClass } = require('eslint') as typeof import('eslint');
  const base = (parser?: Linter.Parser): Linter.Config[] => [
    {
      // Patterns such as `**/*` alone do not make ESLint lint a file: every extension is named.
      files: JS_EXTENSIONS.map((extension) => `**/*${extension}`),
      // The scanned file configures nothing: its `eslint-disable*` comments are applied to our
      // findings by src/scan/suppress.ts, from the comment tokens, and `/* eslint rule: off */` is ignored.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      plugins: { [PLUGIN_NAMESPACE]: scannerPlugin as unknown as NonNullable<Linter.Config['plugins']>[string] },
      languageOptions: {
        ...(parser ? { parser } : {}),
        ecmaVersion: 'latest',
        sourceType: 'module',
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      rules: allRulesOn,
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    {
      files: ['**/*.ts', '**/*.mts', '**/*.cts'],
      languageOptions: { parserOptions: { ecmaFeatures: { jsx: false } } },
    },
  ];
  let typescript: Linter.Config[] | undefined;
  linting = {
    linter: new LinterClass({ cwd: '/' }),
    espree: base(),
    typescript: () => (typescript ??= base(withOneBasedColumns(require('@typescript-eslint/parser') as Linter.Parser))),
    typescriptLoaded: () => typescript !== undefined,
  };
  return linting;
}

/** Thrown inside a time budget when a JS file needs the TypeScript parser and it is not loaded yet. */
export class TypeScriptParserNeeded extends Error {
  override name = 'TypeScriptParserNeeded';
}

/**
 * Loads what {@link analyzeJs} needs for a file, outside its time budget: a watchdog that stopped a
 * `require` half-way would leave a half-loaded module in Node's cache for every later file.
 *
 * @param relativePath - the file's path; TypeScript files need the TypeScript parser
 * @param typescriptParser - load the TypeScript parser whatever the path (after {@link TypeScriptParserNeeded})
 */
export function prepareJsAnalysis(relativePath: string, typescriptParser = false): void {
  const fresh = linting === undefined;
  const { linter, espree, typescript, typescriptLoaded } = loadLinting();
  // ESLint requires more modules on its first lint (the rules' option schemas' validator): an empty lint loads them here.
  if (fresh) linter.verify('', espree, { filename: '/prepare.js' });
  if ((typescriptParser || TYPESCRIPT_FILE.test(relativePath)) && !typescriptLoaded()) linter.verify('', typescript(), { filename: '/prepare.ts' });
}

/** Lints with the parser that fits: espree for JS, then the TypeScript parser if espree fails. */
function verify(text: string, relativePath: string): Linter.LintMessage[] {
  const { linter, espree, typescript } = loadLinting();
  const filename = `/${relativePath}`;
  if (TYPESCRIPT_FILE.test(relativePath)) return linter.verify(text, typescript(), { filename });
  const messages = linter.verify(text, espree, { filename });
  if (!messages.some((message) => message.fatal)) return messages;
  if (!loadLinting().typescriptLoaded()) throw new TypeScriptParserNeeded();
  // The TypeScript parser is more lenient (sloppy-mode code, type annotations in .js): its result wins if it parses.
  const retried = linter.verify(text, typescript(), { filename });
  return retried.some((message) => message.fatal) ? messages : retried;
}

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
    ({ result: messages, facts } = collectFileFacts(() => verify(text, relativePath)));
  } catch (error) {
    if (error instanceof TypeScriptParserNeeded) throw error;
    const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
    return { findings: [], diagnostics: [{ kind: 'analyzer-error', reason: `the rules failed (${reason})`, message: `ESLint analysis failed: ${reason}` }], parsed: false };
  }
  const findings: LocatedFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  let parsed = true;
  for (const message of messages) {
    if (message.fatal) {
      parsed = false;
      // espree quotes the character it stopped at, which may be a line break: a diagnostic is one line.
      const reason = printable(redactSecrets(message.message));
      diagnostics.push({
        kind: 'parse-error',
        reason: `a syntax error (${reason})`,
        message: `Could not parse: ${reason}`,
        line: message.line,
        column: message.column,
      });
      continue;
    }
    // ESLint's notes that inline configuration has no effect here (noInlineConfig).
    if (message.ruleId === null) continue;
    const ruleName = ruleNameOf(message.ruleId);
    if (ruleName === undefined || !isRuleName(ruleName)) continue;
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
  for (const finding of findings) {
    const flow = facts.flows?.find((candidate) => candidate.line === finding.line && candidate.column === finding.column && candidate.messageId === finding.messageId);
    if (flow) finding.flow = flow.steps.map(({ location, message }) => ({ line: location.line, column: location.column, endLine: location.endLine, endColumn: location.endColumn, message }));
  }
  return { findings, diagnostics, parsed, facts, comments: parsed ? commentsOf(loadLinting().linter) : undefined };
}

/** The comments of the file the linter parsed last, with 1-based columns. */
function commentsOf(linter: Linter): CommentToken[] {
  return (linter.getSourceCode()?.getAllComments() ?? []).map((comment) => ({
    type: comment.type === 'Line' ? 'Line' : 'Block',
    value: comment.value,
    line: comment.loc?.start.line ?? 1,
    column: (comment.loc?.start.column ?? 0) + 1,
    endLine: comment.loc?.end.line ?? 1,
  }));
}
