/**
 * The pack reader on packs this test writes byte by byte (gitformat-pack: a PACK header, entries
 * of a type-and-size header and a zlib stream, deltas against an offset or an id; a version 2
 * index), so that no git binary is needed: whole objects, both kinds of delta, a large-offset
 * index entry, loose objects, and the damage a repository can come with.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GitObjectError, ObjectStore } from '../../src/scan/history/object-store.js';
import { applyDelta, PackFormatError } from '../../src/scan/history/packfile.js';
import { makeRepo } from '../helpers/temp-repo.js';

const TYPE_NUMBERS = { commit: 1, tree: 2, blob: 3, tag: 4, 'ofs-delta': 6, 'ref-delta': 7 } as const;

const oidOf = (type: string, data: Buffer): string => createHash('sha1').update(`${type} ${data.length}\0`).update(data).digest('hex');

/** An entry's type-and-size header: 3 bits of type, the size in 4 + 7n bits. */
function entryHeader(type: keyof typeof TYPE_NUMBERS, size: number): Buffer {
  const bytes = [(TYPE_NUMBERS[type] << 4) | (size & 15)];
  for (let rest = Math.floor(size / 16); rest > 0; rest = Math.floor(rest / 128)) {
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) | 0x80;
    bytes.push(rest & 0x7f);
  }
  return Buffer.from(bytes);
}

/** An OFS_DELTA's distance back to its base, in git's offset encoding (each more significant group less one). */
function offsetEncoding(distance: number): Buffer {
  const bytes = [distance & 0x7f];
  for (let rest = Math.floor(distance / 128); rest > 0; rest = Math.floor(rest / 128)) {
    rest -= 1;
    bytes.unshift(0x80 | (rest & 0x7f));
  }
  return Buffer.from(bytes);
}

const varint = (value: number): number[] => {
  const bytes: number[] = [];
  for (let rest = value; ; rest = Math.floor(rest / 128)) {
    if (rest < 128) return [...bytes, rest];
    bytes.push((rest & 0x7f) | 0x80);
  }
};

/** A delta: base size, result size, then copy (`[offset, size]`) and insert (a string) instructions. */
function delta(baseSize: number, steps: readonly ([number, number] | string)[]): Buffer {
  const resultSize = steps.reduce((sum, step) => sum + (typeof step === 'string' ? Buffer.byteLength(step) : step[1]), 0);
  const bytes = [...varint(baseSize), ...varint(resultSize)];
  for (const step of steps) {
    if (typeof step === 'string') {
      bytes.push(Buffer.byteLength(step), ...Buffer.from(step));
      continue;
    }
    const [offset, size] = step;
    // Offset and size bytes, each present only when not zero (flags 0x01–0x08 and 0x10–0x40).
    let op = 0x80;
    const rest: number[] = [];
    for (let index = 0; index < 7; index += 1) {
      const byte = index < 4 ? (offset >> (8 * index)) & 0xff : (size >> (8 * (index - 4))) & 0xff;
      if (byte === 0) continue;
      op |= 1 << index;
      rest.push(byte);
    }
    bytes.push(op, ...rest);
  }
  return Buffer.from(bytes);
}

interface PackEntrySpec {
  oid: string;
  type: keyof typeof TYPE_NUMBERS;
  /** The entry's content: the object's, or the delta's. */
  body: Buffer;
  /** For an OFS_DELTA: the index of its base among the entries; for a REF_DELTA: the base's id. */
  base?: number | string;
}

/**
 * Writes `objects/pack/pack-x.{pack,idx}` into a git directory.
 *
 * @param largeOffsets - ids whose offset the index keeps in its 8-byte table
 */
async function writePack(gitdir: string, entries: readonly PackEntrySpec[], largeOffsets: ReadonlySet<string> = new Set()): Promise<{ pack: string; offsets: number[] }> {
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  header.writeUInt32BE(entries.length, 8);
  const parts: Buffer[] = [header];
  const offsets: number[] = [];
  let offset = 12;
  for (const entry of entries) {
    offsets.push(offset);
    const base =
      typeof entry.base === 'number' ? offsetEncoding(offset - (offsets[entry.base] as number)) : typeof entry.base === 'string' ? Buffer.from(entry.base, 'hex') : Buffer.alloc(0);
    const bytes = Buffer.concat([entryHeader(entry.type, entry.body.length), base, deflateSync(entry.body)]);
    parts.push(bytes);
    offset += bytes.length;
  }
  const body = Buffer.concat(parts);
  const checksum = createHash('sha1').update(body).digest();
  const sorted = entries.map((entry, index) => ({ oid: entry.oid, offset: offsets[index] as number })).sort((a, b) => a.oid.localeCompare(b.oid));
  const fanout = Buffer.alloc(1024);
  for (let byte = 0; byte < 256; byte += 1) fanout.writeUInt32BE(sorted.filter((entry) => parseInt(entry.oid.slice(0, 2), 16) <= byte).length, byte * 4);
  const small = Buffer.alloc(4 * sorted.length);
  const large: Buffer[] = [];
  sorted.forEach((entry, index) => {
    if (!largeOffsets.has(entry.oid)) return small.writeUInt32BE(entry.offset, index * 4);
    small.writeUInt32BE((0x80000000 | large.length) >>> 0, index * 4);
    const eight = Buffer.alloc(8);
    eight.writeBigUInt64BE(BigInt(entry.offset));
    large.push(eight);
  });
  const index = Buffer.concat([
    Buffer.from([0xff, 0x74, 0x4f, 0x63, 0, 0, 0, 2]),
    fanout,
    ...sorted.map((entry) => Buffer.from(entry.oid, 'hex')),
    Buffer.alloc(4 * sorted.length),
    small,
    ...large,
    checksum,
  ]);
  const packDirectory = path.join(gitdir, 'objects', 'pack');
  await mkdir(packDirectory, { recursive: true });
  const pack = path.join(packDirectory, 'pack-x.pack');
  await writeFile(pack, Buffer.concat([body, checksum]));
  await writeFile(path.join(packDirectory, 'pack-x.idx'), Buffer.concat([index, createHash('sha1').update(index).digest()]));
  return { pack, offsets };
}

const README = Buffer.from('# Release bot\n\nPosts release notes to #releases.\n');
const README_V2 = Buffer.from('# Release bot\n\nPosts release notes to #releases and #changelog.\n');
const README_V3 = Buffer.from('# Release bot\n\nPosts release notes.\n');

/** A blob, the next version as an OFS_DELTA against it, a third as a REF_DELTA against it, and a tree. */
async function sampleRepository(largeOffsets?: ReadonlySet<string>) {
  const gitdir = path.join(await makeRepo({}), '.git');
  const blob = oidOf('blob', README);
  const v2 = oidOf('blob', README_V2);
  const v3 = oidOf('blob', README_V3);
  const tree = Buffer.concat([Buffer.from('100644 README.md\0'), Buffer.from(v3, 'hex')]);
  const treeOid = oidOf('tree', tree);
  const prefix = '# Release bot\n\nPosts release notes to #releases'.length;
  const entries: PackEntrySpec[] = [
    { oid: blob, type: 'blob', body: README },
    { oid: v2, type: 'ofs-delta', body: delta(README.length, [[0, prefix], ' and #changelog', [prefix, README.length - prefix]]), base: 0 },
    { oid: v3, type: 'ref-delta', body: delta(README.length, [[0, '# Release bot\n\nPosts release notes'.length], '.\n']), base: blob },
    { oid: treeOid, type: 'tree', body: tree },
  ];
  const written = await writePack(gitdir, entries, largeOffsets);
  return { gitdir, blob, v2, v3, treeOid, tree, ...written };
}

describe('the pack reader', () => {
  it('reads whole objects and both kinds of delta, by id', async () => {
    const { gitdir, blob, v2, v3, treeOid, tree } = await sampleRepository();
    const store = new ObjectStore(path.join(gitdir, 'objects'));
    try {
      expect(store.read(blob)).toEqual({ type: 'blob', data: README });
      expect(store.read(v2).data.toString()).toBe(README_V2.toString());
      expect(store.read(v3).data.toString()).toBe(README_V3.toString());
      expect(store.read(treeOid)).toEqual({ type: 'tree', data: tree });
      expect(store.expand(v2.slice(0, 7))).toEqual([v2]);
    } finally {
      store.close();
    }
  });

  it('says where a delta differs from its base', async () => {
    const { gitdir, v2, offsets } = await sampleRepository();
    const store = new ObjectStore(path.join(gitdir, 'objects'));
    try {
      const version = store.readVersion(v2);
      const inserted = README_V2.indexOf(' and #changelog');
      const end = inserted + ' and #changelog'.length;
      // The chain starts at the whole blob; then the inserted run, and the seam where the second copy starts.
      expect(version.chain?.base).toEqual({ entry: offsets[0], data: README });
      expect(version.chain?.steps).toEqual([{ entry: offsets[1], data: README_V2, changes: [inserted, end, end, end] }]);
    } finally {
      store.close();
    }
  });

  it('reads an offset kept in the index\'s 8-byte table', async () => {
    const probe = await sampleRepository();
    const { gitdir } = await sampleRepository(new Set([probe.v2, probe.blob]));
    const store = new ObjectStore(path.join(gitdir, 'objects'));
    try {
      expect(store.read(probe.v2).data.toString()).toBe(README_V2.toString());
    } finally {
      store.close();
    }
  });

  it('reads loose objects, and tells a missing object from a corrupt one', async () => {
    const { gitdir, pack, offsets, blob, v2, treeOid } = await sampleRepository();
    const loose = Buffer.from('export const region = "eu-west-1";\n');
    const looseOid = oidOf('blob', loose);
    await mkdir(path.join(gitdir, 'objects', looseOid.slice(0, 2)), { recursive: true });
    await writeFile(path.join(gitdir, 'objects', looseOid.slice(0, 2), looseOid.slice(2)), deflateSync(Buffer.concat([Buffer.from(`blob ${loose.length}\0`), loose])));
    const broken = `${looseOid.slice(0, 2)}${'0'.repeat(38)}`;
    await writeFile(path.join(gitdir, 'objects', broken.slice(0, 2), broken.slice(2)), Buffer.from('not zlib at all'));
    // Damage the first entry's zlib stream: the blob and the delta built on it become unreadable.
    const bytes = await readFile(pack);
    bytes.fill(0x5a, (offsets[0] as number) + 2, (offsets[0] as number) + 12);
    await writeFile(pack, bytes);

    const store = new ObjectStore(path.join(gitdir, 'objects'));
    const problemOf = (oid: string) => {
      try {
        store.read(oid);
        return 'read';
      } catch (error) {
        return error instanceof GitObjectError ? error.problem : String(error);
      }
    };
    try {
      expect(store.read(looseOid)).toEqual({ type: 'blob', data: loose });
      expect(store.read(treeOid).type).toBe('tree');
      expect([problemOf(blob), problemOf(v2), problemOf(broken), problemOf('f'.repeat(40))]).toEqual(['corrupt', 'corrupt', 'corrupt', 'missing']);
    } finally {
      store.close();
    }
  });

  it('a pack that does not match its index, or an index it cannot read, is reported', async () => {
    const { gitdir, pack, blob } = await sampleRepository();
    const bytes = await readFile(pack);
    bytes.write('KCAP', 0, 'latin1');
    await writeFile(pack, bytes);
    await writeFile(path.join(gitdir, 'objects', 'pack', 'pack-y.idx'), Buffer.from('\xfftOc not an index', 'latin1'));
    await writeFile(path.join(gitdir, 'objects', 'pack', 'pack-y.pack'), Buffer.from('PACK'));
    const store = new ObjectStore(path.join(gitdir, 'objects'));
    try {
      expect(() => store.read(blob)).toThrow(/Unreadable git object .*no PACK signature/);
      expect(store.unreadablePacks).toEqual([expect.stringMatching(/^pack-y\.idx: pack index/)]);
    } finally {
      store.close();
    }
  });
});

describe('applyDelta', () => {
  const base = Buffer.from('const region = "eu-west-1";\nconst channel = "#releases";\n');

  it('copies and inserts, and lists the inserted runs and the seams', () => {
    const changes: number[] = [];
    const result = applyDelta(base, delta(base.length, [[0, 28], 'const team = "ops";\n', [28, base.length - 28]]), changes);
    expect(result.toString()).toBe('const region = "eu-west-1";\nconst team = "ops";\nconst channel = "#releases";\n');
    expect(changes).toEqual([28, 48, 48, 48]);
  });

  it('refuses a copy from outside its base, and a result of another size', () => {
    expect(() => applyDelta(base, delta(base.length, [[40, 100]]))).toThrow(PackFormatError);
    const wrongSize = delta(base.length, ['abc']);
    wrongSize[1] = 9;
    expect(() => applyDelta(base, wrongSize)).toThrow(PackFormatError);
  });
});
