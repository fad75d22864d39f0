/**
 * A scan of text that is not read from a file (`--stdin`, as ESLint's and secretlint's): the same
 * decoding, classification, analysis and suppression as a file of that name gets in a scan.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import { classify, classifyContent, repositoryPrefixOf } from './classify.js';
import { analyzeText } from './analyze.js';
import { decode } from './read.js';
import type { ScanOptions, ScanResult } from './run.js';

/**
 * Scans one text as the file `filePath`.
 *
 * @param bytes - the text's bytes (UTF-8, or UTF-16 with a BOM, as files are decoded)
 * @param filePath - the path the text is classified by and reported as, relative to `options.cwd`;
 *   the file need not exist
 * @param options - `cwd` (default `process.cwd()`) and `timeBudgetMs` as for a scan; the rest is
 *   about walks and ignored
 * @returns a result with at most one report
 */
export async function scanText(bytes: Buffer, filePath: string, options: ScanOptions = {}): Promise<ScanResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const absolutePath = path.resolve(cwd, filePath);
  const rootPath = repositoryPrefixOf(path.dirname(absolutePath)) + path.basename(absolutePath);
  const kind = classify(rootPath);
  const result: ScanResult = { reports: [], filesWalked: 1, filesSkippedByName: kind === 'binary' ? 1 : 0 };
  const read = decode(bytes);
  if (kind === 'binary' || (read.text === undefined && read.diagnostics.length === 0)) return result;
  const contentKind = read.text === undefined ? kind : classifyContent(kind, read.text);
  const { ANALYZER_SETUP } = await import('../files/index.js');
  await ANALYZER_SETUP[contentKind]?.();
  const analysis = read.text === undefined
    ? { findings: [], diagnostics: [] }
    : analyzeText(read.text, rootPath, contentKind, read.diagnostics.length > 0, {}, options.timeBudgetMs);
  const diagnostics = [...read.diagnostics, ...analysis.diagnostics];
  if (analysis.findings.length > 0 || diagnostics.length > 0) {
    const relativePath = path.relative(cwd, absolutePath).split(path.sep).join('/') || path.basename(absolutePath);
    result.reports.push({ filePath: absolutePath, relativePath, findings: analysis.findings, diagnostics });
  }
  return result;
}
