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
import type { SurfaceFileFacts } from '../js/file-facts.js';
import type { Sink } from '../model/facts.js';
import { judgeCrossFileReach, type Decision } from '../model/judge.js';
import { docsUrlOf, messageOf } from '../rule-info.js';
import { severityOfTier } from '../detect/tier.js';
import { ruleIdOf } from '../rule-names.js';
import { compareFindings, type FileReport, type Finding } from './finding.js';
import { hashParts } from './fingerprint.js';

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
  site: Sink;
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
  const add = (filePath: string, decision: Decision, identity: readonly string[]): void => {
    const ruleId = ruleIdOf(decision.ruleName);
    const { location } = decision;
    const findings = byFile.get(filePath) ?? [];
    findings.push({
      ruleId,
      messageId: decision.messageId,
      message: messageOf(decision.ruleName, decision.messageId, decision.data),
      tier: decision.tier,
      severity: severityOfTier(decision.tier),
      line: location.line,
      column: location.column,
      endLine: location.endLine,
      endColumn: location.endColumn,
      docsUrl: docsUrlOf(decision.ruleName),
      // No text at hand here: the identity is the call and the surface, which line moves keep.
      fingerprint: hashParts([ruleId, decision.messageId, ...identity]),
    });
    byFile.set(filePath, findings);
  };
  // Request handlers first (their verdict is the graver one), then in path order.
  const surfaces = [...files.entries()]
    .flatMap(([surfaceFile, holder]) => holder.facts.surfaces.map((surface) => ({ surfaceFile, holder, surface })))
    .sort((a, b) => Number(a.surface.entry.kind !== 'http') - Number(b.surface.entry.kind !== 'http') || a.holder.relativePath.localeCompare(b.holder.relativePath));
  for (const { surfaceFile, holder, surface } of surfaces) {
    for (const use of surface.uses) {
      const target = resolveRelativeImport(surfaceFile, use.source, files);
      if (!target || target === surfaceFile) continue;
      for (const { filePath, site } of sitesOf(files, target, use.name, new Set())) {
        const entry = { ...surface.entry, location: { ...surface.entry.location, file: holder.relativePath } };
        const sink = { ...site, location: { ...site.location, file: files.get(filePath)?.relativePath ?? filePath } };
        // The sink's own file configured no API key (else it recorded no site); the entry point's file may have.
        const context = { configuresApiKey: holder.facts.configuresApiKey === true, envChanges: [] };
        const { atSink, atEntry } = judgeCrossFileReach(sink, { entry, hops: [] }, context);
        const identity = [site.label, surface.entry.label, holder.relativePath, use.name];
        // Each call once, with the first entry point that reaches it; each entry point once, naming the first call it reaches.
        const sinkKey = `${filePath}:${site.location.line}:${site.location.column}`;
        if (!reported.has(sinkKey)) for (const decision of atSink) add(filePath, decision, identity);
        reported.add(sinkKey);
        const entryKey = `${surfaceFile}:${entry.location.line}:${entry.location.column}`;
        if (!reported.has(entryKey)) for (const decision of atEntry) add(surfaceFile, decision, [...identity, 'entry']);
        reported.add(entryKey);
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
    // A call the per-file rules already reported (under any rule: a red there outranks a reach here) is not reported twice.
    const fresh = findings.filter((finding) => !existing.some((known) => known.line === finding.line && known.column === finding.column));
    existing.push(...fresh);
    existing.sort(compareFindings);
  }
}
