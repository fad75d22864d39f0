/**
 * The Python analyzer: `.py`/`.pyi` files and scripts with a python shebang, parsed with
 * tree-sitter's Python grammar (./python/tree.ts) and checked for the same patterns as the JS/TS
 * rules, reported under the same rule ids and messageIds.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import { checkCredentialStore } from './python/check-credential-store.js';
import { checkHandlers } from './python/check-handlers.js';
import { checkImpersonation } from './python/check-impersonation.js';
import { checkSdkAuth } from './python/check-sdk-auth.js';
import { checkTokens } from './python/check-tokens.js';
import { createPythonContext, type PythonCheck } from './python/context.js';
import { parsePython, preparePythonParser } from './python/tree.js';

export { preparePythonParser };

const CHECKS: readonly PythonCheck[] = [checkTokens, checkCredentialStore, checkImpersonation, checkSdkAuth, checkHandlers];

/**
 * Analyzes one Python file. {@link preparePythonParser} must have finished first.
 *
 * @param text - the file's text
 * @returns findings with offsets, each once
 * @throws PythonSyntaxError (with a 1-based line and column) when the file does not parse
 */
export function analyzePython(text: string): TextFinding[] {
  const context = createPythonContext(text, parsePython(text));
  const seen = new Set<string>();
  return CHECKS.flatMap((check) => check(context)).filter((finding) => {
    const key = `${finding.ruleName}:${finding.messageId}:${finding.start}:${finding.end}:${JSON.stringify(finding.data ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
