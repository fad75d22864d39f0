/**
 * Inline suppression for every kind of file, applied once after analysis (secretlint's habit):
 *
 * ```sh
 * # claude-auth-lint-disable-next-line no-embedded-token -- revoked test token, kept for the parser tests
 * ```
 *
 * The directive stands in a comment of the file's language: `//` or `/*` in JS/TS, `#` in Python,
 * shell, YAML, Dockerfiles and .env files, `<!--` in Markdown, and any of `#`, `//`, `/*`, `<!--`,
 * `;`, `--` in other text files (package.json has no comments). It names one or more rules
 * (`no-embedded-token` or `claude-auth/no-embedded-token`, separated by commas or spaces), and
 * gives a reason after ` -- `. It suppresses findings of those rules that
 * start on the next line. A directive without a rule, with an unknown rule, or without a reason
 * suppresses nothing and is reported as an `invalid-directive` diagnostic; one that suppresses
 * nothing is reported as `unused-directive`. JS/TS files also honour ESLint's own
 * `eslint-disable*` comments, through ESLint's `Linter` (analyze-js.ts).
 *
 * @packageDocumentation
 */
import { isRuleName, ruleIdOf, ruleNameOf } from '../rule-names.js';
import type { FileKind } from './classify.js';
import type { Diagnostic, LocatedFinding } from './finding.js';

/** The directive's keyword. */
export const DISABLE_NEXT_LINE = 'claude-auth-lint-disable-next-line';

/** Comment openers (regular-expression sources) by kind of file; `text` is any other language. */
const COMMENT_OPENERS: Readonly<Record<FileKind, readonly string[]>> = {
  js: ['//+', '/\\*+'],
  python: ['#+'],
  go: ['//+', '/\\*+'],
  ruby: ['#+'],
  shell: ['#+'],
  rust: ['//+', '/\\*+'],
  swift: ['//+', '/\\*+'],
  'package-json': [],
  dotenv: ['#+'],
  dockerfile: ['#+'],
  compose: ['#+'],
  workflow: ['#+'],
  prose: ['<!--'],
  text: ['#+', '//+', '/\\*+', '<!--', ';+', '--'],
  binary: [],
};

/**
 * A comment opener of the file's language followed by the keyword. The opener must start the line
 * or follow white space, so that the keyword inside a string or a URL is not taken for a directive.
 */
const DIRECTIVES = Object.fromEntries(
  Object.entries(COMMENT_OPENERS).map(([kind, openers]) => [
    kind,
    new RegExp(`(?:^|\\s)(?:${openers.join('|') || '(?!)'})[ \\t]*${DISABLE_NEXT_LINE}(?=\\s|$|-->|\\*/)(.*)$`, 'gm'),
  ]),
) as Record<FileKind, RegExp>;

/** A parsed directive. */
export interface Directive {
  /** 1-based line of the directive; it applies to `line + 1`. */
  line: number;
  /** 1-based column of the keyword. */
  column: number;
  /** Rule ids (`claude-auth/<name>`) it suppresses; empty for an invalid directive. */
  ruleIds: string[];
  reason: string;
  /** Why it is invalid, when it is. */
  problem?: string;
}

/**
 * Every directive in a text, valid or not, in text order.
 *
 * @param kind - the file's kind: which comment syntax counts (default: any of them)
 */
export function parseDirectives(text: string, kind: FileKind = 'text'): Directive[] {
  if (!text.includes(DISABLE_NEXT_LINE)) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVES[kind])) {
    const keywordAt = match.index + match[0].indexOf(DISABLE_NEXT_LINE);
    const lineStart = text.lastIndexOf('\n', keywordAt - 1) + 1;
    const line = text.slice(0, keywordAt).split('\n').length;
    const body = (match[1] ?? '').replace(/\s*(?:-->|\*\/)\s*$/, '');
    const separator = /(?:^|\s)--(?:\s|$)/.exec(body);
    const ruleList = separator ? body.slice(0, separator.index) : body;
    const reason = separator ? body.slice(separator.index + separator[0].length).trim() : '';
    const names = ruleList.split(/[\s,]+/).filter(Boolean);
    const unknown = names.filter((name) => !isRuleName(ruleNameOf(name) ?? name));
    let problem: string | undefined;
    if (names.length === 0) problem = 'names no rule';
    else if (unknown.length > 0) problem = `names an unknown rule (${unknown.join(', ')})`;
    else if (reason === '') problem = 'gives no reason';
    directives.push({
      line,
      column: keywordAt - lineStart + 1,
      ruleIds: problem ? [] : names.map((name) => ruleIdOf(ruleNameOf(name) ?? name)),
      reason,
      ...(problem ? { problem } : {}),
    });
  }
  return directives;
}

/** The findings left after suppression, and diagnostics about the directives. */
export interface Suppression<F extends LocatedFinding> {
  findings: F[];
  diagnostics: Diagnostic[];
}

/**
 * Applies the `claude-auth-lint-disable-next-line` directives of a file to its findings.
 *
 * @param text - the file's text
 * @param kind - the file's kind, for its comment syntax
 * @param findings - the file's findings (any order)
 * @returns the findings not suppressed, in the given order, and one diagnostic per invalid or
 *   unused directive (unused: one per rule id that suppressed nothing)
 */
export function applyDirectives<F extends LocatedFinding>(text: string, kind: FileKind, findings: readonly F[]): Suppression<F> {
  const directives = parseDirectives(text, kind);
  if (directives.length === 0) return { findings: [...findings], diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const used = new Set<string>();
  const byLine = new Map<number, Directive[]>();
  for (const directive of directives) {
    if (directive.problem) {
      diagnostics.push({
        kind: 'invalid-directive',
        message: `This ${DISABLE_NEXT_LINE} directive ${directive.problem}, so it suppresses nothing. Write: ${DISABLE_NEXT_LINE} <rule-id> -- <reason>`,
        line: directive.line,
        column: directive.column,
      });
      continue;
    }
    byLine.set(directive.line + 1, [...(byLine.get(directive.line + 1) ?? []), directive]);
  }
  const kept = findings.filter((finding) => {
    const directive = byLine.get(finding.line)?.find((candidate) => candidate.ruleIds.includes(finding.ruleId));
    if (directive) used.add(`${directive.line}\0${finding.ruleId}`);
    return directive === undefined;
  });
  for (const directive of directives) {
    for (const ruleId of directive.ruleIds) {
      if (used.has(`${directive.line}\0${ruleId}`)) continue;
      diagnostics.push({
        kind: 'unused-directive',
        message: `Unused ${DISABLE_NEXT_LINE} directive (no ${ruleId} problem on line ${directive.line + 1}).`,
        line: directive.line,
        column: directive.column,
      });
    }
  }
  return { findings: kept, diagnostics };
}
