/**
 * The scanner's side of the Python project pass (src/files/python/project.ts): collects each
 * Python module's facts while files are analyzed, groups the modules by project (the outermost
 * folder with a project or repository file), and, in each project where some module holds a
 * Claude call, runs the pass over its modules and adds its findings to the reports, through the
 * same fingerprints and suppression directives as every other finding. The project's Python files
 * that had no trigger word of their own (they may be the modules between an entry point and that
 * call) are read then: parsed at once when they name a web or bot framework, else when the pass
 * needs them (src/files/python/unparsed.ts says what their text tells without a parse).
 *
 * @packageDocumentation
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { PythonModuleFacts } from '../files/python/module-facts.js';
import type { ProjectModule } from '../files/python/project.js';
import { compareFindings, createLocator, findingFromText, type FileReport, type Finding, type FlowStep } from './finding.js';
import { ruleIdOf } from '../rule-names.js';
import { readText } from './read.js';

/** A Python file: absolute path and path from the scan root. */
interface PythonFile {
  absolutePath: string;
  rootPath: string;
}

/**
 * Files that make their folder the root of a Python project or of a repository: packaging and
 * dependency files, Git's folder and ignore file, a README or licence.
 */
const PROJECT_FILE = /^(pyproject\.toml|setup\.py|setup\.cfg|requirements\.txt|Pipfile|\.git|\.gitignore|README(\.\w+)?|LICEN[CS]E(\.\w+)?)$/i;

/** True when a folder holds a file that {@link PROJECT_FILE} names. */
function isProjectFolder(folder: string): boolean {
  try {
    return readdirSync(folder).some((name) => PROJECT_FILE.test(name));
  } catch {
    return false;
  }
}

/**
 * The Python project of a file, as an absolute folder: the outermost folder between the root of
 * the file's repository (or scan) and the file that holds one of the files {@link PROJECT_FILE}
 * names, else that root. The project pass links the modules of one project only: in a scan of a
 * folder of repositories, `utils` of one is not the `utils` another imports, and the modules of
 * a repository that calls no Claude are never read for it. The outermost folder wins, so that a
 * repository whose packages each have their own requirements stays one project (its packages
 * import each other). Cached by folder.
 */
function createProjectFinder(): (file: PythonFile) => string {
  const outermost = new Map<string, string | undefined>();
  /** The outermost project folder at or above `folder`, which is `depth` folders below the root. */
  const find = (folder: string, depth: number): string | undefined => {
    if (outermost.has(folder)) return outermost.get(folder);
    const above = depth > 0 ? find(path.dirname(folder), depth - 1) : undefined;
    const found = above ?? (isProjectFolder(folder) ? folder : undefined);
    outermost.set(folder, found);
    return found;
  };
  return (file) => {
    const depth = file.rootPath.split('/').length - 1;
    const folder = path.dirname(file.absolutePath);
    let root = folder;
    for (let level = 0; level < depth; level += 1) root = path.dirname(root);
    return find(folder, depth) ?? root;
  };
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
      const projectOf = createProjectFinder();
      const calling = new Set<string>();
      for (const [rootPath, module] of facts) {
        if (module.sinks.some((sink) => sink.fallsBack || sink.credential !== undefined)) calling.add(projectOf({ rootPath, absolutePath: files.get(rootPath) ?? '' }));
      }
      if (calling.size === 0) return;
      const { pythonFactsOf, preparePythonParser } = await import('../files/python.js');
      const { aliasPairs, classHeaderNames, mayHaveEntryPoints } = await import('../files/python/unparsed.js');
      await preparePythonParser();
      const modules = new Map<string, ProjectModule>(facts);
      for (const file of deferred) {
        if (!calling.has(projectOf(file))) continue;
        const text = readText(file.absolutePath, { maxBytes }).text;
        if (text === undefined) continue;
        files.set(file.rootPath, file.absolutePath);
        if (mayHaveEntryPoints(text)) {
          const module = pythonFactsOf(text, file.rootPath);
          if (module) modules.set(file.rootPath, module);
          continue;
        }
        // Parsed if the pass comes to need it; read again then rather than held.
        const load = (): PythonModuleFacts | undefined => {
          const again = readText(file.absolutePath, { maxBytes }).text;
          return again === undefined ? undefined : pythonFactsOf(again, file.rootPath);
        };
        modules.set(file.rootPath, { path: file.rootPath, load, baseNames: classHeaderNames(text), aliases: aliasPairs(text) });
      }
      const projects = new Map<string, ProjectModule[]>();
      for (const [rootPath, module] of modules) {
        const project = projectOf({ rootPath, absolutePath: files.get(rootPath) ?? '' });
        if (!calling.has(project)) continue;
        const members = projects.get(project);
        if (members) members.push(module);
        else projects.set(project, [module]);
      }
      const { projectFindings } = await import('../files/python/project.js');
      // The analyzers' module (and the parsers it loads) only for a scan that calls Claude from Python.
      const { finish } = await import('./analyze.js');
      for (const [rootPath, found] of [...projects.values()].flatMap((members) => [...projectFindings(members)])) {
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
