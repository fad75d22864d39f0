/**
 * The scanner's side of the Python project pass (src/files/python/project.ts): collects each
 * Python module's facts while files are analyzed, reads the Python files that had no trigger word
 * of their own when some module holds a Claude call (they may be the modules between an entry point
 * and that call), runs the pass once, and adds its findings to the reports, through the same
 * fingerprints and suppression directives as every other finding.
 *
 * @packageDocumentation
 */
import type { PythonModuleFacts } from '../files/python/module-facts.js';
import { finish } from './analyze.js';
import { compareFindings, createLocator, findingFromText, type FileReport, type Finding, type FlowStep } from './finding.js';
import { ruleIdOf } from '../rule-names.js';
import { readText } from './read.js';

/** A Python file: absolute path and path from the scan root. */
interface PythonFile {
  absolutePath: string;
  rootPath: string;
}

/** The collector of one scan. */
export interface PythonPass {
  /** Where the analyzer of this file hands its facts. */
  recorder(file: PythonFile): (facts: PythonModuleFacts) => void;
  /** A Python file the prefilter let go: read only if the pass needs it. */
  defer(file: PythonFile): void;
  /**
   * Runs the pass and adds its findings to `reports` (changed in place; new reports appended).
   *
   * @param displayPath - the path shown for a new report
   * @param maxBytes - the read limit of the scan
   */
  addFindings(reports: FileReport[], displayPath: (absolutePath: string) => string, maxBytes: number): Promise<void>;
}

/** Starts the collection of one scan. */
export function createPythonPass(): PythonPass {
  const facts = new Map<string, PythonModuleFacts>();
  const files = new Map<string, string>();
  const deferred: PythonFile[] = [];
  return {
    recorder(file) {
      return (recorded) => {
        facts.set(file.rootPath, recorded);
        files.set(file.rootPath, file.absolutePath);
      };
    },
    defer(file) {
      deferred.push(file);
    },
    async addFindings(reports, displayPath, maxBytes) {
      const hasClaudeCall = [...facts.values()].some((module) => module.sinks.some((sink) => sink.fallsBack || sink.credential !== undefined));
      if (!hasClaudeCall) return;
      const { pythonFactsOf, preparePythonParser } = await import('../files/python.js');
      await preparePythonParser();
      for (const file of deferred) {
        const text = readText(file.absolutePath, { maxBytes }).text;
        const module = text === undefined ? undefined : pythonFactsOf(text, file.rootPath);
        if (module) {
          facts.set(file.rootPath, module);
          files.set(file.rootPath, file.absolutePath);
        }
      }
      const { projectFindings } = await import('../files/python/project.js');
      for (const [rootPath, found] of projectFindings([...facts.values()])) {
        const absolutePath = files.get(rootPath);
        const text = absolutePath === undefined ? undefined : readText(absolutePath, { maxBytes }).text;
        if (absolutePath === undefined || text === undefined) continue;
        const locate = createLocator(text);
        const analysis = finish(text, 'python', found.map((finding) => findingFromText(finding, locate)), []);
        let report = reports.find((candidate) => candidate.filePath === absolutePath);
        if (!report) {
          report = { filePath: absolutePath, relativePath: displayPath(absolutePath), findings: [], diagnostics: [] };
          reports.push(report);
        }
        // The path from the entry point to the call, with each module's path as reports show it.
        const flowOf = (finding: Finding): FlowStep[] => {
          const origin = found.find((candidate) => ruleIdOf(candidate.ruleName) === finding.ruleId && candidate.line === finding.line && candidate.column === finding.column);
          return (origin?.flow ?? []).flatMap(({ location, message }) => {
            const stepFile = files.get(location.file ?? '');
            return stepFile === undefined ? [] : [{ filePath: stepFile, relativePath: displayPath(stepFile), line: location.line, column: location.column, endLine: location.endLine, endColumn: location.endColumn, message }];
          });
        };
        const existing = report.findings;
        const fresh = analysis.findings.filter((finding) => !existing.some((known) => known.ruleId === finding.ruleId && known.line === finding.line && known.column === finding.column));
        existing.push(...fresh.map((finding) => ({ ...finding, flow: flowOf(finding) })));
        existing.sort(compareFindings);
      }
    },
  };
}
