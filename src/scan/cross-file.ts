/**
 * The scanner's cross-file pass for no-multi-user-surface. The ESLint rule sees one file: it reports
 * a Claude call that a surface of the same file reaches. When the handler is in `bot.ts` and the
 * `claude -p` call in `lib/claude.ts`, which `bot.ts` imports, only the scanner sees both. This pass
 * runs after every file has been analyzed, on the facts the rule recorded per file (which exports
 * reach a gray Claude call, which repository imports each surface uses; src/js/file-facts.ts), follows
 * the imports between them with TypeScript's module resolution (relative imports, tsconfig `paths`,
 * workspace packages: ./module-resolution.ts), and reports each call site with the surface that
 * reaches it, and the entry point with the call, each naming the path between them. Nothing of the
 * scanned code is loaded or run.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import type { ImportUseFact, SurfaceFileFacts } from '../js/file-facts.js';
import type { Hop, Location, Sink } from '../model/facts.js';
import { judgeCrossFileReach, type Decision } from '../model/judge.js';
import { docsUrlOf, messageOf } from '../rule-info.js';
import { severityOfTier } from '../detect/tier.js';
import { ruleIdOf } from '../rule-names.js';
import { compareFindings, type FileReport, type Finding, type FlowStep } from './finding.js';
import { hashParts } from './fingerprint.js';
import type { ModuleResolver } from './module-resolution.js';

export { createModuleResolver } from './module-resolution.js';

/** The facts of one analyzed file. */
export interface FileFactsEntry {
  /** Path shown to the user (relative to the scan's cwd, `/`-separated). */
  relativePath: string;
  facts: SurfaceFileFacts;
}

/** A place on the way to a call: its file (absolute), and the hop as the model names it (`location.file` the shown path). */
interface Step {
  filePath: string;
  hop: Hop;
}

/** A call site in a file, and the calls that lead there from the export first asked for. */
interface Site {
  filePath: string;
  site: Sink;
  steps: Step[];
}

/** A hop for an import a file's code uses: the imported name (the module for a namespace or default import), where it is used. */
function stepOf(filePath: string, relativePath: string, use: ImportUseFact): Step[] {
  if (!use.location) return [];
  const name = use.name === '*' || use.name === 'default' ? use.source : use.name;
  return [{ filePath, hop: { name, location: { ...use.location, file: relativePath } } }];
}

/** The facts of a module the scan did not analyze: only what it re-exports (a barrel), reaching no call of its own. */
function barrelOf(filePath: string, resolve: ModuleResolver): FileFactsEntry | undefined {
  const reexports = resolve.reexports(filePath);
  if (reexports.length === 0) return undefined;
  const exports = reexports.map(({ name, source, imported }) => ({ name, sites: [], uses: [{ source, name: imported }] }));
  return { relativePath: filePath, facts: { exports, surfaces: [] } };
}

/**
 * The gray Claude call sites an export reaches, following re-exports and the imports its code uses.
 *
 * @param files - facts by absolute path
 * @param resolve - the module resolution of the scan
 * @param filePath - the exporting file
 * @param name - the export (`*` for any)
 */
function sitesOf(files: ReadonlyMap<string, FileFactsEntry>, resolve: ModuleResolver, filePath: string, name: string, visited: Set<string>): Site[] {
  const key = `${filePath}#${name}`;
  const entry = files.get(filePath) ?? barrelOf(filePath, resolve);
  if (!entry || visited.has(key)) return [];
  visited.add(key);
  // A name the module exports itself is that export only (`module.exports = { a, b }` gives `a` its own
  // function, not the whole object); the module as a whole (`*`) stands in for names it does not list.
  const named = entry.facts.exports.filter((candidate) => candidate.name === name);
  const exports = name === '*' ? entry.facts.exports : named.length > 0 ? named : entry.facts.exports.filter((candidate) => candidate.name === '*');
  const found: Site[] = [];
  for (const exported of exports) {
    for (const site of exported.sites) found.push({ filePath, site, steps: [] });
    for (const use of exported.uses) {
      const target = resolve(filePath, use.source);
      // `export * from './x'` forwards the requested name.
      const wanted = use.name === '*' && exported.name === '*' ? name : use.name;
      if (!target) continue;
      const step = stepOf(filePath, entry.relativePath, use);
      for (const further of sitesOf(files, resolve, target, wanted, visited)) found.push({ ...further, steps: [...step, ...further.steps] });
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
 * @param resolve - the module resolution of the scan (src/scan/module-resolution.ts)
 * @returns findings by absolute path of the file that holds the call; each site once, with the first
 *   surface (in path order) that reaches it, and the path from the surface to the call
 */
export function crossFileFindings(files: ReadonlyMap<string, FileFactsEntry>, resolve: ModuleResolver): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  // Without a call to reach there is nothing to resolve (and TypeScript need not be loaded).
  if (!hasClaudeCallSites(files)) return byFile;
  const reported = new Set<string>();
  const add = (filePath: string, decision: Decision, identity: readonly string[], flow: FlowStep[]): void => {
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
      flow,
    });
    byFile.set(filePath, findings);
  };
  // Request handlers first (their verdict is the graver one), then in path order.
  const surfaces = [...files.entries()]
    .flatMap(([surfaceFile, holder]) => holder.facts.surfaces.map((surface) => ({ surfaceFile, holder, surface })))
    .sort((a, b) => Number(a.surface.entry.kind !== 'http') - Number(b.surface.entry.kind !== 'http') || a.holder.relativePath.localeCompare(b.holder.relativePath));
  for (const { surfaceFile, holder, surface } of surfaces) {
    for (const use of surface.uses) {
      const target = resolve(surfaceFile, use.source);
      if (!target || target === surfaceFile) continue;
      for (const { filePath, site, steps: further } of sitesOf(files, resolve, target, use.name, new Set())) {
        const sinkFile = files.get(filePath)?.relativePath ?? filePath;
        const entry = { ...surface.entry, location: { ...surface.entry.location, file: holder.relativePath } };
        const sink = { ...site, location: { ...site.location, file: sinkFile } };
        const steps = [...stepOf(surfaceFile, holder.relativePath, use), ...further];
        // The sink's own file configured no API key (else it recorded no site); the entry point's file may have.
        const context = { configuresApiKey: holder.facts.configuresApiKey === true, envChanges: [] };
        const { atSink, atEntry } = judgeCrossFileReach(sink, { entry, hops: steps.map((step) => step.hop) }, context);
        const flow: FlowStep[] = [
          { filePath: surfaceFile, relativePath: holder.relativePath, ...positionOf(entry.location), message: entry.label },
          ...steps.map(({ filePath: stepFile, hop }) => ({ filePath: stepFile, relativePath: hop.location.file ?? stepFile, ...positionOf(hop.location), message: `calls \`${hop.name}\`` })),
          { filePath, relativePath: sinkFile, ...positionOf(site.location), message: site.label },
        ];
        const identity = [site.label, surface.entry.label, holder.relativePath, use.name];
        // Each call once, with the first entry point that reaches it; each entry point once, naming the first call it reaches.
        const sinkKey = `${filePath}:${site.location.line}:${site.location.column}`;
        if (!reported.has(sinkKey)) for (const decision of atSink) add(filePath, decision, identity, flow);
        reported.add(sinkKey);
        const entryKey = `${surfaceFile}:${entry.location.line}:${entry.location.column}`;
        if (!reported.has(entryKey)) for (const decision of atEntry) add(surfaceFile, decision, [...identity, 'entry'], flow);
        reported.add(entryKey);
      }
    }
  }
  return byFile;
}

/** A model location's 1-based range. */
function positionOf(location: Location): Pick<FlowStep, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: location.line, column: location.column, endLine: location.endLine, endColumn: location.endColumn };
}

/**
 * Adds cross-file findings to a scan's reports: into the report of the file that holds the call, or
 * a new report. A call that the per-file rule already reported (same rule, same position) is not
 * reported twice.
 *
 * @param reports - the per-file reports (changed in place; new reports are appended)
 * @param files - the facts of every analyzed file, by absolute path
 * @param cwd - the scan's cwd, for the relative paths of new reports
 * @param resolve - the module resolution of the scan
 */
export function addCrossFileFindings(reports: FileReport[], files: ReadonlyMap<string, FileFactsEntry>, cwd: string, resolve: ModuleResolver): void {
  for (const [filePath, findings] of crossFileFindings(files, resolve)) {
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
