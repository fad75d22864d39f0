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
 * Findings in a published file are marked with the package (src/files/published-findings.ts).
 *
 * @packageDocumentation
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readBytes } from '../scan/read.js';

/**
 * Which files of a scanned directory npm would publish, and in which package. A package's file list
 * (npm-packlist, which matches every file against npm's ignore rules: the costly part) is computed
 * the first time a question needs it, so a scan pays only for the packages that hold a file it
 * reports on or files that the walk left out.
 */
export interface PublishSet {
  /**
   * The walk's `onDirectory` (src/scan/walk.ts): a `package.json` among a directory's files adds its
   * package, before the walk yields any file under it, so that packages are known before questions
   * about their files are asked. A package.json that cannot be read or parsed, or that says
   * `"private": true`, adds nothing.
   *
   * @param relativeDirectory - the directory, `/`-separated, relative to the set's root
   * @param fileNames - the names of the regular files in it
   */
  onDirectory(relativeDirectory: string, fileNames: readonly string[]): void;
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

/**
 * Directories whose files a package's own file list never holds: npm leaves out VCS data always, and
 * dependencies unless bundled (and bundled ones are other packages). Build folders (`dist/`, `build/`)
 * are not among them: the walk skips them, but npm publishes them whenever `files` names them.
 */
export const NEVER_PUBLISHED: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'CVS']);

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
  // npm-packlist (and npm's ignore-walk under it) loads with the first package a scan asks about.
  entry.files ??= import('npm-packlist').then(async ({ default: packlist }) => {
    // An unreadable directory in the package leaves it out of the set rather than failing the scan.
    const files = await packlist(tree, { path: entry.directory }).catch((): string[] => []);
    return new Set(files.map((file) => path.join(entry.directory, file)));
  });
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
 * {@link PublishSet.onDirectory}.
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
    onDirectory(relativeDirectory, fileNames) {
      if (!fileNames.includes('package.json')) return;
      const directory = path.join(root, relativeDirectory);
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
 * The published files under a directory, for the scanner to read wherever the walk did not go: where
 * `.gitignore` keeps it away (a `.env` in `files` is published whether git ignores it or not) and in
 * build folders, which it never enters (`"files": ["dist"]`: a token in `dist/cli.js` is in the
 * tarball, whatever the sources say). Only {@link NEVER_PUBLISHED} directories stay unread.
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
    if (rootPath.split('/').some((segment) => NEVER_PUBLISHED.has(segment))) continue;
    const stats = await stat(absolutePath).catch(() => undefined);
    if (stats?.isFile()) yield { absolutePath, rootPath };
  }
}
