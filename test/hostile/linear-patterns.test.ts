/**
 * Every regular expression literal of the scanner and the rules, checked for super-linear
 * backtracking by analysis, not by the clock: recheck (https://makenowjust-labs.github.io/recheck/)
 * builds an attack string for each pattern whose matching time grows faster than its input. A
 * 38 KB minified line once took 31 s in a cubic pattern; one pattern over a file's text must cost
 * linear time.
 *
 * A pattern that recheck calls polynomial may stay only when something bounds what each match
 * attempt reads (a file name, one header name, a slice of at most a few hundred characters): it is
 * listed in BOUNDED with that reason. A new pattern over a whole text must be linear.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** `file:pattern` of patterns that are not linear, and what bounds their input. */
const BOUNDED: Readonly<Record<string, string>> = {
  'rules/no-claude-code-impersonation.ts:[\\w$.]*(?:anthropic|claude)[\\w$.]*': 'exec once on one node’s text; owned by the JS rules (report: anchor it)',
  'src/files/python/check-impersonation.ts:[\\w.]*(?:anthropic|claude)[\\w.]*': 'exec once on one node’s text; owned by the Python analyzer (report: anchor it)',
  'src/detect/claude-code-markers.ts:(?:[!=]==?|\\bnot\\s+in\\b|\\bif\\b.*\\bin\\s*[[({]|\\.(?:includes|has|startswith|startsWith|endswith|endsWith|indexOf|contains)\\(|\\bcase\\b|\\bwhen\\b)[^;:=]*$': 'applied to at most COMPARISON_CONTEXT (400) characters before a value',
  'src/detect/claude-code-markers.ts:user[-_ ]?agent[\'"]?\\]?[ \\t]*(?::|=>?|,)[ \\t]*(?:[fbrFBR]{0,2}[\'"`])?(?:[^\'"`\\n]{0,200}\\s)?(claude-cli\\/[^\\s\'"`)]*)': 'each attempt reads at most about 215 characters of one line',
  'src/detect/command-line.ts:^\\$\\w*CLAUDE\\w*$': 'one word of a command line',
  'src/detect/command-line.ts:^-[a-z]*c[a-z]*$': 'one word of a command line',
  'src/detect/mounts.ts:[/\\\\]+$': 'one mount path',
  'src/detect/surface-frameworks.ts:(?:^|\\/)app\\/(?:.+\\/)?route\\.[cm]?[jt]sx?$': 'one file path',
  'src/detect/surface-frameworks.ts:(?:^|\\/)pages\\/api\\/.+\\.[cm]?[jt]sx?$': 'one file path',
  'src/detect/surface-frameworks.ts:(?:^|\\/)app\\/routes\\/.+\\.[cm]?[jt]sx?$': 'one file path',
  'src/detect/surface-frameworks.ts:(?:^|\\/)src\\/pages\\/.+\\.[cm]?[jt]s$': 'one file path',
  'src/detect/surface-frameworks.ts:(?:^|\\/)src\\/routes\\/.+\\.[cm]?[jt]sx?$': 'one file path',
  'src/scan/history/repository.ts:^(.+?)((?:[~^]\\d*)*)$': 'one revision given on the command line (--history, --diff), never text from the scanned tree',
  'src/detect/placement.ts:(?:^|\\/)(?:\\.claude\\/(?:[^/]+\\/)*[^/]+\\.(?:json|md)|CLAUDE(?:\\.local)?\\.md|hooks\\/hooks\\.json)$': 'one file path',
  'src/lang/files.ts:^#!\\S*?(?:\\/env(?:\\s+-\\S+)*\\s+)?\\S*?\\b(bash|sh|zsh|ksh|dash|ruby)\\b': 'the first 256 characters of a first line',
  'src/files/git-status.ts:^gitdir:\\s*(.+?)\\s*$': 'a .git pointer file of at most 4 KiB',
  'src/files/python/evaluate.ts:%(\\([^)]*\\))?[-#0 +]*\\d*(?:\\.\\d+)?[sdirfx%]': 'one evaluated format string; owned by the Python analyzer',
  'src/files/workflow.ts:\\b(?:secrets|vars)\\.([A-Za-z0-9_]*CLAUDE[A-Za-z0-9_]*OAUTH[A-Za-z0-9_]*|[A-Za-z0-9_]*OAUTH[A-Za-z0-9_]*CLAUDE[A-Za-z0-9_]*)': 'each attempt starts at `secrets.`/`vars.` and reads one name',
  'src/js/credential-sources.ts:^(authorization|proxy-authorization|x-[\\w-]*oauth[\\w-]*|x-claude[\\w-]*token)$': 'one header name',
  'src/js/static-string.ts:\\/.*$': 'one evaluated path; owned by the JS front end',
  'src/js/static-string.ts:[^/]*$': 'one evaluated path; owned by the JS front end',
  'src/scan/suppress.ts:\\s*(?:-->|\\*\\/)\\s*$': 'the rest of one directive line; owned by suppression (report: make linear)',
  'src/detect/claude-code-markers.ts:You are Claude Code,\\s+Anthropic[\'’‘`]?s official CLI for Claude': 'recheck gives up on it (unknown); literal text with one \\s+, linear',
};

/** Every regular expression literal in the TypeScript sources of `src/` and `rules/`. */
function regexLiterals(): { where: string; key: string; source: string; flags: string }[] {
  const files = execFileSync('git', ['ls-files', 'src', 'rules'], { cwd: repoRoot }).toString().trim().split('\n').filter((file) => file.endsWith('.ts'));
  const found: { where: string; key: string; source: string; flags: string }[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const end = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${file}:${line}`, key: `${file}:${text.slice(1, end)}`, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('regular expressions', () => {
  it('are linear, or listed with what bounds their input', () => {
    const literals = regexLiterals();
    expect(literals.length).toBeGreaterThan(100);
    const unbounded = literals
      .filter((literal) => BOUNDED[literal.key] === undefined)
      .map((literal) => ({ literal, diagnostics: checkSync(literal.source, literal.flags, { timeout: 10_000 }) }))
      .filter(({ diagnostics }) => diagnostics.status !== 'safe')
      .map(({ literal, diagnostics }) => `${literal.where} /${literal.source}/ ${diagnostics.status}${diagnostics.status === 'vulnerable' ? ` (${diagnostics.complexity.type}: ${diagnostics.attack.pattern})` : ''}`);
    expect(unbounded).toEqual([]);
  }, 600_000);
});
