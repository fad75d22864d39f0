/**
 * Reads the paths git tracks from a repository's index file (`.git/index`), without running git.
 * Format: https://git-scm.com/docs/index-format (versions 2, 3 and 4; SHA-1 object names).
 *
 * @packageDocumentation
 */

/** Bytes of an entry before its path: times, ids, mode, size (40), object name (20), flags (2). */
const ENTRY_HEADER_BYTES = 62;
/**
 * Most path bytes an index may decode to, per byte of the index. Version 4 shares each path's
 * prefix with the one before, so a crafted index could make every 64-byte entry a path of
 * megabytes; real indexes hold fewer path bytes than index bytes.
 */
const MAX_PATH_BYTES_PER_INDEX_BYTE = 4;
/** Flag bit of a version 3+ entry that has a second flags word. */
const EXTENDED_FLAG = 0x4000;

/**
 * Lists the paths in a git index.
 *
 * @param index - the bytes of `.git/index`
 * @returns repository-relative `/`-separated paths, one per entry (a path in a merge conflict may
 *   appear once per stage)
 * @throws Error when the bytes are not an index of version 2, 3 or 4, or decode to implausibly many path bytes
 */
export function readIndexPaths(index: Uint8Array): string[] {
  const view = new DataView(index.buffer, index.byteOffset, index.byteLength);
  const signature = new TextDecoder().decode(index.subarray(0, 4));
  const version = index.byteLength >= 12 ? view.getUint32(4) : 0;
  if (signature !== 'DIRC' || version < 2 || version > 4) throw new Error('not a git index of version 2, 3 or 4');
  const count = view.getUint32(8);
  const decoder = new TextDecoder();
  const paths: string[] = [];
  let offset = 12;
  let previous: Uint8Array = new Uint8Array();
  let pathBytesLeft = index.byteLength * MAX_PATH_BYTES_PER_INDEX_BYTE;
  for (let entry = 0; entry < count; entry += 1) {
    const flags = view.getUint16(offset + ENTRY_HEADER_BYTES - 2);
    let cursor = offset + ENTRY_HEADER_BYTES + (version >= 3 && flags & EXTENDED_FLAG ? 2 : 0);
    let path: Uint8Array;
    if (version === 4) {
      // The path is the previous one less `strip` bytes at its end, then a NUL-terminated suffix.
      let byte = index[cursor++] ?? 0;
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = index[cursor++] ?? 0;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = index.indexOf(0, cursor);
      if (end === -1) throw new Error('truncated git index');
      pathBytesLeft -= Math.max(0, previous.length - strip) + end - cursor;
      if (pathBytesLeft < 0) throw new Error('implausible git index: its paths are far longer than the index');
      path = Buffer.concat([previous.subarray(0, Math.max(0, previous.length - strip)), index.subarray(cursor, end)]);
      offset = end + 1;
    } else {
      const end = index.indexOf(0, cursor);
      if (end === -1) throw new Error('truncated git index');
      path = index.subarray(cursor, end);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      offset += Math.floor((end - offset + 8) / 8) * 8;
    }
    paths.push(decoder.decode(path));
    previous = path;
  }
  return paths;
}
