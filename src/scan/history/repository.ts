/**
 * A scanned repository's git objects and refs, read with isomorphic-git (packfiles and loose
 * objects, in JavaScript), never by running `git`: a repository's `.git/config`, attributes and
 * hooks can make a git process run code (textconv drivers, `core.fsmonitor`, filters). Nothing here
 * reads `.git/config` except the `remote.origin.url` value, as data.
 *
 * isomorphic-git is given a read-only file system (read-only-fs.ts) and one shared cache, so each
 * pack's index and content are loaded once. Two things are tuned on top (bench/README.md has the
 * figures): parsed trees are kept in an LRU cache, since a commit's tree is read again as its
 * child's parent tree; and isomorphic-git's own cache of resolved pack entries, which a version
 * that never set its depth counter left switched off, is switched on and bounded in bytes, so
 * that the bases of a delta chain are not inflated again for each object of the chain. Both are
 * feature-detected: with another isomorphic-git the scan gives the same results, only slower.
 *
 * Memory: isomorphic-git holds each packfile it reads in memory (its design); everything else here
 * is bounded by the caches' sizes.
 *
 * @packageDocumentation
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import git, { type PromiseFsClient } from 'isomorphic-git';
import { FileSystem } from 'isomorphic-git/models';
import { LRUCache } from 'lru-cache';
import { findRepository } from '../../files/git-status.js';
import { createReadOnlyFs } from './read-only-fs.js';

/** A commit as the history scan needs it. */
export interface CommitRecord {
  oid: string;
  /** The root tree's object id. */
  tree: string;
  /** Parent commit ids, first parent first. */
  parents: string[];
  /** Author date, seconds since the Unix epoch. */
  authorTime: number;
}

/** One entry of a tree. */
export interface TreeRecord {
  /** File or directory name (no `/`). */
  name: string;
  oid: string;
  /** `blob` (files and symbolic links), `tree`, or `commit` (a submodule). */
  type: 'blob' | 'tree' | 'commit';
  /** Git's file mode: `100644`, `100755`, `120000` (symbolic link), `040000`, `160000`. */
  mode: string;
}

/** A named ref and the commit it points at (annotated tags peeled). */
export interface RefTip {
  name: string;
  oid: string;
}

/** Why an object could not be read: not in the repository, or there but unreadable. */
export type ObjectProblem = 'missing' | 'corrupt';

/** Thrown by {@link GitRepository} reads: the object id, and whether it is missing or corrupt. */
export class GitObjectError extends Error {
  override name = 'GitObjectError';

  constructor(
    readonly oid: string,
    readonly problem: ObjectProblem,
    reason: string,
  ) {
    super(`${problem === 'missing' ? 'Missing' : 'Unreadable'} git object ${oid.slice(0, 12)}: ${reason}`);
  }
}

/** Thrown when a revision (ref name, object id, `rev~n`) names no commit. */
export class RevisionError extends Error {
  override name = 'RevisionError';
}

/** Bytes of resolved pack entries kept for delta chains (see the module comment). */
const PACK_ENTRY_CACHE_BYTES = 32 * 1024 * 1024;
/** Parsed trees kept: a tree's entries are a few KB, so this bounds the cache to a few tens of MB. */
const TREE_CACHE_ENTRIES = 4096;
/** Largest `HEAD`, `shallow` or `commondir` file read (bytes). */
const MAX_SMALL_FILE_BYTES = 16 * 1024 * 1024;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** The problem an isomorphic-git read error stands for. */
function problemOf(error: unknown): ObjectProblem {
  return (error as { code?: string }).code === 'NotFoundError' ? 'missing' : 'corrupt';
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function readSmallFile(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() && stats.size <= MAX_SMALL_FILE_BYTES ? readFileSync(file, 'utf8') : undefined;
}

/** A resolved pack entry, as isomorphic-git caches it. */
interface PackEntry {
  type: string;
  object: Uint8Array;
}

/** isomorphic-git's pack indexes, kept in the shared cache object under a symbol of its own. */
function packIndexesOf(cache: object): Map<unknown, unknown> | undefined {
  for (const symbol of Object.getOwnPropertySymbols(cache)) {
    const value = (cache as Record<symbol, unknown>)[symbol];
    if (value instanceof Map) return value;
  }
  return undefined;
}

/**
 * Switches on a pack index's cache of resolved entries, bounded in bytes (see the module comment):
 * each index has an `offsetCache` object and a `readDepth` counter that only a clone sets.
 * Indexes that do not look like that, or whose counter is already set, are left as they are.
 */
function boundPackEntryCache(index: unknown): void {
  if (typeof index !== 'object' || index === null || !('offsetCache' in index)) return;
  if ('readDepth' in index && typeof index.readDepth === 'number') return;
  const entries = new LRUCache<string, PackEntry>({ maxSize: PACK_ENTRY_CACHE_BYTES, sizeCalculation: (entry) => Math.max(1, entry.object.byteLength) });
  Object.assign(index, {
    readDepth: 0,
    offsetCache: new Proxy({}, {
      get: (_target, key) => (typeof key === 'string' ? entries.get(key) : undefined),
      set: (_target, key, value: PackEntry) => {
        if (typeof key === 'string' && value?.object) entries.set(key, value);
        return true;
      },
    }),
  });
}

/** A repository opened for reading; see the module comment. */
export class GitRepository {
  private readonly cache = {};
  private readonly trees = new LRUCache<string, TreeRecord[]>({ max: TREE_CACHE_ENTRIES });
  /** How many pack indexes {@link GitRepository.tune} has seen. */
  private tunedPacks = 0;

  private constructor(
    /** The work tree's top directory. */
    readonly top: string,
    /** The directory that holds HEAD (a linked work tree's own git directory). */
    private readonly headDirectory: string,
    /** The directory that holds objects and refs. */
    readonly gitdir: string,
    private readonly fs: PromiseFsClient,
  ) {}

  /**
   * Opens the repository that holds `directory`.
   *
   * @returns undefined when `directory` is in no repository (no `.git` above it)
   */
  static open(directory: string): GitRepository | undefined {
    const found = findRepository(directory);
    if (!found || !existsSync(found.gitDirectory)) return undefined;
    // A linked work tree's git directory says where the shared objects and refs are.
    const common = readSmallFile(path.join(found.gitDirectory, 'commondir'))?.trim();
    const gitdir = common ? path.resolve(found.gitDirectory, common) : found.gitDirectory;
    const objects = [path.join(gitdir, 'objects')];
    // Wrapped once here: isomorphic-git wraps (and probes) a plain file system again on every call.
    const wrapped = new FileSystem(createReadOnlyFs(objects)) as unknown as PromiseFsClient;
    return new GitRepository(found.top, found.gitDirectory, gitdir, wrapped);
  }

  private get options() {
    return { fs: this.fs, gitdir: this.gitdir, cache: this.cache };
  }

  /** Tunes the cache of each pack index that isomorphic-git has loaded since the last call. */
  private tune(): void {
    const packs = packIndexesOf(this.cache);
    if (!packs || packs.size === this.tunedPacks) return;
    this.tunedPacks = packs.size;
    for (const pending of packs.values()) void Promise.resolve(pending).then(boundPackEntryCache, () => undefined);
  }

  /**
   * Reads a commit (an annotated tag is peeled to its commit).
   *
   * @throws GitObjectError when it is missing or unreadable
   */
  async readCommit(oid: string): Promise<CommitRecord> {
    try {
      const { oid: commitOid, commit } = await git.readCommit({ ...this.options, oid });
      this.tune();
      return { oid: commitOid, tree: commit.tree, parents: commit.parent, authorTime: commit.author.timestamp };
    } catch (error) {
      throw new GitObjectError(oid, problemOf(error), reasonOf(error));
    }
  }

  /**
   * Reads a tree's entries.
   *
   * @throws GitObjectError when it is missing or unreadable
   */
  async readTree(oid: string): Promise<TreeRecord[]> {
    if (oid === EMPTY_TREE) return [];
    const cached = this.trees.get(oid);
    if (cached) return cached;
    try {
      const { tree } = await git.readTree({ ...this.options, oid });
      this.tune();
      const entries = tree.map((entry): TreeRecord => ({ name: entry.path, oid: entry.oid, type: entry.type, mode: entry.mode }));
      this.trees.set(oid, entries);
      return entries;
    } catch (error) {
      throw new GitObjectError(oid, problemOf(error), reasonOf(error));
    }
  }

  /**
   * Reads a blob's bytes.
   *
   * @throws GitObjectError when it is missing or unreadable
   */
  async readBlob(oid: string): Promise<Buffer> {
    try {
      const { blob } = await git.readBlob({ ...this.options, oid });
      this.tune();
      return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    } catch (error) {
      throw new GitObjectError(oid, problemOf(error), reasonOf(error));
    }
  }

  /**
   * The object id at a `/`-separated path in a tree, or undefined when there is none.
   *
   * @throws GitObjectError when a tree on the way is missing or unreadable
   */
  async lookupPath(treeOid: string, filePath: string): Promise<TreeRecord | undefined> {
    let entry: TreeRecord | undefined = { name: '', oid: treeOid, type: 'tree', mode: '040000' };
    for (const name of filePath.split('/')) {
      if (entry?.type !== 'tree') return undefined;
      entry = (await this.readTree(entry.oid)).find((candidate) => candidate.name === name);
    }
    return entry;
  }

  /** The commit HEAD points at, or undefined (an empty repository, or an unreadable HEAD). */
  async head(): Promise<string | undefined> {
    const content = readSmallFile(path.join(this.headDirectory, 'HEAD'))?.trim() ?? '';
    const symbolic = /^ref:\s*(\S+)$/.exec(content)?.[1];
    if (!symbolic) return /^[0-9a-f]{40}$/.test(content) ? content : undefined;
    return git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: symbolic }).catch(() => undefined);
  }

  /**
   * Every ref under `refs/` (branches, remote-tracking branches, tags, notes, stash, pull request
   * refs) and HEAD, each with the commit it points at. Refs that point at no commit (a tag of a
   * blob) and refs that cannot be resolved are left out.
   */
  async refTips(): Promise<RefTip[]> {
    const names = await git.listRefs({ fs: this.fs, gitdir: this.gitdir, filepath: 'refs' }).catch(() => [] as string[]);
    const tips: RefTip[] = [];
    const head = await this.head();
    if (head) tips.push({ name: 'HEAD', oid: head });
    for (const name of names) {
      const oid = await git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: `refs/${name}` }).catch(() => undefined);
      if (!oid) continue;
      const commit = await this.readCommit(oid).catch(() => undefined);
      if (commit) tips.push({ name: `refs/${name}`, oid: commit.oid });
    }
    return tips;
  }

  /** The commits a shallow clone has without their parents (`.git/shallow`). */
  shallowCommits(): Set<string> {
    const content = readSmallFile(path.join(this.gitdir, 'shallow')) ?? '';
    return new Set(content.split('\n').map((line) => line.trim()).filter((line) => /^[0-9a-f]{40}$/.test(line)));
  }

  /**
   * Resolves a revision: a full or abbreviated object id, a ref name (`main`, `origin/main`,
   * `v1.0`, `refs/pull/1/head`, `HEAD`), each optionally followed by `~n` and `^` steps along first
   * parents (`HEAD~2`, `main^`) or `^n` (the n-th parent).
   *
   * @returns the commit id
   * @throws RevisionError when it names no commit here
   */
  async resolveRevision(revision: string): Promise<string> {
    const match = /^(.+?)((?:[~^]\d*)*)$/.exec(revision.trim());
    if (!match) throw new RevisionError(`"${revision}" is not a revision`);
    const [, name = '', steps = ''] = match;
    let oid = name === 'HEAD' ? await this.head() : undefined;
    if (!oid && /^[0-9a-f]{4,40}$/i.test(name)) {
      oid = await git.expandOid({ ...this.options, oid: name.toLowerCase() }).catch(() => undefined);
    }
    oid ??= await git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: name }).catch(() => undefined);
    if (!oid) throw new RevisionError(`no commit or ref named "${name}" in ${this.top}`);
    let commit = await this.readCommit(oid).catch((error: unknown) => {
      throw new RevisionError(`"${name}" does not name a readable commit (${reasonOf(error)})`);
    });
    for (const [, kind, count] of steps.matchAll(/([~^])(\d*)/g)) {
      const n = count === '' ? 1 : Number(count);
      const hops = kind === '~' ? n : 1;
      const parentIndex = kind === '~' ? 0 : n - 1;
      for (let hop = 0; hop < hops; hop += 1) {
        if (kind === '^' && n === 0) break;
        const parent = commit.parents[parentIndex];
        if (!parent) throw new RevisionError(`"${revision}": ${commit.oid.slice(0, 12)} has no such parent`);
        commit = await this.readCommit(parent).catch((error: unknown) => {
          throw new RevisionError(`"${revision}": ${reasonOf(error)}`);
        });
      }
    }
    return commit.oid;
  }

  /**
   * The default branch: what `refs/remotes/origin/HEAD` points at, else the first of
   * `origin/main`, `origin/master`, `main`, `master` that exists.
   *
   * @returns a ref name, or undefined when none exists
   */
  async defaultBranch(): Promise<string | undefined> {
    const originHead = await git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: 'refs/remotes/origin/HEAD', depth: 2 }).catch(() => undefined);
    if (originHead?.startsWith('refs/')) return originHead;
    for (const candidate of ['refs/remotes/origin/main', 'refs/remotes/origin/master', 'refs/heads/main', 'refs/heads/master']) {
      if (await git.resolveRef({ fs: this.fs, gitdir: this.gitdir, ref: candidate }).catch(() => undefined)) return candidate;
    }
    return undefined;
  }

  /**
   * The best common ancestor of two commits.
   *
   * @returns its id, or undefined when they share no history here (a shallow clone)
   */
  async mergeBase(one: string, two: string): Promise<string | undefined> {
    const bases = await git.findMergeBase({ ...this.options, oids: [one, two] }).catch(() => [] as string[]);
    return bases[0];
  }

  /**
   * `remote.origin.url` from `.git/config`, read as data, without any user name or password in it.
   *
   * @returns undefined when there is none
   */
  async originUrl(): Promise<string | undefined> {
    const url = await git.getConfig({ fs: this.fs, gitdir: this.gitdir, path: 'remote.origin.url' }).catch(() => undefined);
    if (typeof url !== 'string' || url === '') return undefined;
    try {
      const parsed = new URL(url);
      parsed.username = '';
      parsed.password = '';
      return parsed.toString();
    } catch {
      // scp-like `git@host:owner/name.git`: no password can be in it.
      return /^[\w.-]+@[\w.-]+:[\w./-]+$/.test(url) ? url : undefined;
    }
  }
}
