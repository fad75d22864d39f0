/**
 * A scanned repository's git objects and refs, read in this process, never by running `git`: a
 * repository's `.git/config`, attributes and hooks can make a git process run code (textconv
 * drivers, `core.fsmonitor`, filters). Objects come from our own reader of packs and loose objects
 * (object-store.ts), refs from refs.ts; the one configuration value read (`remote.origin.url`, as
 * data) comes from `.git/config` parsed as an INI file (npm's `ini`), never interpreted by git.
 *
 * Memory: the object store's (its pack indexes and its cache of resolved objects).
 *
 * @packageDocumentation
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseIni } from 'ini';
import { findRepository } from '../../files/git-status.js';
import { GitObjectError, ObjectStore, type ObjectVersion } from './object-store.js';
import type { GitObject, ObjectType } from './packfile.js';
import { RefStore } from './refs.js';
import { TreeCursor, type EntryKind } from './tree-entries.js';

export { GitObjectError, type ObjectProblem } from './object-store.js';

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

/** A named ref and the commit it points at (annotated tags peeled). */
export interface RefTip {
  name: string;
  oid: string;
}

/** Thrown when a revision (ref name, object id, `rev~n`) names no commit. */
export class RevisionError extends Error {
  override name = 'RevisionError';
}

/** Largest `HEAD`, `shallow` or `commondir` file read (bytes). */
const MAX_SMALL_FILE_BYTES = 16 * 1024 * 1024;
/** Tags of tags followed before giving up. */
const MAX_TAG_DEPTH = 16;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function readSmallFile(file: string): string | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() && stats.size <= MAX_SMALL_FILE_BYTES ? readFileSync(file, 'utf8') : undefined;
}

/** The value of a header line (`tree …`, `object …`) of a commit or tag, or undefined. */
function headerValues(header: string, key: string): string[] {
  const values: string[] = [];
  for (const line of header.split('\n')) if (line.startsWith(`${key} `)) values.push(line.slice(key.length + 1));
  return values;
}

/** A commit's or tag's header: the lines before the first blank one (ids and dates are ASCII). */
const headerOf = (object: GitObject): string => {
  const end = object.data.indexOf('\n\n');
  return object.data.toString('latin1', 0, end < 0 ? object.data.length : end);
};

const OID = /^[0-9a-f]{40}$/;

/** A repository opened for reading; see the module comment. */
export class GitRepository {

  private constructor(
    /** The work tree's top directory. */
    readonly top: string,
    /** The directory that holds HEAD (a linked work tree's own git directory). */
    private readonly headDirectory: string,
    /** The directory that holds objects and refs. */
    readonly gitdir: string,
    private readonly objects: ObjectStore,
    private readonly refs: RefStore,
  ) {}

  /**
   * Opens the repository that holds `directory`; {@link GitRepository.close} it when done.
   *
   * @returns undefined when `directory` is in no repository (no `.git` above it)
   */
  static open(directory: string): GitRepository | undefined {
    const found = findRepository(directory);
    if (!found || !statSync(found.gitDirectory, { throwIfNoEntry: false })?.isDirectory()) return undefined;
    // A linked work tree's git directory says where the shared objects and refs are.
    const common = readSmallFile(path.join(found.gitDirectory, 'commondir'))?.trim();
    const gitdir = common ? path.resolve(found.gitDirectory, common) : found.gitDirectory;
    const objects = new ObjectStore(path.join(gitdir, 'objects'));
    return new GitRepository(found.top, found.gitDirectory, gitdir, objects, new RefStore(gitdir, found.gitDirectory));
  }

  /** Packs whose index could not be read (their objects read as missing), each with the reason. */
  get unreadablePacks(): readonly string[] {
    return this.objects.unreadablePacks;
  }

  /** Closes the pack files. */
  close(): void {
    this.objects.close();
  }

  /**
   * Reads an object of one type, peeling annotated tags when a commit is asked for.
   *
   * @throws GitObjectError when it is missing, unreadable or of another type
   */
  private readTyped(oid: string, type: ObjectType): GitObject & { oid: string } {
    let current = oid;
    for (let depth = 0; depth <= MAX_TAG_DEPTH; depth += 1) {
      const object = this.objects.read(current);
      if (object.type === type) return { ...object, oid: current };
      const target = object.type === 'tag' && type === 'commit' ? headerValues(headerOf(object), 'object')[0] : undefined;
      if (!target || !OID.test(target)) throw new GitObjectError(oid, 'corrupt', `a ${object.type}, not a ${type}`);
      current = target;
    }
    throw new GitObjectError(oid, 'corrupt', 'tags nested too deep');
  }

  /**
   * Reads a commit (an annotated tag is peeled to its commit).
   *
   * @throws GitObjectError when it is missing or unreadable
   */
  async readCommit(oid: string): Promise<CommitRecord> {
    const commit = this.readTyped(oid, 'commit');
    const header = headerOf(commit);
    const tree = headerValues(header, 'tree')[0];
    const parents = headerValues(header, 'parent');
    // `author Name <email> 1700000000 +0100`: the date is the second field from the end.
    const authorTime = Number(/ (-?\d+) [+-]\d{4}$/.exec(headerValues(header, 'author')[0] ?? '')?.[1] ?? Number.NaN);
    if (!tree || !OID.test(tree) || !parents.every((parent) => OID.test(parent)) || Number.isNaN(authorTime)) {
      throw new GitObjectError(oid, 'corrupt', 'the commit has no valid tree, parent or author line');
    }
    return { oid: commit.oid, tree, parents, authorTime };
  }

  /**
   * Reads a tree object's bytes, to read with a {@link TreeCursor}. They may be shared: never change them.
   *
   * @throws GitObjectError when it is missing, unreadable or not a tree
   */
  readTreeBytes(oid: string): Buffer {
    return oid === EMPTY_TREE ? Buffer.alloc(0) : this.readTyped(oid, 'tree').data;
  }

  /**
   * Reads a blob's bytes. They may be shared with the object cache: never change them.
   *
   * @throws GitObjectError when it is missing or unreadable
   */
  async readBlob(oid: string): Promise<Buffer> {
    return this.readTyped(oid, 'blob').data;
  }

  /**
   * Reads a blob, and how its pack stored it (object-store.ts's `ObjectVersion`): for a delta chain,
   * each version on the way and where its bytes may differ from the one before. The bytes may be
   * shared: never change them.
   *
   * @throws GitObjectError when it is missing, unreadable or not a blob
   */
  async readBlobVersion(oid: string): Promise<ObjectVersion> {
    const version = this.objects.readVersion(oid);
    if (version.object.type !== 'blob') throw new GitObjectError(oid, 'corrupt', `a ${version.object.type}, not a blob`);
    return version;
  }

  /**
   * The object id at a `/`-separated path in a tree, or undefined when there is none.
   *
   * @throws GitObjectError when a tree on the way is missing or unreadable
   */
  async lookupPath(treeOid: string, filePath: string): Promise<{ oid: string; kind: EntryKind } | undefined> {
    let entry: { oid: string; kind: EntryKind } | undefined = { oid: treeOid, kind: 'tree' };
    for (const name of filePath.split('/')) {
      if (entry?.kind !== 'tree') return undefined;
      const wanted = Buffer.from(name);
      const cursor: TreeCursor = new TreeCursor(this.readTreeBytes(entry.oid));
      entry = undefined;
      try {
        while (!entry && cursor.advance()) if (cursor.hasName(wanted)) entry = { oid: cursor.oid, kind: cursor.kind };
      } catch (error) {
        throw new GitObjectError(treeOid, 'corrupt', reasonOf(error));
      }
    }
    return entry;
  }

  /** The commit HEAD points at, or undefined (an empty repository, or an unreadable HEAD). */
  async head(): Promise<string | undefined> {
    return this.refs.resolve('HEAD');
  }

  /**
   * Every ref under `refs/` (branches, remote-tracking branches, tags, notes, stash, pull request
   * refs) and HEAD, each with the commit it points at. Refs that point at no commit (a tag of a
   * blob) and refs that cannot be resolved are left out.
   */
  async refTips(): Promise<RefTip[]> {
    const tips: RefTip[] = [];
    const head = await this.head();
    if (head) tips.push({ name: 'HEAD', oid: head });
    for (const name of this.refs.list()) {
      const oid = this.refs.resolve(name);
      if (!oid) continue;
      const commit = await this.readCommit(oid).catch(() => undefined);
      if (commit) tips.push({ name, oid: commit.oid });
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
      const matches = this.objects.expand(name.toLowerCase());
      if (matches.length > 1) throw new RevisionError(`"${name}" is ambiguous: more than one object id starts with it`);
      oid = matches[0];
    }
    oid ??= this.refs.resolveShort(name);
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
    const originHead = this.refs.symbolicTarget('refs/remotes/origin/HEAD');
    if (originHead?.startsWith('refs/')) return originHead;
    return ['refs/remotes/origin/main', 'refs/remotes/origin/master', 'refs/heads/main', 'refs/heads/master'].find((candidate) => this.refs.resolve(candidate));
  }

  /**
   * `remote.origin.url` from `.git/config`, read as data, without any user name or password in it.
   *
   * @returns undefined when there is none
   */
  originUrl(): string | undefined {
    const config = readSmallFile(path.join(this.gitdir, 'config'));
    // Git writes the section as `[remote "origin"]`; the INI parser keeps that whole as its name.
    const url: unknown = config === undefined ? undefined : (parseIni(config)['remote "origin"'] as Record<string, unknown> | undefined)?.url;
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
