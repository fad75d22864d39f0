/**
 * The file system that isomorphic-git is given to read a scanned repository's configuration
 * (objects and refs are read by object-store.ts and refs.ts): read-only and regular files only.
 *
 * - Every write is refused (`EROFS`): a scan never changes the repository it reads.
 * - A path that is a named pipe, a device or a directory is never opened; it reads as absent.
 * - `stat`s and listings are kept: isomorphic-git asks for the same ones again.
 *
 * Git data does not change during a scan, which is what makes these answers safe to keep.
 *
 * @packageDocumentation
 */
import { promises as fsp, type Stats } from 'node:fs';

/** The promise-based subset of node:fs that isomorphic-git calls (its `FsClient`). */
export interface ReadOnlyFs {
  promises: {
    readFile(file: string, options?: unknown): Promise<Buffer | ArrayBuffer | string>;
    readdir(directory: string): Promise<string[]>;
    stat(file: string): Promise<Stats>;
    lstat(file: string): Promise<Stats>;
    readlink(file: string): Promise<string>;
    writeFile(): Promise<never>;
    mkdir(): Promise<never>;
    rmdir(): Promise<never>;
    unlink(): Promise<never>;
    symlink(): Promise<never>;
  };
}

/** Shared by every "absent" answer: isomorphic-git only reads its `code`, and a stack per miss costs. */
const NOT_FOUND = Object.freeze(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }));

/** The answer kept for `key`, loaded the first time; a failed load stays failed (git data does not change). */
function once<T>(answers: Map<string, Promise<T>>, key: string, load: (key: string) => Promise<T>): Promise<T> {
  let pending = answers.get(key);
  if (!pending) {
    pending = load(key);
    pending.catch(() => undefined);
    answers.set(key, pending);
  }
  return pending;
}

async function refuseWrite(): Promise<never> {
  throw Object.assign(new Error('EROFS: claude-auth-lint never writes to a scanned repository'), { code: 'EROFS' });
}

/** Makes the file system for one repository's git directories. */
export function createReadOnlyFs(): ReadOnlyFs {
  const stats = new Map<string, Promise<Stats>>();
  const listings = new Map<string, Promise<string[]>>();
  const statOnce = (file: string): Promise<Stats> => once(stats, file, (key) => fsp.stat(key));

  return {
    promises: {
      async readFile(file, options) {
        // isomorphic-git probes a file system by calling readFile() with nothing.
        if (typeof file !== 'string') throw NOT_FOUND;
        const fileStats = await statOnce(file).catch(() => undefined);
        if (!fileStats?.isFile()) throw NOT_FOUND;
        return fsp.readFile(file, options as { encoding?: BufferEncoding });
      },
      readdir: (directory) => once(listings, directory, (key) => fsp.readdir(key)),
      stat: statOnce,
      lstat: (file) => fsp.lstat(file),
      readlink: (file) => fsp.readlink(file),
      writeFile: refuseWrite,
      mkdir: refuseWrite,
      rmdir: refuseWrite,
      unlink: refuseWrite,
      symlink: refuseWrite,
    },
  };
}
