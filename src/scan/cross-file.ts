/**
 * The scanner's cross-file pass for no-multi-user-surface. The ESLint rule sees one file: it reports
 * a Claude call that a surface of the same file reaches. When the handler is in `bot.ts` and the
 * `claude -p` call in `lib/claude.ts`, which `bot.ts` imports, only the scanner sees both. This pass
 * runs after every file has been analyzed, on the facts the rule recorded per file (which exports
 * reach a gray Claude call, which repository imports each surface uses; src/js/file-facts.ts), follows
 * the relative imports between them, and reports each call site with the surface that reaches it.
 * Nothing of the scanned code is loaded or run.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import type { ClaudeSiteFact, SurfaceFileFacts } from '../js/file-facts.js';
import { docsUrlOf, messageOf, severityOf, tierOf } from '../rule-info.js';
import { ruleIdOf } from '../rule-names.js';
import { compareFindings, type FileReport, type Finding } from './finding.js';
import { hashParts } from './fingerprint.js';

const RULE_NAME = 'no-multi-user-surface';
const MESSAGE_ID = 'surfaceReachesSubscription';
/** Extensions tried for an import without one, and for a `.js` import of a TypeScript file. */
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** What a `.js`-family specifier may stand for in TypeScript sources. */
const SOURCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

/** The facts of one analyzed file. */
export interface FileFactsEntry {
  /** Path shown to the user (relative to the scan's cwd, `/`-separated). */
  relativePath: string;
  facts: SurfaceFileFacts;
}

/** A call site in a file. */
interface Site {
  filePath: string;
  site: ClaudeSiteFact;
}

/**
 * Resolves a relative import to an analyzed file, as bundlers and TypeScript do: the exact path,
 * the TypeScript source of a `.js` specifier, the path plus an extension, or its `index` file.
 *
 * @param from - absolute path of the importing file
 * @param specifier - the relative specifier (`./lib/claude.js`)
 * @param known - absolute paths of the analyzed files
 */
export function resolveRelativeImport(from: string, specifier: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const extension = path.extname(base);
  const stem = base.slice(0, base.length - extension.length);
  const candidates = [
    base,
    ...(SOURCE_EXTENSIONS[extension] ?? []).map((replacement) => stem + replacement),
    ...EXTENSIONS.map((candidate) => base + candidate),
    ...EXTENSIONS.map((candidate) => path.join(base, `index${candidate}`)),
  ];
  return candidates.find((candidate) => known.has(candidate));
}

/**
 * The gray Claude call sites an export reaches, following re-exports and the imports its code uses.
 *
 * @param files - facts by absolute path
 * @param filePath - the exporting file
 * @param name - the export (`*` for any)
 */
function sitesOf(files: ReadonlyMap<string, FileFactsEntry>, filePath: string, name: string, visited: Set<string>): Site[] {
  const key = `${filePath}#${name}`;
  const entry = files.get(filePath);
  if (!entry || visited.has(key)) return [];
  visited.add(key);
  const exports = entry.facts.exports.filter((candidate) => name === '*' || candidate.name === name || candidate.name === '*');
  const found: Site[] = [];
  for (const exported of exports) {
    for (const site of exported.sites) found.push({ filePath, site });
    for (const use of exported.uses) {
      const target = resolveRelativeImport(filePath, use.source, files);
      // `export * from './x'` forwards the requested name.
      const wanted = use.name === '*' && exported.name === '*' ? name : use.name;
      if (target) found.push(...sitesOf(files, target, wanted, visited));
    }
  }
  return found;
}

/**
 * Tells whether any analyzed file has a Claude call that an export reaches: without one, no
 * surface can reach a call across files.
 *
 * @param files - the facts of every analyzed file, by absolute path
 */
export function hasClaudeCallSites(files: ReadonlyMap<string, FileFactsEntry>): boolean {
  return [...files.values()].some((entry) => entry.facts.exports.some((exported) => exported.sites.length > 0));
}

/**
 * Findings for Claude calls that a surface of another file reaches.
 *
 * @param files - the facts of every analyzed file, by absolute path
 * @returns findings by absolute path of the file that holds the call; each site once, with the first
 *   surface (in path order) that reaches it
 */
export function crossFileFindings(files: ReadonlyMap<string, FileFactsEntry>): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  const reported = new Set<string>();
  const ordered = [...files.entries()].sort(([, a], [, b]) => a.relativePath.localeCompare(b.relativePath));
  for (const [surfaceFile, entry] of ordered) {
    for (const surface of entry.facts.surfaces) {
      for (const use of surface.uses) {
        const target = resolveRelativeImport(surfaceFile, use.source, files);
        if (!target || target === surfaceFile) continue;
        for (const { filePath, site } of sitesOf(files, target, use.name, new Set())) {
          const key = `${filePath}:${site.line}:${site.column}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const data = { surface: `${surface.label} in ${entry.relativePath}:${surface.line}`, path: site.path };
          const findings = byFile.get(filePath) ?? [];
          findings.push({
            ruleId: ruleIdOf(RULE_NAME),
            messageId: MESSAGE_ID,
            message: messageOf(RULE_NAME, MESSAGE_ID, data),
            tier: tierOf(RULE_NAME, MESSAGE_ID),
            severity: severityOf(RULE_NAME, MESSAGE_ID),
            line: site.line,
            column: site.column,
            endLine: site.endLine,
            endColumn: site.endColumn,
            docsUrl: docsUrlOf(RULE_NAME),
            // No text at hand here: the identity is the call and the surface, which line moves keep.
            fingerprint: hashParts([ruleIdOf(RULE_NAME), MESSAGE_ID, site.path, surface.label, entry.relativePath, use.name]),
          });
          byFile.set(filePath, findings);
        }
      }
    }
  }
  return byFile;
}

/**
 * Adds cross-file findings to a scan's reports: into the report of the file that holds the call, or
 * a new report. A call that the per-file rule already reported (same rule, same position) is not
 * reported twice.
 *
 * @param reports - the per-file reports (changed in place; new reports are appended)
 * @param files - the facts of every analyzed file, by absolute path
 * @param cwd - the scan's cwd, for the relative paths of new reports
 */
export function addCrossFileFindings(reports: FileReport[], files: ReadonlyMap<string, FileFactsEntry>, cwd: string): void {
  for (const [filePath, findings] of crossFileFindings(files)) {
    let report = reports.find((candidate) => candidate.filePath === filePath);
    if (!report) {
      report = { filePath, relativePath: files.get(filePath)?.relativePath ?? path.relative(cwd, filePath), findings: [], diagnostics: [] };
      reports.push(report);
    }
    const existing = report.findings;
    const fresh = findings.filter((finding) => !existing.some((known) => known.ruleId === finding.ruleId && known.line === finding.line && known.column === finding.column));
    existing.push(...fresh);
    existing.sort(compareFindings);
  }
}
