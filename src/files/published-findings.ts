/**
 * Findings of a file that `npm pack` would publish: each is marked with its package, and a
 * credential in one is red whatever its kind, since publishing it is disclosing it.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { CREDENTIALS_FILE_NAME } from '../detect/credential-store.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES } from '../detect/tokens.js';
import { createLocator, findingFromText, type LocatedFinding } from '../scan/finding.js';
import { ruleIdOf } from '../rule-names.js';

/**
 * Marks the findings of one published file: each gets `publishedIn`; a credential written in it
 * becomes a red `no-embedded-token` `publishedToken` (whatever its kind), and a file named
 * `.credentials.json` (Claude Code's name for its stored login) gets `publishedCredentialsFile` on its
 * first line.
 *
 * @param findings - the file's findings, from the analyzers
 * @param text - the file's text
 * @param filePath - the file's path (only its name is used)
 * @param label - its package (`name@version`)
 * @returns the new list of findings
 */
export function markPublished(findings: readonly LocatedFinding[], text: string, filePath: string, label: string): LocatedFinding[] {
  const locate = createLocator(text);
  const tokensAt = new Map<string, ReturnType<typeof findTokens>[number]>();
  for (const match of findTokens(text)) {
    const { line, column } = locate(match.start);
    tokensAt.set(`${line}:${column}`, match);
  }
  const marked = findings.map((finding): LocatedFinding => {
    const position = `${finding.line}:${finding.column}`;
    const match = tokensAt.get(position);
    // One finding per token: another rule's finding at a token (a Dockerfile `ENV`) stays as it is.
    tokensAt.delete(position);
    return match && finding.ruleId === ruleIdOf('no-embedded-token') ? published(match, label, locate) : { ...finding, publishedIn: label };
  });
  // Tokens that no analyzer reported (there is none for this kind of file) are reported here.
  marked.push(...[...tokensAt.values()].map((match) => published(match, label, locate)));
  if (path.basename(filePath) === CREDENTIALS_FILE_NAME) {
    const firstLineEnd = text.indexOf('\n');
    marked.unshift({
      ...findingFromText(
        { ruleName: 'no-embedded-token', messageId: 'publishedCredentialsFile', data: { package: label }, start: 0, end: firstLineEnd === -1 ? text.length : firstLineEnd },
        locate,
      ),
      publishedIn: label,
    });
  }
  return marked;
}

/**
 * Whether {@link markPublished} would change anything for a file: it has findings, a credential
 * that no analyzer reported, or Claude Code's stored-login file name. The scanner asks for the file's
 * package (npm-packlist walks the package, src/files/publish-set.ts) only when it would.
 *
 * @param findingCount - how many findings the analyzers gave the file
 * @param text - the file's text
 * @param filePath - the file's path (only its name is used)
 */
export function mayMarkPublished(findingCount: number, text: string, filePath: string): boolean {
  return findingCount > 0 || path.basename(filePath) === CREDENTIALS_FILE_NAME || findTokens(text).length > 0;
}

/** The red finding of a credential in a published file. */
function published(match: ReturnType<typeof findTokens>[number], label: string, locate: ReturnType<typeof createLocator>): LocatedFinding {
  const data = { kind: TOKEN_KIND_NAMES[match.kind], redacted: redactToken(match.token), package: label };
  const finding = findingFromText({ ruleName: 'no-embedded-token', messageId: 'publishedToken', data, start: match.start, end: match.end }, locate);
  return { ...finding, publishedIn: label };
}
