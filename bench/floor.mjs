#!/usr/bin/env node
/**
 * The floor: a plain Node pass that reads every file under the given directories and runs one
 * regular expression (the scanner's combined trigger words, passed as a JSON list of words in
 * BENCH_TRIGGER_WORDS) over it. No ignores, no classification, no decoding beyond Latin-1.
 * Prints the number of files read and of files that matched.
 *
 * Usage: BENCH_TRIGGER_WORDS='["a","b"]' node bench/floor.mjs <dir>...
 *
 * @packageDocumentation
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const CONCURRENCY = 16;
const words = JSON.parse(process.env.BENCH_TRIGGER_WORDS ?? '[]');
const trigger = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

const files = [];
for (const directory of process.argv.slice(2)) {
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.join(entry.parentPath, entry.name));
  }
}

let next = 0;
let matched = 0;
async function readSome() {
  while (next < files.length) {
    const bytes = await readFile(files[next++]);
    if (trigger.test(bytes.latin1Slice(0, bytes.length))) matched += 1;
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, readSome));
process.stdout.write(`${files.length} files, ${matched} matched\n`);
