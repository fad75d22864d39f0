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
import { extractGo, packageContextOf, type GoFileSummary, type GoPackageContext } from './extract.js';

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

/** Two package contexts that tell the same (the same names, values and indexes). */
function sameContext(a: GoPackageContext, b: GoPackageContext): boolean {
  const same = <V>(left: ReadonlyMap<string, V>, right: ReadonlyMap<string, V>): boolean =>
    left.size === right.size && [...left].every(([key, value]) => right.has(key) && right.get(key) === value);
  return same(a.strings, b.strings) && same(a.bearerFunctions, b.bearerFunctions) && same(a.tokenPosters, b.tokenPosters);
}

/** One package's files extracted with what the others tell: parsed once, extracted again only when the package tells something new. */
function extractPackage(sources: readonly GoSource[]): ExtractedGo[] {
  const parsed = sources.map((source) => ({ source, root: parseWith('go', source.text).root }));
  // Names first: a request's URL (`c.TokenURL`) may only be known from another file.
  let extracted = parsed.map(({ source, root }) => ({ source, ...extractGo(root, source.text) }));
  let known: GoPackageContext | undefined;
  for (let round = 0; round < 2; round += 1) {
    const context = packageContextOf(extracted.map(({ summary }) => summary));
    if (known ? sameContext(known, context) : isEmptyContext(context)) break;
    known = context;
    extracted = parsed.map(({ source, root }) => ({ source, ...extractGo(root, source.text, context) }));
  }
  return extracted;
}

function isEmptyContext(context: GoPackageContext): boolean {
  return context.strings.size === 0 && context.bearerFunctions.size === 0 && context.tokenPosters.size === 0;
}

/** A package's extraction, kept with each of its files for the next pass over the same files (package, then module pass). */
const extractedPackages = new WeakMap<GoSource, { sources: readonly GoSource[]; extracted: readonly ExtractedGo[] }>();

/**
 * Each file extracted with its package (the files of its directory among `files`). The grammar
 * must be loaded (`prepareLanguage('go')`). A package given again with the same files is not
 * extracted again.
 *
 * @param files - Go files of the scan
 * @returns by path from the scan root
 */
export function extractWithPackages(files: readonly GoSource[]): Map<string, ExtractedGo> {
  const byDirectory = new Map<string, GoSource[]>();
  for (const file of files) {
    const directory = path.posix.dirname(file.rootPath);
    const group = byDirectory.get(directory);
    if (group) group.push(file);
    else byDirectory.set(directory, [file]);
  }
  const extracted = new Map<string, ExtractedGo>();
  for (const sources of byDirectory.values()) {
    const first = sources[0] === undefined ? undefined : extractedPackages.get(sources[0]);
    const reused = first && first.sources.length === sources.length && first.sources.every((source, index) => source === sources[index]) ? first.extracted : undefined;
    const done = reused ?? extractPackage(sources);
    for (const source of sources) extractedPackages.set(source, { sources, extracted: done });
    for (const file of done) extracted.set(file.source.rootPath, file);
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
