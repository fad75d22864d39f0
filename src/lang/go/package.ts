/**
 * Go's package pass: the files of a Go package (a directory) share one namespace, so a request
 * handler in `handler.go` hands a token to a method in `transformer.go` that sends it with the OAuth
 * beta, and a refresh grant in `client.go` posts to a `TokenURL` that `oauth.go` sets. The pass reads
 * what each file tells the others ({@link GoFileSummary}) and extracts every file again with that
 * knowledge; the judge decides as for one file.
 *
 * @packageDocumentation
 */
import path from 'node:path';
import type { TextFinding } from '../../detect/markers.js';
import { judgedFindings, type Extraction } from '../facts.js';
import { parseWith } from '../tree.js';
import { extractGo, packageContextOf, type GoFileSummary } from './extract.js';

/** A Go file of the scan: path from the scan root and text. */
export interface GoSource {
  rootPath: string;
  text: string;
}

/** A Go file extracted with what its package's other files tell. */
export interface ExtractedGo {
  source: GoSource;
  extraction: Extraction;
  own: TextFinding[];
  summary: GoFileSummary;
}

/**
 * Each file extracted with its package (the files of its directory among `files`). The grammar
 * must be loaded (`prepareLanguage('go')`).
 *
 * @param files - Go files of the scan
 * @returns by path from the scan root
 */
export function extractWithPackages(files: readonly GoSource[]): Map<string, ExtractedGo> {
  const byDirectory = new Map<string, GoSource[]>();
  for (const file of files) {
    const directory = path.posix.dirname(file.rootPath);
    byDirectory.set(directory, [...(byDirectory.get(directory) ?? []), file]);
  }
  const extracted = new Map<string, ExtractedGo>();
  for (const sources of byDirectory.values()) {
    const parsed = sources.map((source) => ({ source, root: parseWith('go', source.text).root }));
    // Names first: a request's URL (`c.TokenURL`) may only be known from another file.
    const names = packageContextOf(parsed.map(({ source, root }) => extractGo(root, source.text).summary));
    const context = packageContextOf(parsed.map(({ source, root }) => extractGo(root, source.text, names).summary));
    for (const { source, root } of parsed) extracted.set(source.rootPath, { source, ...extractGo(root, source.text, context) });
  }
  return extracted;
}

/**
 * The findings of each Go file seen with its package. The grammar must be loaded
 * (`prepareLanguage('go')`). Files alone in their directory are left out: they have been judged.
 *
 * @param files - Go files that were analyzed within their time budget
 * @returns findings by path from the scan root, including those the file's own analysis made
 *   (the caller keeps what is new)
 */
export function goPackageFindings(files: readonly GoSource[]): Map<string, TextFinding[]> {
  const counts = new Map<string, number>();
  for (const file of files) counts.set(path.posix.dirname(file.rootPath), (counts.get(path.posix.dirname(file.rootPath)) ?? 0) + 1);
  const shared = files.filter((file) => (counts.get(path.posix.dirname(file.rootPath)) ?? 0) >= 2);
  const found = new Map<string, TextFinding[]>();
  for (const [rootPath, { source, extraction, own }] of extractWithPackages(shared)) found.set(rootPath, [...judgedFindings(source.text, extraction), ...own]);
  return found;
}
