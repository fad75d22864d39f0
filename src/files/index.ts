/**
 * Analyzers for file kinds other than JS/TS. Each takes a file's text and its path and returns
 * findings with offsets; kinds without an analyzer here get the language-independent markers.
 *
 * @packageDocumentation
 */
import type { FileKind } from '../scan/classify.js';
import type { FileAnalyzer } from './analyzer.js';
import { analyzeCompose } from './compose.js';
import { analyzeDockerfile } from './dockerfile.js';
import { analyzeDotenv } from './dotenv.js';
import { analyzeKubernetes } from './kubernetes.js';
import { analyzePython, preparePythonParser } from './python.js';
import { analyzeWorkflow } from './workflow.js';
import { languageAnalyzer, prepareLanguage } from '../lang/index.js';

export { AnalyzerParseError, type AnalyzerContext, type FileAnalyzer } from './analyzer.js';

/** The analyzer of each kind that has one. */
export const FILE_ANALYZERS: Partial<Record<FileKind, FileAnalyzer>> = {
  workflow: analyzeWorkflow,
  dockerfile: analyzeDockerfile,
  compose: analyzeCompose,
  dotenv: analyzeDotenv,
  // Kubernetes manifests have no fixed name: YAML among other text files is checked for pod specs.
  text: analyzeKubernetes,
  python: analyzePython,
  go: languageAnalyzer('go'),
  ruby: languageAnalyzer('ruby'),
  shell: languageAnalyzer('shell'),
  rust: languageAnalyzer('rust'),
  swift: languageAnalyzer('swift'),
};

/**
 * One-time asynchronous set-up an analyzer needs before its first call (loading a WebAssembly
 * parser). The scanner awaits it before analyzing a file of that kind; it never rejects (a failure
 * surfaces when the analyzer runs).
 */
export const ANALYZER_SETUP: Partial<Record<FileKind, () => Promise<void>>> = {
  python: preparePythonParser,
  go: () => prepareLanguage('go'),
  ruby: () => prepareLanguage('ruby'),
  shell: () => prepareLanguage('shell'),
  rust: () => prepareLanguage('rust'),
};
