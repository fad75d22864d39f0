/**
 * The file system that isomorphic-git is given to read a scanned repository's git data: read-only,
 * regular files only, and quick to say "no such loose object".
 *
 * - Every write is refused (`EROFS`): a scan never changes the repository it reads.
 * - A path that is a named pipe, a device or a directory is never opened (an unpacked archive may
 *   hold a `.git/objects/pack/x.pack` that is a FIFO or a link to `/dev/zero`); it reads as absent.
 * - isomorphic-git looks for a loose object before every packed read, and lists `objects/pack`
 *   each time. Each `objects/xx` directory is listed once here and the answer kept, as are the
 *   listings and `stat`s of the git directory, so that a history scan of 300,000 object reads does
 *   not make a million system calls (bench/README.md: about a quarter of the CPU time).
 *
 * Git data does not change during a scan, which is what makes these answers safe to keep.
 *
 * @packageDocumentation
 */
import { promises as fsp, type Stats } from 'node:fs';
import path from 'node:path';

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

/**
 * Makes the file system for one repository's git directories.
 *
 * @param objectDirectories - absolute `objects` directories whose loose objects are listed once
 *   (the repository's own, and the common one of a linked work tree)
 */
export function createReadOnlyFs(objectDirectories: readonly string[]): ReadOnlyFs {
  const stats = new Map<string, Promise<Stats>>();
  const listings = new Map<string, Promise<string[]>>();
  const looseObjects = new Map<string, Promise<Set<string>>>();

  const statOnce = (file: string): Promise<Stats> => once(stats, file, (key) => fsp.stat(key));

  /** Whether `file` is a loose object path that its `objects/xx` listing lacks (then it is absent). */
  async function knownAbsent(file: string): Promise<boolean> {
    for (const objects of objectDirectories) {
      const relative = path.relative(objects, file);
      const match = /^([0-9a-f]{2})[\\/]([0-9a-f]{38})$/.exec(relative);
      if (!match) continue;
      const directory = path.join(objects, match[1] as string);
      const names = once(looseObjects, directory, (key) => fsp.readdir(key).then((list) => new Set(list), () => new Set<string>()));
      return !(await names).has(match[2] as string);
    }
    return false;
  }

  return {
    promises: {
      async readFile(file, options) {
        // isomorphic-git probes a file system by calling readFile() with nothing.
        if (typeof file !== 'string' || (await knownAbsent(file))) throw NOT_FOUND;
        const fileStats = await statOnce(file).catch(() => undefined);
        if (!fileStats?.isFile()) throw NOT_FOUND;
        const content = await fsp.readFile(file, options as { encoding?: BufferEncoding });
        // isomorphic-git copies a Buffer it is given (Buffer.from) but wraps an ArrayBuffer: a pack of
        // hundreds of MB is then held once, not twice.
        if (typeof content !== 'string' && content.byteOffset === 0 && content.byteLength === content.buffer.byteLength) {
          return content.buffer as ArrayBuffer;
        }
        return content;
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
