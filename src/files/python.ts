/**
 * The Python analyzer: `.py`/`.pyi` files and scripts with a python shebang, parsed with
 * tree-sitter's Python grammar (./python/tree.ts) and checked for the same patterns as the JS/TS
 * rules, reported under the same rule ids and messageIds. Each module's facts (./python/module-facts.ts)
 * go to the project pass (./python/project.ts), which follows entry points to Claude calls across
 * modules.
 *
 * @packageDocumentation
 */
import type { TextFinding } from '../detect/markers.js';
import type { AnalyzerContext } from './analyzer.js';
import { checkCredentialStore } from './python/check-credential-store.js';
import { checkImpersonation } from './python/check-impersonation.js';
import { checkTokens } from './python/check-tokens.js';
import { createPythonContext, type PythonCheck } from './python/context.js';
import { checkModel } from './python/model-facts.js';
import { extractModuleFacts, type PythonModuleFacts } from './python/module-facts.js';
import { projectFindings } from './python/project.js';
import { parsePython, preparePythonParser } from './python/tree.js';

export { preparePythonParser };

const CHECKS: readonly PythonCheck[] = [checkTokens, checkCredentialStore, checkImpersonation, checkModel];

/**
 * Analyzes one Python file. {@link preparePythonParser} must have finished first.
 *
 * @param text - the file's text
 * @param relativePath - its path relative to the scan root, `/`-separated
 * @param context - from the scanner: where the module's facts go for the project pass; without
 *   one, the pass runs on this module alone and its findings are returned too
 * @returns findings with offsets, each once
 * @throws PythonSyntaxError (with a 1-based line and column) when the file does not parse
 */
export function analyzePython(text: string, relativePath = 'module.py', context?: AnalyzerContext): TextFinding[] {
  const module = createPythonContext(text, parsePython(text));
  const facts = extractModuleFacts(module, relativePath);
  const own = CHECKS.flatMap((check) => check(module));
  if (context?.recordPythonFacts) context.recordPythonFacts(facts);
  else own.push(...(projectFindings([facts]).get(relativePath) ?? []).map(({ ruleName, messageId, data, start, end }) => ({ ruleName, messageId, data, start, end })));
  const seen = new Set<string>();
  return own.filter((finding) => {
    const key = `${finding.ruleName}:${finding.messageId}:${finding.start}:${finding.end}:${JSON.stringify(finding.data ?? {})}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The facts of a Python file that had no trigger word of its own, for the project pass: a module
 * between an entry point and a Claude call. Undefined when it does not parse.
 *
 * @param text - the file's text
 * @param relativePath - its path relative to the scan root, `/`-separated
 */
export function pythonFactsOf(text: string, relativePath: string): PythonModuleFacts | undefined {
  try {
    return extractModuleFacts(createPythonContext(text, parsePython(text)), relativePath);
  } catch {
    return undefined;
  }
}
