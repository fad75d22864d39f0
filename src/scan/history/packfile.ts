/**
 * One git packfile read by position: its `.idx` (versions 1 and 2) is parsed once, and each object
 * is read from the `.pack` with a positional read of its own bytes only (from its offset to the
 * next object's), inflated with Node's zlib and, for a delta, applied to its base. The pack is never
 * held in memory whole. The formats are git's (gitformat-pack:
 * https://git-scm.com/docs/gitformat-pack).
 *
 * The caller resolves delta chains (object-store.ts): {@link Packfile.readEntry} gives one entry as
 * stored, a whole object or a delta with where its base is.
 *
 * @packageDocumentation
 */
import { constants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** Git's object types. */
export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';

/** An object's type and content (the content without git's `type size\0` header). */
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

/** One pack entry as stored: a whole object, or a delta against a base at an offset or with an id. */
type PackEntry =
  | { kind: 'whole'; object: GitObject }
  | { kind: 'delta'; delta: Buffer; baseOffset: number }
  | { kind: 'delta'; delta: Buffer; baseOid: string };

/** Thrown for pack or index bytes that do not follow the format. */
export class PackFormatError extends Error {
  override name = 'PackFormatError';
}

const TYPES: Record<number, ObjectType | 'ofs-delta' | 'ref-delta'> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag', 6: 'ofs-delta', 7: 'ref-delta' };
const IDX_V2_MAGIC = 0xff744f63;
const FANOUT_BYTES = 256 * 4;
const OID_BYTES = 20;
const PACK_HEADER_BYTES = 12;
/**
 * How many times its compressed size an object can be: deflate's best ratio is about 1032 to 1,
 * so a header that says more is corrupt (and its size is not allocated).
 */
const MAX_INFLATE_RATIO = 1100;
/** Copies up to this many bytes are made byte by byte: a native copy costs more than that to call. */
const SHORT_COPY_BYTES = 16;
/** Bytes read at once into a window of the pack (see Packfile's read), and how many windows are kept. */
const WINDOW_BYTES = 16 * 1024;
const WINDOWS = 16;

/** A stretch of the pack kept in memory. */
interface Window {
  start: number;
  length: number;
  bytes: Buffer;
}

/** Where each object of a pack is, from its `.idx`. */
interface PackIndex {
  count: number;
  /** `fanout[b]`: how many object ids start with a byte up to `b`. */
  fanout: Uint32Array;
  /** Object ids, sorted, 20 bytes each. */
  oids: Buffer;
  /** The offset of the i-th object id. */
  offsetAt(index: number): number;
  /** The pack's checksum as the index records it. */
  packChecksum: Buffer;
}

/**
 * Parses a pack index.
 *
 * @throws PackFormatError when the bytes are not a version 1 or 2 index
 */
function parsePackIndex(bytes: Buffer): PackIndex {
  const version2 = bytes.length >= 8 && bytes.readUInt32BE(0) === IDX_V2_MAGIC;
  if (version2 && bytes.readUInt32BE(4) !== 2) throw new PackFormatError(`pack index version ${bytes.readUInt32BE(4)} is not supported`);
  const fanoutStart = version2 ? 8 : 0;
  if (bytes.length < fanoutStart + FANOUT_BYTES + 2 * OID_BYTES) throw new PackFormatError('pack index is truncated');
  let previous = 0;
  const fanout = new Uint32Array(256);
  for (let slot = 0; slot < 256; slot += 1) {
    const value = bytes.readUInt32BE(fanoutStart + slot * 4);
    if (value < previous) throw new PackFormatError('pack index fan-out table is not sorted');
    fanout[slot] = value;
    previous = value;
  }
  const count = previous;
  const tableStart = fanoutStart + FANOUT_BYTES;
  const packChecksum = bytes.subarray(bytes.length - 2 * OID_BYTES, bytes.length - OID_BYTES);
  if (!version2) {
    if (bytes.length !== tableStart + count * 24 + 2 * OID_BYTES) throw new PackFormatError('pack index size does not match its object count');
    const oids = Buffer.allocUnsafe(count * OID_BYTES);
    for (let index = 0; index < count; index += 1) bytes.copy(oids, index * OID_BYTES, tableStart + index * 24 + 4, tableStart + index * 24 + 24);
    return { count, fanout, oids, packChecksum, offsetAt: (index) => bytes.readUInt32BE(tableStart + index * 24) };
  }
  const oids = bytes.subarray(tableStart, tableStart + count * OID_BYTES);
  const offsetsStart = tableStart + count * (OID_BYTES + 4);
  const largeStart = offsetsStart + count * 4;
  const largeCount = (bytes.length - 2 * OID_BYTES - largeStart) / 8;
  if (!Number.isInteger(largeCount) || largeCount < 0) throw new PackFormatError('pack index size does not match its object count');
  return {
    count,
    fanout,
    oids,
    packChecksum,
    offsetAt(index) {
      const small = bytes.readUInt32BE(offsetsStart + index * 4);
      if ((small & 0x80000000) === 0) return small;
      const large = small & 0x7fffffff;
      if (large >= largeCount) throw new PackFormatError('pack index points past its large offset table');
      return Number(bytes.readBigUInt64BE(largeStart + large * 8));
    },
  };
}

/** A pack opened for positional reads; see the module comment. */
export class Packfile {
  private readonly index: PackIndex;
  /** Every object's offset, ascending: an entry's bytes end where the next one starts. */
  private readonly sortedOffsets: Float64Array;
  private readonly dataEnd: number;
  private fd: number | undefined;
  private readonly windows: Window[] = [];
  private readonly size: number;
  /** Why the pack itself is unusable (bad header or trailer); its objects then read as corrupt. */
  readonly problem: string | undefined;

  /**
   * @param packPath - the `.pack` file, a regular file (the caller checks)
   * @param indexBytes - its `.idx` file's bytes
   * @throws PackFormatError when the index cannot be parsed
   */
  constructor(
    readonly packPath: string,
    indexBytes: Buffer,
  ) {
    this.index = parsePackIndex(indexBytes);
    this.sortedOffsets = new Float64Array(this.index.count);
    for (let index = 0; index < this.index.count; index += 1) this.sortedOffsets[index] = this.index.offsetAt(index);
    this.sortedOffsets.sort();
    this.fd = openSync(packPath, 'r');
    this.size = fstatSync(this.fd).size;
    this.dataEnd = this.size - OID_BYTES;
    this.problem = this.checkHeader(this.size);
  }

  private checkHeader(size: number): string | undefined {
    if (size < PACK_HEADER_BYTES + OID_BYTES) return 'the pack is truncated';
    const header = this.read(0, PACK_HEADER_BYTES);
    const [signature, version, count] = [header.toString('latin1', 0, 4), header.readUInt32BE(4), header.readUInt32BE(8)];
    if (signature !== 'PACK') return 'the pack has no PACK signature';
    if (version !== 2 && version !== 3) return `pack version ${version} is not supported`;
    if (count !== this.index.count) return 'the pack and its index disagree on the object count';
    if (!this.read(this.dataEnd, OID_BYTES).equals(this.index.packChecksum)) return 'the pack and its index disagree on the pack checksum';
    const last = this.sortedOffsets[this.index.count - 1];
    if (last !== undefined && (last >= this.dataEnd || (this.sortedOffsets[0] as number) < PACK_HEADER_BYTES)) return 'the index points outside the pack';
    return undefined;
  }

  /** The offset of an object in this pack, or undefined when the pack lacks it. */
  offsetOf(oid: Buffer): number | undefined {
    const position = this.find(oid);
    return position === undefined ? undefined : this.index.offsetAt(position);
  }

  /** Full object ids in this pack that start with a hex prefix (at most `limit` of them). */
  idsStartingWith(prefix: string, limit: number): string[] {
    const { oids, count } = this.index;
    const lowest = Buffer.from(prefix.padEnd(2 * OID_BYTES, '0'), 'hex');
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (oids.compare(lowest, 0, OID_BYTES, middle * OID_BYTES, (middle + 1) * OID_BYTES) < 0) low = middle + 1;
      else high = middle;
    }
    const found: string[] = [];
    for (let index = low; index < count && found.length < limit; index += 1) {
      const hex = this.hexAt(index);
      if (!hex.startsWith(prefix)) break;
      found.push(hex);
    }
    return found;
  }

  private hexAt(index: number): string {
    return this.index.oids.toString('hex', index * OID_BYTES, (index + 1) * OID_BYTES);
  }

  private find(oid: Buffer): number | undefined {
    const { oids, fanout } = this.index;
    const first = oid[0] as number;
    let low = first === 0 ? 0 : (fanout[first - 1] as number);
    let high = fanout[first] as number;
    // Most steps are told apart by the first four bytes, compared as a number.
    const head = oid.readUInt32BE(0);
    while (low < high) {
      const middle = (low + high) >>> 1;
      const other = oids.readUInt32BE(middle * OID_BYTES);
      const order = other !== head ? (other > head ? 1 : -1) : oids.compare(oid, 0, OID_BYTES, middle * OID_BYTES, (middle + 1) * OID_BYTES);
      if (order === 0) return middle;
      if (order > 0) high = middle;
      else low = middle + 1;
    }
    return undefined;
  }

  /**
   * Reads the entry at an offset, as stored.
   *
   * @throws PackFormatError when its bytes do not follow the format or do not inflate
   */
  readEntry(offset: number): PackEntry {
    if (this.problem) throw new PackFormatError(this.problem);
    // One read for the whole entry: its header, and its zlib stream up to the next entry.
    const bytes = this.read(offset, this.nextOffset(offset) - offset);
    let position = 0;
    let byte = bytes[position++] ?? 0;
    const type = TYPES[(byte >> 4) & 7];
    let size = byte & 15;
    for (let shift = 4; byte & 0x80; shift += 7) {
      if (position >= bytes.length || shift > 49) throw new PackFormatError(`bad entry header at offset ${offset}`);
      byte = bytes[position++] as number;
      size += (byte & 0x7f) * 2 ** shift;
    }
    if (type === undefined) throw new PackFormatError(`unknown object type at offset ${offset}`);
    let base: { baseOffset: number } | { baseOid: string } | undefined;
    if (type === 'ofs-delta') {
      byte = bytes[position++] ?? 0;
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        if (position >= bytes.length) throw new PackFormatError(`bad delta base at offset ${offset}`);
        byte = bytes[position++] as number;
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      if (distance <= 0 || distance > offset - PACK_HEADER_BYTES) throw new PackFormatError(`delta base outside the pack at offset ${offset}`);
      base = { baseOffset: offset - distance };
    } else if (type === 'ref-delta') {
      if (position + OID_BYTES > bytes.length) throw new PackFormatError(`bad delta base at offset ${offset}`);
      base = { baseOid: bytes.toString('hex', position, position + OID_BYTES) };
      position += OID_BYTES;
    }
    const data = inflateExactly(bytes.subarray(position), size, `the entry at offset ${offset}`);
    if (base === undefined) return { kind: 'whole', object: { type: type as ObjectType, data } };
    return { kind: 'delta', delta: data, ...base };
  }

  /** Where the entry at `offset` ends: the next entry's offset, or the trailer. */
  private nextOffset(offset: number): number {
    const offsets = this.sortedOffsets;
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((offsets[middle] as number) <= offset) low = middle + 1;
      else high = middle;
    }
    return low < offsets.length ? (offsets[low] as number) : this.dataEnd;
  }

  /**
   * Bytes of the pack, valid until the next read (entries are inflated, and headers parsed, before
   * then). Entries are small (a few hundred bytes compressed) and read in about the order git wrote
   * them, so a read fills a {@link WINDOW_BYTES} window that the next reads mostly fall in: about a
   * fifth of the system calls that one read per entry makes. Larger reads go to the file directly.
   */
  private read(position: number, length: number): Buffer {
    if (length > WINDOW_BYTES) return this.readDirect(position, Buffer.allocUnsafe(length));
    for (let index = this.windows.length - 1; index >= 0; index -= 1) {
      const window = this.windows[index] as Window;
      if (position >= window.start && position + length <= window.start + window.length) {
        // Most recently used last: the least recently used is the one refilled.
        if (index !== this.windows.length - 1) this.windows.push(...this.windows.splice(index, 1));
        return window.bytes.subarray(position - window.start, position - window.start + length);
      }
    }
    const window = this.windows.length < WINDOWS ? { start: 0, length: 0, bytes: Buffer.allocUnsafe(WINDOW_BYTES) } : (this.windows.shift() as Window);
    this.windows.push(window);
    window.start = position;
    window.length = 0;
    window.length = this.readDirect(position, window.bytes.subarray(0, Math.max(length, Math.min(WINDOW_BYTES, this.size - position)))).length;
    return window.bytes.subarray(0, length);
  }

  /** Fills `buffer` from `position`. */
  private readDirect(position: number, buffer: Buffer): Buffer {
    if (this.fd === undefined) throw new PackFormatError('the pack is closed');
    let done = 0;
    while (done < buffer.length) {
      const count = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (count === 0) throw new PackFormatError('the pack ends early');
      done += count;
    }
    return buffer;
  }

  /** Closes the pack's file descriptor. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/**
 * Inflates a zlib stream of at most `maxBytes` bytes.
 *
 * @param expectedBytes - the size it should have, when known (its output buffer is then that size)
 * @throws PackFormatError when it does not inflate or is longer
 */
export function inflateAtMost(compressed: Buffer, maxBytes: number, what: string, expectedBytes?: number): Buffer {
  try {
    return inflateSync(compressed, {
      maxOutputLength: Math.max(1, Math.min(maxBytes, constants.MAX_LENGTH)),
      ...(expectedBytes === undefined ? {} : { chunkSize: Math.max(64, expectedBytes + 1) }),
    });
  } catch (error) {
    throw new PackFormatError(`${what} does not inflate (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Inflates a zlib stream that must give exactly `size` bytes.
 *
 * @throws PackFormatError when it does not inflate, or gives another size
 */
function inflateExactly(compressed: Buffer, size: number, what: string): Buffer {
  if (size > compressed.length * MAX_INFLATE_RATIO + 64) throw new PackFormatError(`${what} says ${size} bytes, more than its ${compressed.length} compressed bytes can hold`);
  // An output buffer one byte over the size: zlib fills it once, with room to see the stream end.
  const data = inflateAtMost(compressed, size, what, size);
  if (data.length !== size) throw new PackFormatError(`${what} inflates to ${data.length} bytes, not the ${size} its header says`);
  return data;
}

/** Reads one of a delta's size varints: little-endian groups of 7 bits. */
function readDeltaSize(delta: Buffer, start: number): { value: number; next: number } {
  let value = 0;
  let position = start;
  for (let shift = 0; ; shift += 7) {
    if (position >= delta.length || shift > 49) throw new PackFormatError('delta header is truncated');
    const byte = delta[position++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return { value, next: position };
  }
}

/**
 * Applies a git delta (copy and insert instructions) to its base.
 *
 * @param changes - when given, receives where the result may differ from the base: `start, end`
 *   byte offsets of each inserted run, and `p, p` at each copy that follows another instruction;
 *   any run of the result that touches none of them was copied from the base whole
 * @throws PackFormatError when the delta does not fit the base or its own sizes
 */
export function applyDelta(base: Buffer, delta: Buffer, changes?: number[]): Buffer {
  const source = readDeltaSize(delta, 0);
  if (source.value !== base.length) throw new PackFormatError(`delta expects a ${source.value}-byte base, the base has ${base.length}`);
  const target = readDeltaSize(delta, source.next);
  const out = Buffer.allocUnsafe(target.value);
  let position = target.next;
  let written = 0;
  while (position < delta.length) {
    const op = delta[position++] as number;
    if (op & 0x80) {
      let copyOffset = 0;
      let copySize = 0;
      for (let bit = 0; bit < 4; bit += 1) if (op & (1 << bit)) copyOffset += (delta[position++] ?? 0) * 2 ** (8 * bit);
      for (let bit = 0; bit < 3; bit += 1) if (op & (16 << bit)) copySize += (delta[position++] ?? 0) << (8 * bit);
      if (copySize === 0) copySize = 0x10000;
      if (copyOffset + copySize > base.length || written + copySize > out.length) throw new PackFormatError('delta copies outside its base or target');
      // A seam: text that runs across it may be new even when both sides were copied.
      if (written > 0) changes?.push(written, written);
      if (copySize <= SHORT_COPY_BYTES) {
        for (let index = 0; index < copySize; index += 1) out[written + index] = base[copyOffset + index] as number;
      } else {
        out.set(base.subarray(copyOffset, copyOffset + copySize), written);
      }
      written += copySize;
    } else if (op > 0) {
      if (position + op > delta.length || written + op > out.length) throw new PackFormatError('delta inserts past its end');
      delta.copy(out, written, position, position + op);
      changes?.push(written, written + op);
      position += op;
      written += op;
    } else {
      throw new PackFormatError('delta has a reserved instruction');
    }
  }
  if (written !== out.length) throw new PackFormatError(`delta gives ${written} bytes, not the ${out.length} it says`);
  return out;
}
