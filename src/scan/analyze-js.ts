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
import { withoutHiddenDisables, withoutInlineRuleConfig } from './eslint-comments.js';
import { printable } from '../report/printable.js';
import { collectFileFacts, type FileFacts } from '../js/file-facts.js';
import type { Diagnostic, LocatedFinding } from './finding.js';

/** What the JS analyzer found in one file. `parsed` is false when markers must stand in. */
export interface JsAnalysis {
  findings: LocatedFinding[];
  diagnostics: Diagnostic[];
  parsed: boolean;
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
  };
  return linting;
}

/** Lints with the parser that fits: espree for JS, then the TypeScript parser if espree fails. */
function verify(text: string, relativePath: string): Linter.LintMessage[] {
  const { linter, espree, typescript } = loadLinting();
  const filename = `/${relativePath}`;
  if (TYPESCRIPT_FILE.test(relativePath)) return linter.verify(text, typescript(), { filename });
  const messages = linter.verify(text, espree, { filename });
  if (!messages.some((message) => message.fatal)) return messages;
  // The TypeScript parser is more lenient (sloppy-mode code, type annotations in .js): its result wins if it parses.
  const retried = linter.verify(text, typescript(), { filename });
  return retried.some((message) => message.fatal) ? messages : retried;
}

/**
 * ESLint directives that disable every rule: `/* eslint-disable *\/`, `// eslint-disable-line`,
 * `// eslint-disable-next-line` with no rule list, or a list of commas only (`/* eslint-disable , *\/`,
 * which ESLint reads as no list); a `-- reason` may follow. Linear: each repeated part is followed
 * by a character it cannot match. Source of the grammar:
 * https://eslint.org/docs/latest/use/configure/rules#disabling-rules
 */
const BLANKET_DISABLE = /\/\*\s*eslint-disable(?:-line|-next-line)?(?=[\s*])[\s,]*(?:-{2,}\s[^*/]*(?:(?:\*(?!\/)|\/(?!\*))[^*/]*)*)?\*\/|\/\/[ \t]*eslint-disable(?:-line|-next-line)(?=[ \t,]|$)[ \t,]*(?:-{2,}[ \t].*)?$/gm;

/**
 * Blanks out blanket `eslint-disable` comments (same length, so positions stay). A file-wide
 * `/* eslint-disable *\/` is common in generated and vendored code and was written for style
 * rules; it must not hide a subscription token from the scanner. Directives that name a
 * `claude-auth/` rule, or any rule, keep working.
 */
export function withoutBlanketDisables(text: string): string {
  if (!text.includes('eslint-disable')) return text;
  return text.replace(BLANKET_DISABLE, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** Our rule ids quoted in an ESLint message, e.g. `'claude-auth/no-embedded-token'`. */
const QUOTED_RULE_ID = new RegExp(`'(${PLUGIN_NAMESPACE}/[a-z0-9-]+)'`, 'g');

/**
 * The diagnostic for one of ESLint's directive messages (ruleId null), when it concerns our rules:
 * an unused `eslint-disable*` / `eslint-enable` that names a `claude-auth/` rule. Directives about
 * other plugins' rules are the scanned project's own business and are dropped.
 */
function directiveDiagnostic(message: Linter.LintMessage): Diagnostic | undefined {
  const ours = [...message.message.matchAll(QUOTED_RULE_ID)].map((match) => match[1]);
  if (!/^Unused eslint-(disable|enable) directive/.test(message.message) || ours.length === 0) return undefined;
  const directive = /^Unused (eslint-[a-z-]+) directive/.exec(message.message)?.[1] ?? 'eslint-disable';
  return {
    kind: 'unused-directive',
    message: `Unused ${directive} directive (no problems were reported from ${ours.map((id) => `'${id}'`).join(' or ')}).`,
    line: message.line,
    column: message.column,
  };
}

/**
 * Lints one JS/TS file with the plugin's rules.
 *
 * @param text - the file's text
 * @param relativePath - its `/`-separated path relative to the scan root (rules may look at it,
 *   e.g. to recognise a Next.js route)
 * @param options - `untrusted`: gate mode, where a disable directive for our rules needs a reason
 * @returns findings; a parse error or a rule that throws becomes a diagnostic with `parsed: false`
 */
export function analyzeJs(text: string, relativePath: string, options: { untrusted?: boolean } = {}): JsAnalysis {
  let messages: Linter.LintMessage[];
  let facts: FileFacts;
  try {
    ({ result: messages, facts } = collectFileFacts(() => verify(withoutHiddenDisables(withoutInlineRuleConfig(withoutBlanketDisables(text)), options), relativePath)));
  } catch (error) {
    const reason = redactSecrets(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error));
    return { findings: [], diagnostics: [{ kind: 'analyzer-error', message: `ESLint analysis failed: ${reason}` }], parsed: false };
  }
  const findings: LocatedFinding[] = [];
  const diagnostics: Diagnostic[] = [];
  let parsed = true;
  for (const message of messages) {
    if (message.fatal) {
      parsed = false;
      diagnostics.push({
        kind: 'parse-error',
        // espree quotes the character it stopped at, which may be a line break: a diagnostic is one line.
        message: `Could not parse: ${printable(redactSecrets(message.message))}`,
        line: message.line,
        column: message.column,
      });
      continue;
    }
    if (message.ruleId === null) {
      const diagnostic = directiveDiagnostic(message);
      if (diagnostic) diagnostics.push(diagnostic);
      continue;
    }
    // Inline configuration in the scanned file may name other plugins' rules: not ours to report.
    const ruleName = ruleNameOf(message.ruleId);
    if (ruleName === undefined) continue;
    if (!isRuleName(ruleName)) {
      // ESLint's "Definition for rule 'claude-auth/…' was not found": a directive with a typo.
      diagnostics.push({ kind: 'invalid-directive', message: redactSecrets(message.message), line: message.line, column: message.column });
      continue;
    }
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
