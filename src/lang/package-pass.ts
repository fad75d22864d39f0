/**
 * The scanner's side of the passes over several files of src/lang's languages (today: Go packages,
 * src/lang/go/package.ts): remembers the files analyzed within their budget and the files of the
 * same language the prefilter let go, then, once every file is analyzed, reads the files of each
 * package that had an analyzed file and adds what the pass finds beyond each file's own analysis,
 * through the same fingerprints and suppression directives as every other finding.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { finish } from '../scan/analyze.js';
import { compareFindings, createLocator, findingFromText, type FileReport } from '../scan/finding.js';
import { readText } from '../scan/read.js';

/** A file of the scan: absolute path and path from the scan root. */
interface ScannedFile {
  absolutePath: string;
  rootPath: string;
}

/** The collector of one scan. */
export interface LanguagePass {
  /** A Go file whose analysis finished without a diagnostic. */
  recordGo(file: ScannedFile): void;
  /** A Go file the prefilter let go: read only when a file of its package was analyzed. */
  deferGo(file: ScannedFile): void;
  /**
   * Runs the passes and adds their new findings to `reports` (changed in place; new reports appended).
   *
   * @param displayPath - the path shown for a new report
   * @param maxBytes - the read limit of the scan
   */
  addFindings(reports: FileReport[], displayPath: (absolutePath: string) => string, maxBytes: number): Promise<void>;
}

/** Starts the collection of one scan. */
export function createLanguagePass(): LanguagePass {
  const goFiles: ScannedFile[] = [];
  const deferredGo: ScannedFile[] = [];
  return {
    recordGo(file) {
      goFiles.push(file);
    },
    deferGo(file) {
      deferredGo.push(file);
    },
    async addFindings(reports, displayPath, maxBytes) {
      const packages = new Set(goFiles.map((file) => path.posix.dirname(file.rootPath)));
      const members = [...goFiles, ...deferredGo.filter((file) => packages.has(path.posix.dirname(file.rootPath)))];
      if (members.length < 2) return;
      const texts = new Map<string, { absolutePath: string; text: string }>();
      for (const file of members) {
        const text = readText(file.absolutePath, { maxBytes }).text;
        if (text !== undefined) texts.set(file.rootPath, { absolutePath: file.absolutePath, text });
      }
      const { goPackageFindings } = await import('./go/package.js');
      const found = goPackageFindings([...texts].map(([rootPath, { text }]) => ({ rootPath, text })));
      for (const [rootPath, findings] of found) {
        const file = texts.get(rootPath);
        if (!file || findings.length === 0) continue;
        const located = finish(file.text, 'go', findings.map((finding) => findingFromText(finding, createLocator(file.text))), []).findings;
        let report = reports.find((candidate) => candidate.filePath === file.absolutePath);
        const known = report?.findings ?? [];
        const fresh = located.filter((finding) => !known.some((seen) => seen.ruleId === finding.ruleId && seen.line === finding.line && seen.column === finding.column));
        if (fresh.length === 0) continue;
        if (!report) {
          report = { filePath: file.absolutePath, relativePath: displayPath(file.absolutePath), findings: [], diagnostics: [] };
          reports.push(report);
        }
        report.findings.push(...fresh);
        report.findings.sort(compareFindings);
      }
    },
  };
}
