/**
 * Which blobs of a history may hold a finding ({@link mayFind}), searching as few of their bytes as
 * it can. Most versions of a file differ from another version by a few lines, so once one version
 * is known to have no trigger word, a version made from it is searched only around what changed:
 *
 * - a blob stored in its pack as a chain of deltas: its base searched whole once, then each delta's
 *   result around its inserts and seams while the one before is clean (object-store.ts
 *   `ObjectVersion`); every version in the chain is then known;
 * - otherwise, a blob whose other side in a commit's change (the same path's version before or
 *   after) is known clean: around the bytes between their common prefix and common suffix.
 *
 * Both give exactly what a search of the whole blob gives (mayFindAround says why); a 500 KB lock
 * file changed in 1,000 commits is then not searched whole 1,000 times.
 *
 * @packageDocumentation
 */
import { mayFind, mayFindAround } from '../prefilter.js';
import type { DeltaStep, ObjectVersion } from './object-store.js';
import { GitObjectError, type GitRepository } from './repository.js';

/** Tells whether blobs may hold a finding; remembers the clean ones. */
export interface BlobTriggers {
  /**
   * @param oid - the blob's id
   * @param version - its bytes and how they were stored
   * @param sibling - the other blob of the change it was read for, if any
   */
  mayFind(oid: string, version: ObjectVersion, sibling?: string): Promise<boolean>;
}

/** The length of the common prefix of two buffers, found by halving with native compares. */
function commonPrefix(one: Buffer, two: Buffer): number {
  let low = 0;
  let high = Math.min(one.length, two.length);
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (one.compare(two, low, middle, low, middle) === 0) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The length of the common suffix of two buffers, at most `limit` bytes. */
function commonSuffix(one: Buffer, two: Buffer, limit: number): number {
  let low = 0;
  let high = Math.min(limit, one.length, two.length);
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (one.compare(two, two.length - middle, two.length - low, one.length - middle, one.length - low) === 0) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Makes the memo for one repository's history scan. */
export function createBlobTriggers(repository: GitRepository): BlobTriggers {
  /** Pack entries searched: whether each may hold a finding. */
  const entries = new Map<number, boolean>();
  const cleanBlobs = new Set<string>();

  async function aroundSibling(bytes: Buffer, sibling: string): Promise<boolean | undefined> {
    let other: Buffer;
    try {
      other = await repository.readBlob(sibling);
    } catch (error) {
      if (error instanceof GitObjectError) return undefined;
      throw error;
    }
    const prefix = commonPrefix(bytes, other);
    const suffix = commonSuffix(bytes, other, Math.min(bytes.length, other.length) - prefix);
    return mayFindAround(bytes, [prefix, bytes.length - suffix]);
  }

  /** Whether bytes may hold a finding, remembering the pack entry when they cannot. */
  const searchWhole = (step: DeltaStep): boolean => {
    const found = mayFind(step.data);
    entries.set(step.entry, found);
    return found;
  };

  /**
   * Goes up a delta chain from its base, each step searched around its changes while the one
   * before is clean; the base is searched whole when not known (it is a version of the same
   * file, read later or already).
   *
   * @returns whether the last step may hold a finding, or undefined when that is not known
   */
  function alongChain({ base, steps }: NonNullable<ObjectVersion['chain']>): boolean | undefined {
    let found: boolean | undefined = entries.get(base.entry) ?? searchWhole(base);
    for (const step of steps) {
      const known = entries.get(step.entry);
      found = known ?? (found === false ? mayFindAround(step.data, step.changes) : undefined);
      if (found !== undefined) entries.set(step.entry, found);
    }
    return found;
  }

  return {
    async mayFind(oid, version, sibling) {
      const { object, entry, chain } = version;
      if (cleanBlobs.has(oid) || (entry !== undefined && entries.get(entry) === false)) return false;
      let found = chain ? alongChain(chain) : undefined;
      if (found === undefined && sibling !== undefined && cleanBlobs.has(sibling)) found = await aroundSibling(object.data, sibling);
      found ??= mayFind(object.data);
      if (!found) {
        cleanBlobs.add(oid);
        if (entry !== undefined) entries.set(entry, false);
      }
      return found;
    },
  };
}
