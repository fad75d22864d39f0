/**
 * Which blobs of a history may hold a finding ({@link mayFind}), searching as few of their bytes as
 * it can. Most versions of a file differ from another version by a few lines, so once one version
 * is known to have no trigger word, a version made from it is searched only around what changed:
 *
 * - a blob stored in its pack as a delta against a blob already known clean: around the delta's
 *   inserts and seams (object-store.ts `ObjectVersion`);
 * - otherwise, a blob whose other side in a commit's change (the same path's version before or
 *   after) is known clean: around the bytes between their common prefix and common suffix.
 *
 * Both give exactly what a search of the whole blob gives (mayFindAround says why); a 500 KB lock
 * file changed in 1,000 commits is then not searched whole 1,000 times.
 *
 * @packageDocumentation
 */
import { mayFind, mayFindAround } from '../prefilter.js';
import type { ObjectVersion } from './object-store.js';
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
  const cleanEntries = new Set<number>();
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

  return {
    async mayFind(oid, version, sibling) {
      const { object, entry, delta } = version;
      if (cleanBlobs.has(oid)) return false;
      let found: boolean | undefined;
      if (delta && cleanEntries.has(delta.base)) found = mayFindAround(object.data, delta.changes);
      else if (sibling !== undefined && cleanBlobs.has(sibling)) found = await aroundSibling(object.data, sibling);
      found ??= mayFind(object.data);
      if (!found) {
        cleanBlobs.add(oid);
        if (entry !== undefined) cleanEntries.add(entry);
      }
      return found;
    },
  };
}
