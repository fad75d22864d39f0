#!/usr/bin/env node
/**
 * The floor: the least a scanner of these trees must do, written plainly. It walks the given
 * directories synchronously (`readdirSync`), reads each file with `readFileSync`, decodes it as
 * Latin-1 (one byte, one character: exact for the ASCII trigger words, and the cheapest decoding
 * Node has) and runs one regular expression, the scanner's trigger words joined (a JSON list of
 * words in BENCH_TRIGGER_WORDS), over it. One thread, one file at a time, no ignores, no
 * classification: whatever our scanner does beyond this is its own cost.
 * Prints the number of files read and of files that matched.
 *
 * Usage: BENCH_TRIGGER_WORDS='["a","b"]' node bench/floor.mjs <dir>...
 *
 * @packageDocumentation
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const words = JSON.parse(process.env.BENCH_TRIGGER_WORDS ?? '[]');
const trigger = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

let read = 0;
let matched = 0;

/** Reads every regular file under `directory` (symbolic links are not followed), depth first. */
function scan(directory) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const entryPath = path.join(directory, entry.name);
    if (entry.isDirectory()) scan(entryPath);
    else if (entry.isFile()) {
      read += 1;
      if (trigger.test(readFileSync(entryPath).latin1Slice())) matched += 1;
    }
  }
}

for (const directory of process.argv.slice(2)) scan(directory);
process.stdout.write(`${read} files, ${matched} matched\n`);
