/**
 * The npm publish set: for every `package.json` in the tree, the files `npm pack` would put in the
 * tarball, computed with `npm-packlist` (npm's own implementation of `files`, `.npmignore`,
 * `.gitignore` and the always-included and never-included files). No npm script runs and nothing
 * is executed: package.json is only read as JSON.
 *
 * `npm-packlist` takes an Arborist tree; the only parts of it that matter for a package's own files
 * are its path and manifest, so a one-node tree stands in (bundled dependencies live in
 * `node_modules`, which the scan never reads). Packages marked `"private": true` cannot be
 * published and have no publish set.
 *
 * Findings in a published file are marked with the package, and a credential in one is red
 * whatever its kind: publishing it is disclosing it.
 *
 * @packageDocumentation
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { globby } from 'globby';
import packlist from 'npm-packlist';
import { CREDENTIALS_FILE_NAME } from '../detect/credential-store.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES } from '../detect/tokens.js';
import { createLocator, findingFromText, type LocatedFinding } from '../scan/finding.js';
import { DEFAULT_IGNORES, NEVER_WALKED } from '../scan/walk.js';
import { ruleIdOf } from '../rule-info.js';

/** Which files of a scanned directory npm would publish, and in which package. */
export interface PublishSet {
  /** Absolute path of each published file → `name@version` of its package. */
  readonly packages: ReadonlyMap<string, string>;
}

/** A published file, shaped as the scanner's targets are. */
export interface PublishedFile {
  absolutePath: string;
  /** `/`-separated path relative to the scanned directory. */
  rootPath: string;
}

/** The part of a package.json this module reads. */
interface Manifest {
  name?: unknown;
  version?: unknown;
  private?: unknown;
}

/**
 * Computes the publish set of every publishable package under a directory.
 *
 * @param root - absolute path of the scanned directory
 * @param options - `gitignore`: skip package.json files that `.gitignore` excludes (as the walk does)
 * @returns the set; a package.json that cannot be read or parsed, or a package whose files cannot
 *   be listed, is skipped (the scan still reads and reports those files)
 */
export async function loadPublishSet(root: string, options: { gitignore?: boolean } = {}): Promise<PublishSet> {
  const manifests = await globby('**/package.json', {
    cwd: root,
    absolute: true,
    gitignore: options.gitignore ?? true,
    ignore: DEFAULT_IGNORES,
    followSymbolicLinks: false,
    suppressErrors: true,
  });
  // Deepest first: a file inside a nested package belongs to that package.
  manifests.sort((a, b) => b.split('/').length - a.split('/').length);
  const packages = new Map<string, string>();
  for (const manifestPath of manifests) {
    let manifest: Manifest;
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
    } catch {
      continue;
    }
    if (typeof manifest !== 'object' || manifest === null || manifest.private === true) continue;
    const directory = path.dirname(manifestPath);
    const name = typeof manifest.name === 'string' ? manifest.name : path.relative(root, directory) || path.basename(directory);
    const label = typeof manifest.version === 'string' ? `${name}@${manifest.version}` : name;
    const tree = { path: directory, package: manifest, isProjectRoot: true, edgesOut: new Map() };
    // An unreadable directory in the package leaves it out of the set rather than failing the scan.
    const files = await packlist(tree, { path: directory }).catch((): string[] => []);
    for (const file of files) {
      const absolute = path.join(directory, file);
      if (!packages.has(absolute)) packages.set(absolute, label);
    }
  }
  return { packages };
}

/**
 * The published files under a directory, for the scanner to read even where `.gitignore` keeps the
 * walk away (a `.env` in `files` is published whether git ignores it or not). Build output and
 * dependencies (`dist/`, `node_modules/`, …) stay unread, as in the walk: they are generated from
 * what the scan already reads.
 *
 * @param set - from {@link loadPublishSet}
 * @param root - the directory it was computed for
 * @param walked - whether the walk already listed a file (absolute path): those are left out unread
 */
export async function* publishedFiles(set: PublishSet, root: string, walked: (absolutePath: string) => boolean = () => false): AsyncGenerator<PublishedFile> {
  for (const absolutePath of set.packages.keys()) {
    if (walked(absolutePath)) continue;
    const rootPath = path.relative(root, absolutePath).split(path.sep).join('/');
    if (rootPath.split('/').some((segment) => NEVER_WALKED.has(segment))) continue;
    const stats = await stat(absolutePath).catch(() => undefined);
    if (stats?.isFile()) yield { absolutePath, rootPath };
  }
}

/**
 * Marks the findings of one published file: each gets `publishedIn`; a credential written in it
 * becomes a red `no-embedded-token` `publishedToken` (whatever its kind), and a file named
 * `.credentials.json` (Claude Code's name for its stored login) gets `publishedCredentialsFile` on its
 * first line.
 *
 * @param findings - the file's findings, from the analyzers
 * @param text - the file's text
 * @param filePath - the file's path (only its name is used)
 * @param label - its package (`name@version`)
 * @returns the new list of findings
 */
export function markPublished(findings: readonly LocatedFinding[], text: string, filePath: string, label: string): LocatedFinding[] {
  const locate = createLocator(text);
  const tokensAt = new Map<string, ReturnType<typeof findTokens>[number]>();
  for (const match of findTokens(text)) {
    const { line, column } = locate(match.start);
    tokensAt.set(`${line}:${column}`, match);
  }
  const marked = findings.map((finding): LocatedFinding => {
    const position = `${finding.line}:${finding.column}`;
    const match = tokensAt.get(position);
    // One finding per token: another rule's finding at a token (a Dockerfile `ENV`) stays as it is.
    tokensAt.delete(position);
    return match && finding.ruleId === ruleIdOf('no-embedded-token') ? published(match, label, locate) : { ...finding, publishedIn: label };
  });
  // Tokens that no analyzer reported (there is none for this kind of file) are reported here.
  marked.push(...[...tokensAt.values()].map((match) => published(match, label, locate)));
  if (path.basename(filePath) === CREDENTIALS_FILE_NAME) {
    const firstLineEnd = text.indexOf('\n');
    marked.unshift({
      ...findingFromText(
        { ruleName: 'no-embedded-token', messageId: 'publishedCredentialsFile', data: { package: label }, start: 0, end: firstLineEnd === -1 ? text.length : firstLineEnd },
        locate,
      ),
      publishedIn: label,
    });
  }
  return marked;
}

/** The red finding of a credential in a published file. */
function published(match: ReturnType<typeof findTokens>[number], label: string, locate: ReturnType<typeof createLocator>): LocatedFinding {
  const data = { kind: TOKEN_KIND_NAMES[match.kind], redacted: redactToken(match.token), package: label };
  const finding = findingFromText({ ruleName: 'no-embedded-token', messageId: 'publishedToken', data, start: match.start, end: match.end }, locate);
  return { ...finding, publishedIn: label };
}
