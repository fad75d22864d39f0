/**
 * `.env` files (`.env`, `.env.*`, `*.env`): credentials written into them, named by the variable
 * that holds them (read with `dotenv`'s own parser) and said to be tracked by git, ignored, or
 * about to be committed. Subscription tokens are red, API keys yellow, placeholders
 * (`sk-ant-api03-your-key-here`) silent. A token in a commented-out line is still a credential in
 * the file, and is reported too.
 *
 * @packageDocumentation
 */
import { parse } from 'dotenv';
import type { TextFinding } from '../detect/markers.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES } from '../detect/tokens.js';
import { withMarkers, type AnalyzerContext } from './analyzer.js';
import type { GitStatus } from './git-status.js';

/** How each git status reads in a message: "…in this .env file, which is {{status}}". */
const STATUS_TEXT: Readonly<Record<GitStatus | 'unknown', string>> = {
  tracked: 'tracked by git: everyone with a copy of the repository has it',
  untracked: 'not ignored by git: a `git add .` would commit it',
  ignored: 'ignored by git',
  'outside-repository': 'not in a git repository',
  unknown: 'of unknown git status',
};

/** A variable definition line: `NAME=`, `export NAME=`, `NAME: ` (the forms dotenv reads). */
const DEFINITION = /^[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=|:[ \t])/gm;

/**
 * The variable whose value holds the text at `offset`: the last definition that starts before it
 * and whose parsed value contains the token. Undefined when the token is in a comment.
 */
function variableAt(text: string, offset: number, token: string, values: Record<string, string>): string | undefined {
  let name: string | undefined;
  for (const match of text.matchAll(DEFINITION)) {
    if (match.index > offset) break;
    name = match[1];
  }
  return name !== undefined && values[name]?.includes(token) ? name : undefined;
}

/**
 * Analyzes one `.env` file.
 *
 * @param text - the file
 * @param relativePath - its path relative to the scan root, for the git status
 * @param context - the scan's git status lookup, when the scan has one
 * @returns a `no-embedded-token` finding per credential, plus the other text markers
 */
export function analyzeDotenv(text: string, relativePath: string, context?: AnalyzerContext): TextFinding[] {
  const tokens = findTokens(text);
  if (tokens.length === 0) return withMarkers(text, []);
  const values = parse(text);
  const status = STATUS_TEXT[context?.gitStatus?.(relativePath) ?? 'unknown'];
  const own = tokens.map((match): TextFinding => {
    const variable = variableAt(text, match.start, match.token, values);
    return {
      ruleName: 'no-embedded-token',
      messageId: match.subscription ? 'dotenvSubscriptionToken' : 'dotenvApiKey',
      data: {
        kind: TOKEN_KIND_NAMES[match.kind],
        redacted: redactToken(match.token),
        name: variable === undefined ? 'in a comment' : `\`${variable}\``,
        status,
      },
      start: match.start,
      end: match.end,
    };
  });
  return withMarkers(text, own);
}
