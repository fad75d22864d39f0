/**
 * What changed between two trees, as git's tree diff sees it: the files (blobs) added, changed or
 * removed, found by descending only into directories whose tree ids differ. A commit that changes
 * three files in a 50,000-file tree reads a handful of trees. Renames are not detected: a moved
 * file is removed at one path and added at the other.
 *
 * @packageDocumentation
 */
import { GitObjectError, type GitRepository, type TreeRecord } from './repository.js';

/** A file that differs between two trees. */
export interface BlobChange {
  /** `/`-separated path from the top of the repository. */
  path: string;
  /** The blob before; undefined when the file was added. */
  oldOid?: string;
  /** The blob after; undefined when the file was removed. */
  newOid?: string;
}

/** The parts of the repository a history scan covers: `/`-separated prefixes, `''` for all of it. */
export interface PathScope {
  /** Whether files under this directory can be in scope. */
  enters(directory: string): boolean;
  /** Whether this file is in scope. */
  includes(file: string): boolean;
}

/**
 * The scope of the given prefixes (directories or files, `/`-separated, from the repository's top).
 *
 * @param prefixes - `''` covers the whole repository
 */
export function pathScope(prefixes: readonly string[]): PathScope {
  const within = (file: string, prefix: string): boolean => prefix === '' || file === prefix || file.startsWith(`${prefix}/`);
  return {
    enters: (directory) => prefixes.some((prefix) => within(directory, prefix) || prefix.startsWith(`${directory}/`)),
    includes: (file) => prefixes.some((prefix) => within(file, prefix)),
  };
}

/** Regular and executable files: symbolic links (120000) hold a path, submodules (160000) a commit. */
const isFile = (entry: TreeRecord): boolean => entry.type === 'blob' && entry.mode !== '120000';

/**
 * Diffs two trees.
 *
 * @param oldTree - the parent's tree, or undefined (everything is added)
 * @param newTree - the commit's tree, or undefined (everything is removed)
 * @param onProblem - called for a tree that cannot be read; it counts as empty
 * @returns the changed files, in tree order
 */
export async function diffTrees(
  repository: GitRepository,
  oldTree: string | undefined,
  newTree: string | undefined,
  scope: PathScope,
  onProblem: (error: GitObjectError) => void,
): Promise<BlobChange[]> {
  const changes: BlobChange[] = [];
  const entriesOf = async (oid: string | undefined): Promise<TreeRecord[]> => {
    if (oid === undefined) return [];
    try {
      return await repository.readTree(oid);
    } catch (error) {
      if (!(error instanceof GitObjectError)) throw error;
      onProblem(error);
      return [];
    }
  };
  async function visit(before: string | undefined, after: string | undefined, prefix: string): Promise<void> {
    if (before === after) return;
    const [oldEntries, newEntries] = await Promise.all([entriesOf(before), entriesOf(after)]);
    const oldByName = new Map(oldEntries.map((entry) => [entry.name, entry]));
    const newByName = new Map(newEntries.map((entry) => [entry.name, entry]));
    for (const name of new Set([...newByName.keys(), ...oldByName.keys()])) {
      const oldEntry = oldByName.get(name);
      const newEntry = newByName.get(name);
      if (oldEntry?.oid === newEntry?.oid && oldEntry?.mode === newEntry?.mode) continue;
      const entryPath = `${prefix}${name}`;
      const oldFile = oldEntry && isFile(oldEntry) ? oldEntry.oid : undefined;
      const newFile = newEntry && isFile(newEntry) ? newEntry.oid : undefined;
      if ((oldFile !== undefined || newFile !== undefined) && oldFile !== newFile && scope.includes(entryPath)) {
        changes.push({ path: entryPath, oldOid: oldFile, newOid: newFile });
      }
      const oldDirectory = oldEntry?.type === 'tree' ? oldEntry.oid : undefined;
      const newDirectory = newEntry?.type === 'tree' ? newEntry.oid : undefined;
      if ((oldDirectory !== undefined || newDirectory !== undefined) && scope.enters(entryPath)) {
        await visit(oldDirectory, newDirectory, `${entryPath}/`);
      }
    }
  }
  await visit(oldTree, newTree, '');
  return changes;
}
