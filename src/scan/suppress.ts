/**
 * Inline suppression for every kind of file, applied once after analysis (secretlint's habit):
 *
 * ```sh
 * # claude-auth-lint-disable-next-line no-embedded-token -- revoked test token, kept for the parser tests
 * export CLAUDE_CODE_OAUTH_TOKEN=sk-ant-oat01-…
 * ```
 *
 * Four directives, as ESLint has them: `claude-auth-lint-disable-line` (findings on its own line),
 * `claude-auth-lint-disable-next-line` (on the line after the comment), and `claude-auth-lint-disable` …
 * `claude-auth-lint-enable` blocks (findings between them, or to the end of the file). Each names one
 * or more rules (`no-embedded-token` or `claude-auth/no-embedded-token`, separated by commas or
 * spaces) and, but for `-enable`, gives a reason after ` -- `. A directive without a rule, with an
 * unknown rule, or without a reason suppresses nothing and is reported as an `invalid-directive`
 * diagnostic; one that suppresses nothing is reported as `unused-directive`, as ESLint reports its own.
 *
 * Where the directives are: in JS/TS that ESLint parsed, in the comments its parser gave (never a
 * regular expression over the text, so a string that looks like a comment is not one); there
 * ESLint's own `eslint-disable*`/`eslint-enable` comments count too, for our rules: ESLint runs with
 * `noInlineConfig` (src/scan/analyze-js.ts) and they are applied here, with ESLint's grammar
 * (https://eslint.org/docs/latest/use/configure/rules#disabling-rules). A blanket `eslint-disable`
 * that names no rule (generated and vendored code) does not hide our findings, and one that names
 * only other plugins' rules is not ours to report. In every other file, and in JS/TS that did not
 * parse, a directive stands in a comment of the file's language: `#` in Python, shell, YAML,
 * Dockerfiles and .env files, `<!--` in Markdown, `//` or `/*` in JS/TS, and any of `#`, `//`, `/*`,
 * `<!--`, `;`, `--` in other text files (package.json has no comments).
 *
 * @packageDocumentation
 */
import { isKnownRuleName, ruleIdOf, ruleNameOf } from '../rule-names.js';
import type { FileKind } from './classify.js';
import type { Diagnostic, LocatedFinding } from './finding.js';

/** The prefix of our directives' keywords. */
export const DIRECTIVE_PREFIX = 'claude-auth-lint';

/** The next-line directive's keyword, the one most files use. */
export const DISABLE_NEXT_LINE = `${DIRECTIVE_PREFIX}-disable-next-line`;

/** What a directive does. */
export type DirectiveType = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** Longest first, so that `-disable` does not take `-disable-line` apart. */
const DIRECTIVE_TYPES = 'disable-next-line|disable-line|disable|enable';

/** A comment as a parser gave it: its text without the delimiters, and where it starts and ends. */
export interface CommentToken {
  /** `Line` (`// …`) or `Block` (`/* … *\/`), as ESTree says. */
  type: 'Line' | 'Block';
  value: string;
  /** 1-based line and column of the comment's first character (the delimiter). */
  line: number;
  column: number;
  /** 1-based line of its last character. */
  endLine: number;
}

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
 * A comment opener of the file's language followed by one of our keywords. The opener must start
 * the line or follow white space, so that the keyword inside a string or a URL is not taken for a
 * directive. Only for files without comment tokens: a line is searched, never across lines.
 */
const DIRECTIVES = Object.fromEntries(
  Object.entries(COMMENT_OPENERS).map(([kind, openers]) => [
    kind,
    new RegExp(`(?:^|\\s)(?:${openers.join('|') || '(?!)'})[ \\t]*${DIRECTIVE_PREFIX}-(${DIRECTIVE_TYPES})(?=\\s|$|-->|\\*/)(.*)$`, 'gm'),
  ]),
) as Record<FileKind, RegExp>;

/** A directive in a comment's text (ours or ESLint's), with what follows its keyword. */
const COMMENT_DIRECTIVE = new RegExp(`^\\s*(${DIRECTIVE_PREFIX}|eslint)-(${DIRECTIVE_TYPES})(?=\\s|$)([\\s\\S]*)$`);

/** A parsed directive. */
export interface Directive {
  /** The keyword as written: `claude-auth-lint-disable-next-line`, `eslint-disable`, … */
  keyword: string;
  type: DirectiveType;
  /** 1-based line and column of the directive (our keyword; an ESLint comment's start). */
  line: number;
  column: number;
  /** 1-based line its comment ends on: a next-line directive applies to the line after it. */
  endLine: number;
  /** Rule ids (`claude-auth/<name>`) it applies to; empty for an invalid directive. */
  ruleIds: string[];
  reason: string;
  /** Why it is invalid, when it is. */
  problem?: string;
}

/** The rule list and the reason of a directive's text (after the keyword), split at ` -- `. */
function splitBody(body: string): { ruleList: string; reason: string } {
  const separator = /(?:^|\s)-{2,}(?:\s|$)/.exec(body);
  return separator
    ? { ruleList: body.slice(0, separator.index), reason: body.slice(separator.index + separator[0].length).trim() }
    : { ruleList: body, reason: '' };
}

/** One of our directives, checked: rules named and known, a reason given where one is needed. */
function ourDirective(type: DirectiveType, body: string, at: Pick<Directive, 'line' | 'column' | 'endLine'>): Directive {
  const { ruleList, reason } = splitBody(body);
  const names = ruleList.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !isKnownRuleName(ruleNameOf(name) ?? name));
  let problem: string | undefined;
  if (names.length === 0) problem = 'names no rule';
  else if (unknown.length > 0) problem = `names an unknown rule (${unknown.join(', ')})`;
  else if (reason === '' && type !== 'enable') problem = 'gives no reason';
  else if (type === 'disable-line' && at.endLine !== at.line) problem = 'spans several lines';
  return {
    keyword: `${DIRECTIVE_PREFIX}-${type}`,
    type,
    ...at,
    ruleIds: problem ? [] : names.map((name) => ruleIdOf(ruleNameOf(name) ?? name)),
    reason,
    ...(problem ? { problem } : {}),
  };
}

/**
 * An ESLint directive, as far as it concerns our rules: undefined when it names none of them
 * (a blanket one, or one for other plugins' rules). ESLint separates rules with commas.
 */
function eslintDirective(type: DirectiveType, body: string, at: Pick<Directive, 'line' | 'column' | 'endLine'>): Directive | undefined {
  const { ruleList, reason } = splitBody(body);
  const ours = ruleList.split(',').map((name) => name.trim()).filter((name) => ruleNameOf(name) !== undefined);
  if (ours.length === 0) return undefined;
  const unknown = ours.filter((name) => !isKnownRuleName(ruleNameOf(name) ?? ''));
  const problem = unknown.length > 0 ? `names an unknown rule (${unknown.join(', ')})` : undefined;
  return { keyword: `eslint-${type}`, type, ...at, ruleIds: problem ? [] : ours, reason, ...(problem ? { problem } : {}) };
}

/**
 * Every one of our directives in a text, valid or not, in text order, found by the comment syntax of
 * the file's kind (for files without comment tokens).
 *
 * @param kind - the file's kind: which comment syntax counts (default: any of them)
 */
export function parseDirectives(text: string, kind: FileKind = 'text'): Directive[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return [];
  const directives: Directive[] = [];
  let lineStart = 0;
  let line = 1;
  for (const match of text.matchAll(DIRECTIVES[kind])) {
    const keywordAt = match.index + match[0].indexOf(DIRECTIVE_PREFIX);
    // Lines are counted forward from the last match: linear in the text, however many directives.
    for (let newline = text.indexOf('\n', lineStart); newline !== -1 && newline < keywordAt; newline = text.indexOf('\n', lineStart)) {
      lineStart = newline + 1;
      line += 1;
    }
    const body = (match[2] ?? '').replace(/\s*(?:-->|\*\/)\s*$/, '');
    directives.push(ourDirective(match[1] as DirectiveType, body, { line, column: keywordAt - lineStart + 1, endLine: line }));
  }
  return directives;
}

/**
 * Every directive in a file's comments: ours and ESLint's (those that name our rules), in order.
 *
 * @param comments - the comment tokens of a parsed JS/TS file
 */
export function directivesInComments(comments: readonly CommentToken[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = COMMENT_DIRECTIVE.exec(comment.value);
    if (!match) continue;
    const [, prefix, type, body] = match as unknown as [string, string, DirectiveType, string];
    const at = { line: comment.line, column: comment.column, endLine: comment.endLine };
    if (prefix === DIRECTIVE_PREFIX) {
      // Where the keyword is: after the delimiter (`//` or `/*`) and any white space on the comment's first line.
      const leading = /^[ \t]*/.exec(comment.value)?.[0].length ?? 0;
      directives.push(ourDirective(type, body, { ...at, column: comment.column + 2 + leading }));
    } else {
      const directive = eslintDirective(type, body, at);
      if (directive) directives.push(directive);
    }
  }
  return directives;
}

/** The findings left after suppression, and diagnostics about the directives. */
export interface Suppression<F extends LocatedFinding> {
  findings: F[];
  diagnostics: Diagnostic[];
}

/** Whether 1-based line `line`, counted as ESLint counts lines (U+2028 and U+2029 end one), ends with U+2028 or U+2029. */
function endsWithLineSeparator(text: string, line: number): boolean {
  if (!text.includes('\u2028') && !text.includes('\u2029')) return false;
  const terminators = text.matchAll(/\r\n|[\r\n\u2028\u2029]/g);
  let index = 0;
  for (const terminator of terminators) {
    index += 1;
    if (index === line) return terminator[0] === '\u2028' || terminator[0] === '\u2029';
  }
  return false;
}

/** Whether position a comes before position b. */
const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean =>
  a.line < b.line || (a.line === b.line && a.column < b.column);

/** The unused-directive message for a disable directive and the rules it did not use, worded as ESLint words its own. */
function unusedMessage(directive: Directive, ruleIds: readonly string[]): string {
  if (directive.keyword.startsWith('eslint-')) {
    return `Unused eslint-disable directive (no problems were reported from ${ruleIds.map((id) => `'${id}'`).join(' or ')}).`;
  }
  const where = directive.type === 'disable-next-line' ? `on line ${directive.endLine + 1}`
    : directive.type === 'disable-line' ? `on line ${directive.line}`
    : 'in its block';
  return `Unused ${directive.keyword} directive (no ${ruleIds.join(' or ')} problem ${where}).`;
}

/**
 * Applies a file's directives to its findings.
 *
 * @param text - the file's text
 * @param kind - the file's kind, for its comment syntax
 * @param findings - the file's findings (any order)
 * @param comments - the comment tokens, when a parser gave them (JS/TS): directives are read from
 *   them, ESLint's included, instead of from the text
 * @returns the findings not suppressed, in the given order, and one diagnostic per invalid or unused
 *   directive (for ours, one per rule id that suppressed nothing; for ESLint's, one per directive)
 */
export function applyDirectives<F extends LocatedFinding>(
  text: string,
  kind: FileKind,
  findings: readonly F[],
  comments?: readonly CommentToken[],
  options: { untrusted?: boolean } = {},
): Suppression<F> {
  const directives = comments ? directivesInComments(comments) : parseDirectives(text, kind);
  if (directives.length === 0) return { findings: [...findings], diagnostics: [] };
  for (const directive of directives) {
    if (directive.problem) continue;
    // Gate mode: an ESLint directive must say why too, as ours always must.
    if (options.untrusted && directive.reason === '' && directive.type !== 'enable') directive.problem = 'gives no reason (--untrusted)';
    // U+2028/U+2029 end a line for ESLint but not on screen: the "next line" would be the directive's own visual line.
    else if (directive.type === 'disable-next-line' && endsWithLineSeparator(text, directive.endLine)) directive.problem = 'is ended by a Unicode line separator (U+2028 or U+2029), not a line break';
  }
  const diagnostics: Diagnostic[] = [];
  const valid: Directive[] = [];
  for (const directive of directives) {
    if (!directive.problem) {
      valid.push(directive);
      continue;
    }
    const example = directive.keyword.startsWith('eslint-') ? `${directive.keyword} claude-auth/<rule-id>` : `${directive.keyword} <rule-id> -- <reason>`;
    diagnostics.push({
      kind: 'invalid-directive',
      message: `This ${directive.keyword} directive ${directive.problem}, so it suppresses nothing. Write: ${example}`,
      line: directive.line,
      column: directive.column,
    });
  }

  // Blocks: for each rule, where a disable starts and the enable (of the same family) that ends it.
  const blocks: { directive: Directive; ruleId: string; end?: Directive }[] = [];
  const unusedEnables: { directive: Directive; ruleIds: string[] }[] = [];
  for (const directive of valid) {
    if (directive.type === 'disable') {
      for (const ruleId of directive.ruleIds) blocks.push({ directive, ruleId });
    } else if (directive.type === 'enable') {
      const family = directive.keyword.slice(0, directive.keyword.lastIndexOf('-'));
      const closesNothing = directive.ruleIds.filter((ruleId) => {
        const open = blocks.filter((block) => block.end === undefined && block.ruleId === ruleId && block.directive.keyword.startsWith(family));
        for (const block of open) block.end = directive;
        return open.length === 0;
      });
      if (closesNothing.length > 0) unusedEnables.push({ directive, ruleIds: closesNothing });
    }
  }

  const used = new Set<string>();
  const use = (directive: Directive, ruleId: string): true => {
    used.add(`${directives.indexOf(directive)}\0${ruleId}`);
    return true;
  };
  const kept = findings.filter((finding) => {
    const suppressed =
      valid.some((directive) =>
        directive.ruleIds.includes(finding.ruleId) &&
        ((directive.type === 'disable-line' && directive.line === finding.line) || (directive.type === 'disable-next-line' && directive.endLine + 1 === finding.line)) &&
        use(directive, finding.ruleId),
      ) ||
      blocks.some((block) =>
        block.ruleId === finding.ruleId &&
        !before(finding, block.directive) &&
        (block.end === undefined || before(finding, block.end)) &&
        use(block.directive, finding.ruleId),
      );
    return !suppressed;
  });

  for (const directive of valid) {
    if (directive.type === 'enable') continue;
    const unused = directive.ruleIds.filter((ruleId) => !used.has(`${directives.indexOf(directive)}\0${ruleId}`));
    if (unused.length === 0) continue;
    const groups = directive.keyword.startsWith('eslint-') ? [unused] : unused.map((ruleId) => [ruleId]);
    for (const ruleIds of groups) diagnostics.push({ kind: 'unused-directive', message: unusedMessage(directive, ruleIds), line: directive.line, column: directive.column });
  }
  for (const { directive, ruleIds } of unusedEnables) {
    const family = directive.keyword.slice(0, directive.keyword.lastIndexOf('-'));
    diagnostics.push({
      kind: 'unused-directive',
      message: `Unused ${directive.keyword} directive (no matching ${family}-disable directives were found for ${ruleIds.map((id) => `'${id}'`).join(' or ')}).`,
      line: directive.line,
      column: directive.column,
    });
  }
  diagnostics.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { findings: kept, diagnostics };
}
