/**
 * A repository's git objects, read by this scanner itself: the packs under `objects/pack` by
 * position (packfile.ts) and loose objects, both inflated with Node's zlib, never by running
 * `git`. Delta chains are resolved with a cache of resolved objects bounded in bytes: a history
 * read newest first asks for an older version of a file right after the newer one that its
 * delta is based on, so most chains stop at the first step.
 *
 * Only regular files are opened: a `.pack` or loose object that is a named pipe, a device or a
 * directory (an unpacked archive can hold any of them) reads as absent. Nothing is written.
 * Git data does not change during a scan, which is what makes kept answers (directory listings,
 * resolved objects) safe.
 *
 * Memory: each pack's index (28 bytes an object for a version 2 index, plus 8 for the sorted
 * offsets) and the cache of {@link OBJECT_CACHE_BYTES}; never a pack's content.
 *
 * @packageDocumentation
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { applyDelta, inflateAtMost, Packfile, PackFormatError, type GitObject, type ObjectType } from './packfile.js';

/** Bytes of resolved objects kept for delta chains (see the module comment). */
const OBJECT_CACHE_BYTES = 64 * 1024 * 1024;
/** Larger objects are not kept: one would push out many bases that are read more often. */
const LARGEST_CACHED_BYTES = 8 * 1024 * 1024;
/** Deltas of deltas deeper than this are taken for a loop (git's default depth is 50, `--aggressive` 250). */
const MAX_CHAIN = 10_000;
/** Offsets below this many bytes are told apart per pack in the cache's numeric keys. */
const PACK_KEY_SPAN = 2 ** 42;
const LOOSE_TYPES = new Set<string>(['commit', 'tree', 'blob', 'tag']);

/** Why an object could not be read: not in the repository, or there but unreadable. */
export type ObjectProblem = 'missing' | 'corrupt';

/** Thrown by {@link ObjectStore.read}: the object id, and whether it is missing or corrupt. */
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

/**
 * An object, and how its pack stored it: enough to tell which of its bytes are new relative to
 * another object already looked at (the history scan's prefilter reads only those).
 */
export interface ObjectVersion {
  object: GitObject;
  /** Its pack entry, as a number unique within this store; undefined for a loose object. */
  entry?: number;
  /**
   * Set when it was resolved here from a chain of deltas in its pack: the entry the chain starts
   * from (a whole object, or one resolved before) with its bytes, then each delta's result, the
   * requested object last, with where its bytes may differ from the one before (`start, end`
   * pairs, as {@link applyDelta} gives them).
   */
  chain?: { base: DeltaStep; steps: (DeltaStep & { changes: number[] })[] };
}

/** One object of a delta chain: its pack entry and bytes. */
export interface DeltaStep {
  entry: number;
  data: Buffer;
}

const isRegularFile = (file: string): boolean => statSync(file, { throwIfNoEntry: false })?.isFile() === true;

/** The objects of one `objects` directory; see the module comment. */
export class ObjectStore {
  private readonly packs: Packfile[] = [];
  /** Packs whose index could not be read: their objects read as missing, and this says why. */
  readonly unreadablePacks: string[] = [];
  private readonly looseListings = new Map<string, Set<string>>();
  private readonly cache = new LRUCache<number, GitObject>({
    maxSize: OBJECT_CACHE_BYTES,
    sizeCalculation: (object) => Math.max(1, object.data.length),
  });

  /** @param objectsDirectory - the repository's `objects` directory (absolute) */
  constructor(private readonly objectsDirectory: string) {
    const packDirectory = path.join(objectsDirectory, 'pack');
    let names: string[] = [];
    try {
      names = readdirSync(packDirectory).filter((name) => name.endsWith('.idx')).sort();
    } catch {
      // No pack directory: every object is loose.
    }
    for (const name of names) {
      const indexPath = path.join(packDirectory, name);
      const packPath = indexPath.replace(/\.idx$/, '.pack');
      if (!isRegularFile(indexPath) || !isRegularFile(packPath)) continue;
      try {
        this.packs.push(new Packfile(packPath, readFileSync(indexPath)));
      } catch (error) {
        this.unreadablePacks.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * Reads an object.
   *
   * @param oid - 40 hex digits, lower case
   * @throws GitObjectError when it is missing or unreadable
   */
  read(oid: string): GitObject {
    return this.readAt(oid, 0).object;
  }

  /**
   * Reads an object, and how its pack stored it (see {@link ObjectVersion}).
   *
   * @param oid - 40 hex digits, lower case
   * @throws GitObjectError when it is missing or unreadable
   */
  readVersion(oid: string): ObjectVersion {
    return this.readAt(oid, 0, true);
  }

  private readAt(oid: string, depth: number, withDelta = false): ObjectVersion {
    if (depth > MAX_CHAIN) throw new GitObjectError(oid, 'corrupt', 'delta chain too long (a loop?)');
    const binary = Buffer.from(oid, 'hex');
    let packProblem: string | undefined;
    for (const [number, pack] of this.packs.entries()) {
      const offset = pack.offsetOf(binary);
      if (offset === undefined) continue;
      try {
        return this.readPacked(number, offset, depth, withDelta);
      } catch (error) {
        if (error instanceof GitObjectError) throw error;
        packProblem = `${path.basename(pack.packPath)}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const loose = this.readLoose(oid);
    if (loose) return { object: loose };
    if (packProblem) throw new GitObjectError(oid, 'corrupt', packProblem);
    throw new GitObjectError(oid, 'missing', 'in no pack and not loose');
  }

  /**
   * Resolves the entry at an offset, walking its delta chain down to a whole or cached object.
   *
   * @param withDelta - whether to say how the entry itself was stored as a delta
   */
  private readPacked(number: number, offset: number, depth: number, withDelta: boolean): ObjectVersion {
    const pack = this.packs[number] as Packfile;
    const entryKey = number * PACK_KEY_SPAN + offset;
    const deltas: { key: number; delta: Buffer }[] = [];
    let base: GitObject | undefined;
    let baseKey = entryKey;
    for (let at = offset; base === undefined; ) {
      baseKey = number * PACK_KEY_SPAN + at;
      base = this.cache.get(baseKey);
      if (base) break;
      if (deltas.length > MAX_CHAIN) throw new PackFormatError('delta chain too long (a loop?)');
      const entry = pack.readEntry(at);
      if (entry.kind === 'whole') {
        base = entry.object;
        this.remember(baseKey, base);
      } else if ('baseOffset' in entry) {
        deltas.push({ key: baseKey, delta: entry.delta });
        at = entry.baseOffset;
      } else {
        // A base named by id may be in another pack: the chain is not followed past it.
        deltas.push({ key: baseKey, delta: entry.delta });
        base = this.readAt(entry.baseOid, depth + deltas.length).object;
        baseKey = Number.NaN;
      }
    }
    const chain = withDelta && deltas.length > 0 && !Number.isNaN(baseKey) ? { base: { entry: baseKey, data: base.data }, steps: [] as (DeltaStep & { changes: number[] })[] } : undefined;
    for (let step = deltas.length - 1; step >= 0; step -= 1) {
      const { key, delta } = deltas[step] as { key: number; delta: Buffer };
      const changes: number[] = [];
      base = { type: base.type, data: applyDelta(base.data, delta, chain && changes) };
      chain?.steps.push({ entry: key, data: base.data, changes });
      this.remember(key, base);
    }
    return { object: base, entry: entryKey, ...(chain && { chain }) };
  }

  private remember(key: number, object: GitObject): void {
    if (object.data.length <= LARGEST_CACHED_BYTES) this.cache.set(key, object);
  }

  /** A loose object, or undefined when there is none. */
  private readLoose(oid: string): GitObject | undefined {
    const directory = oid.slice(0, 2);
    if (!this.looseNames(directory).has(oid.slice(2))) return undefined;
    const file = path.join(this.objectsDirectory, directory, oid.slice(2));
    if (!isRegularFile(file)) return undefined;
    let raw: Buffer;
    try {
      raw = inflateAtMost(readFileSync(file), Number.MAX_SAFE_INTEGER, 'the loose object');
    } catch (error) {
      throw new GitObjectError(oid, 'corrupt', error instanceof Error ? error.message : String(error));
    }
    const headerEnd = raw.indexOf(0);
    const [type, size] = raw.toString('latin1', 0, Math.max(0, headerEnd)).split(' ');
    if (headerEnd < 0 || !LOOSE_TYPES.has(type ?? '') || Number(size) !== raw.length - headerEnd - 1) {
      throw new GitObjectError(oid, 'corrupt', 'the loose object has no valid header');
    }
    return { type: type as ObjectType, data: raw.subarray(headerEnd + 1) };
  }

  private looseNames(directory: string): Set<string> {
    let names = this.looseListings.get(directory);
    if (!names) {
      try {
        names = new Set(readdirSync(path.join(this.objectsDirectory, directory)));
      } catch {
        names = new Set();
      }
      this.looseListings.set(directory, names);
    }
    return names;
  }

  /**
   * Full ids of the objects whose id starts with a hex prefix.
   *
   * @param prefix - 4 to 40 hex digits, lower case
   * @returns up to two ids: more than one means the prefix is ambiguous
   */
  expand(prefix: string): string[] {
    const found = new Set<string>();
    for (const pack of this.packs) for (const oid of pack.idsStartingWith(prefix, 2)) found.add(oid);
    for (const name of this.looseNames(prefix.slice(0, 2))) {
      if (`${prefix.slice(0, 2)}${name}`.startsWith(prefix)) found.add(`${prefix.slice(0, 2)}${name}`);
    }
    return [...found].slice(0, 2);
  }

  /** Closes the packs' file descriptors. */
  close(): void {
    for (const pack of this.packs) pack.close();
  }
}
