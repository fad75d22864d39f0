/**
 * A repository's refs, read as the files git keeps them in (gitrepository-layout): loose refs under
 * `refs/`, `packed-refs` (read once), and `HEAD`. Symbolic refs (`ref: refs/heads/main`) are
 * followed a few levels deep. Only regular files are read, and a ref name never leads outside the
 * git directory. Each id is a string of its own: a slice of the `packed-refs` text would keep the
 * whole file alive for as long as the id is (a thousand tags held 90 MB that way).
 *
 * @packageDocumentation
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Largest ref file or `packed-refs` read (bytes). */
const MAX_REFS_FILE_BYTES = 64 * 1024 * 1024;
/** Symbolic refs followed before giving up (git's limit is 5). */
const MAX_SYMBOLIC_DEPTH = 5;
const OID = /^[0-9a-f]{40}$/;

function readRegular(file: string): Buffer | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() && stats.size <= MAX_REFS_FILE_BYTES ? readFileSync(file) : undefined;
}

/** Whether a ref name is one git could have written: no `..`, no absolute path, no control characters. */
function isSafeName(name: string): boolean {
  return name !== '' && !name.startsWith('/') && !name.split('/').includes('..') && !/[\0-\x1f\\]/.test(name);
}

/** The refs of one repository. */
export class RefStore {
  private packed: Map<string, string> | undefined;

  /**
   * @param gitdir - the directory that holds refs and `packed-refs` (a linked work tree's common one)
   * @param headDirectory - the directory that holds `HEAD`
   */
  constructor(
    private readonly gitdir: string,
    private readonly headDirectory: string,
  ) {}

  /** `packed-refs` as ref name to id; peeled lines (`^…`) and comments are left out. */
  private packedRefs(): Map<string, string> {
    if (this.packed) return this.packed;
    this.packed = new Map();
    const bytes = readRegular(path.join(this.gitdir, 'packed-refs'));
    if (!bytes) return this.packed;
    for (let start = 0; start < bytes.length; ) {
      const newline = bytes.indexOf(0x0a, start);
      const end = newline < 0 ? bytes.length : newline;
      // `<40 hex> <name>`; each part copied out of the buffer as a string of its own.
      if (end - start > 41 && bytes[start + 40] === 0x20) {
        const oid = bytes.toString('latin1', start, start + 40);
        if (OID.test(oid)) this.packed.set(bytes.toString('utf8', start + 41, end).trimEnd(), oid);
      }
      start = end + 1;
    }
    return this.packed;
  }

  /** A ref file's content: an id, or `ref: <name>`; undefined when there is none. */
  private valueOf(name: string): string | undefined {
    if (name === 'HEAD') return readRegular(path.join(this.headDirectory, 'HEAD'))?.toString('utf8').trim();
    if (!isSafeName(name)) return undefined;
    return readRegular(path.join(this.gitdir, name))?.toString('utf8').trim() ?? this.packedRefs().get(name);
  }

  /**
   * The target of a symbolic ref (`refs/remotes/origin/HEAD` → `refs/remotes/origin/main`).
   *
   * @returns undefined when the ref is not symbolic or does not exist
   */
  symbolicTarget(name: string): string | undefined {
    return /^ref:\s*(\S+)$/.exec(this.valueOf(name) ?? '')?.[1];
  }

  /**
   * The object id a full ref name (`HEAD`, `refs/heads/main`) points at, symbolic refs followed.
   *
   * @returns undefined when it does not exist or points at nothing
   */
  resolve(name: string): string | undefined {
    let current = name;
    for (let depth = 0; depth <= MAX_SYMBOLIC_DEPTH; depth += 1) {
      const value = this.valueOf(current);
      if (value === undefined) return undefined;
      if (OID.test(value)) return value;
      const target = /^ref:\s*(\S+)$/.exec(value)?.[1];
      if (!target) return undefined;
      current = target;
    }
    return undefined;
  }

  /**
   * Resolves a short or full ref name in git's order (`main` is tried as `main`, `refs/main`,
   * `refs/tags/main`, `refs/heads/main`, `refs/remotes/main`, `refs/remotes/main/HEAD`).
   *
   * @returns the object id, or undefined when no ref has that name
   */
  resolveShort(name: string): string | undefined {
    for (const candidate of [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`]) {
      const oid = this.resolve(candidate);
      if (oid) return oid;
    }
    return undefined;
  }

  /** Every ref name under `refs/`, loose and packed, sorted. */
  list(): string[] {
    const names = new Set(this.packedRefs().keys());
    const walk = (directory: string, prefix: string): void => {
      let entries;
      try {
        entries = readdirSync(directory, { withFileTypes: true });
      } catch {
        return;
      }
      // Symbolic links to directories are not followed: no loop can come of them.
      for (const entry of entries) {
        if (entry.isDirectory()) walk(path.join(directory, entry.name), `${prefix}${entry.name}/`);
        else if (entry.isFile()) names.add(`${prefix}${entry.name}`);
      }
    };
    walk(path.join(this.gitdir, 'refs'), 'refs/');
    return [...names].filter((name) => name.startsWith('refs/')).sort();
  }
}
