/**
 * ESLint comments in a scanned file that would reconfigure the scanner's own rules. The scanner
 * lints with ESLint's `Linter`, which obeys inline configuration (`/* eslint claude-auth/no-embedded-token: off *\/`,
 * https://eslint.org/docs/latest/use/configure/rules#using-configuration-comments-1): a file must
 * not be able to switch off the rules that judge it, so such comments are blanked before the lint
 * (same length, so positions stay). Comments that configure other plugins' rules are left alone.
 *
 * Every pattern here is linear: each quantified part is followed by something it cannot match.
 *
 * @packageDocumentation
 */
import { PLUGIN_NAMESPACE } from '../policy.js';

/**
 * A block comment whose first word is `eslint` (ESLint's inline rule configuration), up to its `*\/`.
 * Its inside holds no other comment opener (as in {@link DISABLE_DIRECTIVE}): an attempt that finds
 * no end stops at the next opener, where the next attempt starts, so an unterminated comment costs linear time over the text, not quadratic (a
 * comment with `/*` inside is not matched: never one of ours).
 */
const INLINE_CONFIG = /\/\*[ \t\r\n]*eslint[ \t\r\n][^*/]*(?:(?:\*(?!\/)|\/(?!\*))[^*/]*)*\*\//g;

/** Blanks a comment: every character but line breaks becomes a space. */
const blank = (comment: string): string => comment.replace(/[^\r\n\u2028\u2029]/g, ' ');

/**
 * Blanks the inline configuration comments that name one of our rules.
 *
 * @param text - a JS/TS file's text
 * @returns the text with those comments replaced by spaces (line breaks kept), same length
 */
export function withoutInlineRuleConfig(text: string): string {
  if (!text.includes(`${PLUGIN_NAMESPACE}/`)) return text;
  return text.replace(INLINE_CONFIG, (comment) => (comment.includes(`${PLUGIN_NAMESPACE}/`) ? blank(comment) : comment));
}

/**
 * An ESLint disable directive (`eslint-disable`, `-line`, `-next-line`, in a block or line comment).
 * A line comment ends at any line terminator of ECMAScript, U+2028 and U+2029 included.
 */
const DISABLE_DIRECTIVE = /\/\*[ \t]*eslint-disable(?:-next-line|-line)?[ \t\r\n][^*/]*(?:(?:\*(?!\/)|\/(?!\*))[^*/]*)*\*\/|\/\/[ \t]*eslint-disable(?:-next-line|-line)?(?:[ \t][^\r\n\u2028\u2029]*)?(?=[\r\n\u2028\u2029]|$)/g;

/** ESLint's separator between a directive's rules and its reason: two or more dashes between white space. */
const REASON = /\s-{2,}\s+\S/;

/**
 * Blanks the ESLint disable directives that could hide a finding from a reader of the diff:
 * - an `eslint-disable-next-line` followed on its line by U+2028 or U+2029, which ESLint takes
 *   for a line break and most viewers do not: it would silence code shown on the directive's own line;
 * - in gate mode (`untrusted`), one that names our rules and gives no reason.
 *
 * @param text - a JS/TS file's text
 * @param options - `untrusted`: gate mode (`--untrusted`)
 * @returns the text with those directives replaced by spaces, same length
 */
export function withoutHiddenDisables(text: string, options: { untrusted?: boolean } = {}): string {
  if (!text.includes('eslint-disable')) return text;
  return text.replace(DISABLE_DIRECTIVE, (comment: string, offset: number) => {
    const end = offset + comment.length;
    const lineEnd = text.indexOf('\n', end);
    const beforeSeparator = comment.includes('-next-line') && /[\u2028\u2029]/.test(text.slice(end, lineEnd === -1 ? undefined : lineEnd));
    const unexplained = options.untrusted === true && comment.includes(`${PLUGIN_NAMESPACE}/`) && !REASON.test(comment);
    return beforeSeparator || unexplained ? blank(comment) : comment;
  });
}
