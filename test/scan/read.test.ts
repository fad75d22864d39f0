import { describe, expect, it } from 'vitest';
import { decode, readText } from '../../src/scan/read.js';
import { makeRepo } from '../helpers/temp-repo.js';
import path from 'node:path';

describe('decode', () => {
  it('reads UTF-8 and strips its BOM', () => {
    expect(decode(Buffer.from('\uFEFFconst a = "é";'))).toEqual({ text: 'const a = "é";', diagnostics: [] });
  });

  it('reads UTF-16 with a BOM, either byte order', () => {
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('TOKEN=x', 'utf16le')]);
    const big = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('TOKEN=x', 'utf16le').swap16()]);
    expect(decode(little).text).toBe('TOKEN=x');
    expect(decode(big).text).toBe('TOKEN=x');
  });

  it('calls content with NUL bytes binary and does not decode it', () => {
    expect(decode(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toEqual({
      diagnostics: [{ kind: 'binary', reason: 'binary content', message: 'Not analyzed: binary content.' }],
    });
  });

  it('reads invalid UTF-8 with a replacement character per bad byte, so columns stay and the parsers still run', () => {
    const result = decode(Buffer.from([0x41, 0xff, 0xfe, 0x42, 0x43]));
    expect(result.text).toBe('A\ufffd\ufffdBC');
    expect(result.diagnostics).toEqual([]);
  });
});

describe('readText', () => {
  it('does not read files over the size limit', async () => {
    const root = await makeRepo({ 'big.txt': 'x'.repeat(2048) });
    const result = readText(path.join(root, 'big.txt'), { maxBytes: 1024 });
    expect(result.text).toBeUndefined();
    expect(result.diagnostics).toEqual([{ kind: 'too-large', reason: '2 KiB is over the 1 KiB read limit', message: 'Not read: 2 KiB is over the 1 KiB read limit.' }]);
  });

  it('turns a file that vanished into a diagnostic', async () => {
    const root = await makeRepo({});
    const result = readText(path.join(root, 'gone.ts'), { maxBytes: 1024 });
    expect(result.diagnostics).toEqual([{ kind: 'unreadable', message: 'Could not read the file (ENOENT).' }]);
  });
});
