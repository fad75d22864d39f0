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
import { stat } from 'node:fs/promises';
import path from 'node:path';
import packlist from 'npm-packlist';
import { CREDENTIALS_FILE_NAME } from '../detect/credential-store.js';
import { findTokens, redactToken, TOKEN_KIND_NAMES } from '../detect/tokens.js';
import { createLocator, findingFromText, type LocatedFinding } from '../scan/finding.js';
import { NEVER_WALKED } from '../scan/walk.js';
import { readBytes } from '../scan/read.js';
import { ruleIdOf } from '../rule-info.js';

/**
 * Which files of a scanned directory npm would publish, and in which package. A package's file list
 * (npm-packlist, which matches every file against npm's ignore rules: the costly part) is computed
 * the first time a question needs it, so a scan pays only for the packages that hold a file it
 * reports on or files that the walk left out.
 */
export interface PublishSet {
  /**
   * Adds the package whose `package.json` is in a directory. A package.json that cannot be read
   * or parsed, or that says `"private": true`, adds nothing. Packages must be added before
   * questions about their files are asked: the walk adds each directory's before yielding its files.
   *
   * @param directory - absolute path of the directory that holds the package.json
   */
  addPackage(directory: string): void;
  /**
   * The package that would publish a file, as `name@version` (the deepest package that lists it).
   *
   * @param absolutePath - the file
   * @returns the label, or undefined when no package publishes the file
   */
  publishedIn(absolutePath: string): Promise<string | undefined>;
  /**
   * Every published file of the chosen packages, each with the label {@link PublishSet.publishedIn} gives.
   *
   * @param chosen - which packages, by absolute directory (default: all)
   * @returns absolute path → `name@version`
   */
  files(chosen?: (packageDirectory: string) => boolean): Promise<Map<string, string>>;
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

/** A publishable package: where it is, what it is called, and its file list once computed. */
interface PackageEntry {
  directory: string;
  label: string;
  manifest: Manifest;
  files?: Promise<ReadonlySet<string>>;
}

/** The absolute paths npm would publish from a package (cached on the entry). */
function filesOf(entry: PackageEntry): Promise<ReadonlySet<string>> {
  const tree = { path: entry.directory, package: entry.manifest, isProjectRoot: true, edgesOut: new Map() };
  // An unreadable directory in the package leaves it out of the set rather than failing the scan.
  entry.files ??= packlist(tree, { path: entry.directory })
    .catch((): string[] => [])
    .then((files) => new Set(files.map((file) => path.join(entry.directory, file))));
  return entry.files;
}

/** Largest package.json read (bytes); a bigger one is not a real manifest. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/** A package.json's contents, or undefined when it cannot be read or is not a JSON object. */
function readManifest(manifestPath: string): Manifest | undefined {
  const { bytes } = readBytes(manifestPath, { maxBytes: MAX_MANIFEST_BYTES });
  try {
    const manifest: unknown = bytes && JSON.parse(bytes.toString('utf8'));
    return typeof manifest === 'object' && manifest !== null ? (manifest as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes the (empty) publish set of a scanned directory; the walk fills it with
 * {@link PublishSet.addPackage}.
 *
 * @param root - absolute path of the scanned directory
 * @returns the set; a package whose files cannot be listed publishes nothing (the scan still reads
 *   and reports those files)
 */
export function createPublishSet(root: string): PublishSet {
  const packages = new Map<string, PackageEntry>();

  /** The packages whose directory holds a path, deepest first: a file of a nested package is that package's. */
  function packagesHolding(absolutePath: string): PackageEntry[] {
    const holding: PackageEntry[] = [];
    for (let directory = path.dirname(absolutePath); ; directory = path.dirname(directory)) {
      const entry = packages.get(directory);
      if (entry) holding.push(entry);
      if (directory === root || path.dirname(directory) === directory) return holding;
    }
  }

  return {
    addPackage(directory) {
      const manifest = readManifest(path.join(directory, 'package.json'));
      if (!manifest || manifest.private === true) return;
      const name = typeof manifest.name === 'string' ? manifest.name : path.relative(root, directory) || path.basename(directory);
      const label = typeof manifest.version === 'string' ? `${name}@${manifest.version}` : name;
      packages.set(directory, { directory, label, manifest });
    },
    async publishedIn(absolutePath) {
      for (const entry of packagesHolding(absolutePath)) {
        if ((await filesOf(entry)).has(absolutePath)) return entry.label;
      }
      return undefined;
    },
    async files(chosen = () => true) {
      const labels = new Map<string, string>();
      // Deepest first, as publishedIn answers.
      const entries = [...packages.values()].filter((entry) => chosen(entry.directory)).sort((a, b) => b.directory.split(path.sep).length - a.directory.split(path.sep).length);
      for (const entry of entries) {
        for (const file of await filesOf(entry)) if (!labels.has(file)) labels.set(file, entry.label);
      }
      return labels;
    },
  };
}

/**
 * The published files under a directory, for the scanner to read even where `.gitignore` keeps the
 * walk away (a `.env` in `files` is published whether git ignores it or not). Build output and
 * dependencies (`dist/`, `node_modules/`, …) stay unread, as in the walk: they are generated from
 * what the scan already reads.
 *
 * @param set - from {@link createPublishSet}, filled by the walk of `root`
 * @param root - the directory it was made for
 * @param options - `walked`: whether the walk already listed a file (absolute path), those are left
 *   out unread; `packages`: which packages to list, by absolute directory (default all), so that a
 *   scan lists only those that hold something the walk left out
 */
export async function* publishedFiles(
  set: PublishSet,
  root: string,
  options: { walked?: (absolutePath: string) => boolean; packages?: (packageDirectory: string) => boolean } = {},
): AsyncGenerator<PublishedFile> {
  const walked = options.walked ?? (() => false);
  for (const absolutePath of (await set.files(options.packages)).keys()) {
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
