/**
 * The scanner's side of the passes over several files of src/lang's languages (today: Go packages,
 * src/lang/go/package.ts, and Go modules, src/lang/go/module.ts): remembers the files analyzed within their budget and the files of the
 * same language the prefilter let go, then, once every file is analyzed, reads the files of each
 * package that had an analyzed file and adds what the pass finds beyond each file's own analysis,
 * through the same fingerprints and suppression directives as every other finding.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
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

/**
 * The Go module of a file: the folder of the nearest `go.mod` above it within the scan, from the
 * scan root (`.` when there is none: the scan is one module). Cached by folder.
 */
function createModuleFinder(): (file: ScannedFile) => string {
  const byFolder = new Map<string, string>();
  const find = (absoluteFolder: string, rootFolder: string): string => {
    let module = byFolder.get(rootFolder);
    if (module !== undefined) return module;
    const parent = path.posix.dirname(rootFolder);
    module = existsSync(path.join(absoluteFolder, 'go.mod')) || rootFolder === parent ? rootFolder : find(path.dirname(absoluteFolder), parent);
    byFolder.set(rootFolder, module);
    return module;
  };
  return (file) => find(path.dirname(file.absolutePath), path.posix.dirname(file.rootPath));
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
      if (goFiles.length === 0) return;
      const packages = new Set(goFiles.map((file) => path.posix.dirname(file.rootPath)));
      const moduleOf = createModuleFinder();
      const modules = new Set(goFiles.map(moduleOf));
      const analyzed = new Set(goFiles);
      // Every Go file of a module with an analyzed file: a handler that hands off may be in any of them.
      const texts = new Map<string, { absolutePath: string; text: string; analyzed: boolean; module: string }>();
      for (const file of [...goFiles, ...deferredGo]) {
        const module = moduleOf(file);
        if (!modules.has(module)) continue;
        const text = readText(file.absolutePath, { maxBytes }).text;
        if (text !== undefined) texts.set(file.rootPath, { absolutePath: file.absolutePath, text, analyzed: analyzed.has(file), module });
      }
      const { goPackageFindings } = await import('./go/package.js');
      const { goModuleFindings } = await import('./go/module.js');
      // The analyzers' module (and the parsers it loads) only for a scan with Go files to judge.
      const { finish } = await import('../scan/analyze.js');
      const sources = [...texts].map(([rootPath, { text, analyzed: alone, module }]) => ({ rootPath, text, analyzed: alone, module }));
      const found = [
        ...goPackageFindings(sources.filter((source) => packages.has(path.posix.dirname(source.rootPath)))),
        ...goModuleFindings(sources),
      ];
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
