/**
 * A tree object's entries read in place (`mode SP name NUL 20-byte id`, gitformat-pack), without
 * making a string or an object per entry: a 10,000-commit history reads millions of entries and
 * needs a name or an id only for the few that changed.
 *
 * @packageDocumentation
 */

/** What a tree entry is, from its mode. */
export type EntryKind = 'tree' | 'file' | 'symlink' | 'submodule';

const OID_BYTES = 20;
const SPACE = 0x20;
const SLASH = 0x2f;

/** The kind of a mode (as git reads it: `40000` is a directory, `100664` a plain file), or undefined for none. */
function kindOfMode(mode: number): EntryKind | undefined {
  if (mode === 0o40000) return 'tree';
  if (mode === 0o160000) return 'submodule';
  if (mode === 0o120000) return 'symlink';
  if (mode >= 0o100000 && mode <= 0o107777) return 'file';
  return undefined;
}

/** A position in a tree object's bytes; {@link TreeCursor.advance} moves it to the next entry. */
export class TreeCursor {
  nameStart = 0;
  nameEnd = 0;
  oidStart = 0;
  kind: EntryKind = 'file';
  private next = 0;

  constructor(readonly data: Buffer) {}

  /**
   * Moves to the next entry.
   *
   * @returns false at the end
   * @throws Error for an entry cut short
   */
  advance(): boolean {
    const { data } = this;
    if (this.next >= data.length) return false;
    let position = this.next;
    let mode = 0;
    for (; position < data.length && data[position] !== SPACE; position += 1) {
      const digit = (data[position] as number) - 0x30;
      if (digit < 0 || digit > 7 || position - this.next > 6) throw new Error('tree entry has no valid mode');
      mode = mode * 8 + digit;
    }
    const nul = data.indexOf(0, position + 1);
    if (position >= data.length || nul < 0 || nul + 1 + OID_BYTES > data.length) throw new Error('tree entry is truncated');
    const kind = kindOfMode(mode);
    if (kind === undefined) throw new Error(`tree entry has mode ${mode.toString(8)}`);
    this.kind = kind;
    this.nameStart = position + 1;
    this.nameEnd = nul;
    this.oidStart = nul + 1;
    this.next = nul + 1 + OID_BYTES;
    return true;
  }

  /** The entry's name (UTF-8, as git's paths almost always are). */
  get name(): string {
    return this.data.toString('utf8', this.nameStart, this.nameEnd);
  }

  /** The entry's object id, 40 hex digits. */
  get oid(): string {
    return this.data.toString('hex', this.oidStart, this.oidStart + OID_BYTES);
  }

  /** Whether this entry and another have the same object id and kind (a file's mode bits aside: they change no content). */
  sameAs(other: TreeCursor): boolean {
    if (this.kind !== other.kind) return false;
    for (let index = 0; index < OID_BYTES; index += 1) {
      if (this.data[this.oidStart + index] !== other.data[other.oidStart + index]) return false;
    }
    return true;
  }

  /**
   * Orders this entry against another as git sorts a tree: by name bytes, a directory's name
   * compared as if it ended in `/`.
   *
   * @returns negative, zero (same name and both directories or both not) or positive
   */
  compare(other: TreeCursor): number {
    const length = this.nameEnd - this.nameStart;
    const otherLength = other.nameEnd - other.nameStart;
    const common = Math.min(length, otherLength);
    for (let index = 0; index < common; index += 1) {
      const difference = (this.data[this.nameStart + index] as number) - (other.data[other.nameStart + index] as number);
      if (difference !== 0) return difference;
    }
    const next = length > common ? (this.data[this.nameStart + common] as number) : this.kind === 'tree' ? SLASH : 0;
    const otherNext = otherLength > common ? (other.data[other.nameStart + common] as number) : other.kind === 'tree' ? SLASH : 0;
    return next - otherNext;
  }

  /** Whether the entry's name is `name` (given as UTF-8 bytes). */
  hasName(name: Buffer): boolean {
    return this.nameEnd - this.nameStart === name.length && name.compare(this.data, this.nameStart, this.nameEnd) === 0;
  }
}
