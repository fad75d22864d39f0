/**
 * The history's prefilter searches a new file version only around what changed (blob-triggers.ts):
 * it must give what a search of the whole version gives. Versions are made from a clean base by
 * deltas of random copies and inserts, with fragments of trigger words that only meet across a
 * seam; then, end to end, a token added deep inside a long file in a later commit is found.
 */
import { describe, expect, it } from 'vitest';
import { triggerWordsOf } from '../../src/detect/triggers.js';
import { applyDelta } from '../../src/scan/history/packfile.js';
import { mayFind, mayFindAround } from '../../src/scan/prefilter.js';
import { runCli } from '../helpers/run-cli.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';
import { buildRepository, hasGitBinary, packWithGit } from './git-fixture.js';

/** A small deterministic generator (mulberry32), so that every run checks the same cases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces of `sk-ant-oat01`, `x-app` and `anthropic.com`: clean alone, trigger words when joined.
const FRAGMENTS = ['sk-a', 'nt-', 'oa', 't01', 'x-a', 'pp', 'anthropic', '.com', ' token ', '\n', 'const ', ' = ', "'eu-west-1'", 'channel'];

function delta(baseSize: number, steps: readonly ([number, number] | string)[]): Buffer {
  const varint = (value: number): number[] => (value < 128 ? [value] : [(value & 0x7f) | 0x80, ...varint(Math.floor(value / 128))]);
  const resultSize = steps.reduce((sum, step) => sum + (typeof step === 'string' ? step.length : step[1]), 0);
  const bytes = [...varint(baseSize), ...varint(resultSize)];
  for (const step of steps) {
    if (typeof step === 'string') bytes.push(step.length, ...Buffer.from(step, 'latin1'));
    else bytes.push(0x80 | 0x0f | 0x30, step[0] & 0xff, (step[0] >> 8) & 0xff, (step[0] >> 16) & 0xff, (step[0] >> 24) & 0xff, step[1] & 0xff, (step[1] >> 8) & 0xff);
  }
  return Buffer.from(bytes);
}

describe('the history prefilter around changes', () => {
  it('finds exactly what a whole search finds, for deltas of a clean base', () => {
    const next = random(15);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    let found = 0;
    for (let round = 0; round < 400; round += 1) {
      // A clean base: fragments, never a whole trigger word.
      let base: Buffer;
      do base = Buffer.from(Array.from({ length: 60 }, () => pick(FRAGMENTS)).join(''), 'latin1');
      while (mayFind(base));
      const steps: ([number, number] | string)[] = [];
      for (let step = 0; step < 12; step += 1) {
        if (next() < 0.5) steps.push(pick(FRAGMENTS));
        const start = Math.floor(next() * (base.length - 1));
        steps.push([start, 1 + Math.floor(next() * Math.min(12, base.length - start - 1))]);
      }
      const changes: number[] = [];
      const version = applyDelta(base, delta(base.length, steps), changes);
      const whole = mayFind(version);
      expect(mayFindAround(version, changes), version.toString('latin1')).toBe(whole);
      if (whole) found += 1;
    }
    // Both answers came up often enough for the comparison to mean something.
    expect(found).toBeGreaterThan(10);
    expect(found).toBeLessThan(390);
  });

  it('answers as a whole search when a change brings the companion of a word the base had alone', () => {
    const base = Buffer.from(`const registry = { authToken: process.env.NPM_TOKEN };\n${'// padding\n'.repeat(40)}`, 'latin1');
    expect(mayFind(base)).toBe(false);
    const companion = '// Billing: Claude\n';
    for (const [steps, expected] of [
      [[[0, base.length], companion], true],
      [[[0, base.length], 'const n = 1;\n'], false],
    ] as const) {
      const changes: number[] = [];
      const version = applyDelta(base, delta(base.length, [...steps] as ([number, number] | string)[]), changes);
      expect(mayFind(version)).toBe(expected);
      expect(mayFindAround(version, changes)).toBe(expected);
    }
  });

  it('a long trigger word is found when only its first or last byte is new', () => {
    // The base holds the word with a byte changed; the delta copies it back with the byte restored.
    const baseOf = (word: string, at: number) => Buffer.from(`// ${word.slice(0, at)}#${word.slice(at + 1)}\n`, 'latin1');
    const word = triggerWordsOf()
      .filter((candidate) => mayFind(Buffer.from(candidate, 'latin1')) && !mayFind(baseOf(candidate, 0)) && !mayFind(baseOf(candidate, candidate.length - 1)))
      .sort((a, b) => b.length - a.length)[0] as string;
    expect(word.length).toBeGreaterThan(15);
    for (const at of [0, word.length - 1]) {
      const base = baseOf(word, at);
      const changes: number[] = [];
      const version = applyDelta(base, delta(base.length, [[0, 3 + at], word[at] as string, [4 + at, base.length - 4 - at]]), changes);
      expect(version.toString('latin1')).toBe(`// ${word}\n`);
      expect(mayFindAround(version, changes)).toBe(true);
    }
  });

  it('a word made only by two copies meeting at a seam is found', () => {
    const base = Buffer.from("const header = 'x-a';\nconst suffix = 'pp';\n");
    expect(mayFind(base)).toBe(false);
    const changes: number[] = [];
    const version = applyDelta(base, delta(base.length, [[16, 3], [38, 2]]), changes);
    expect(version.toString()).toBe('x-app');
    expect(mayFindAround(version, changes)).toBe(true);
  });
});

describe('--history with files that change a little at a time', () => {
  const filler = Array.from({ length: 400 }, (_, line) => `| ${line} | release ${line} went out to eu-west-1 |`).join('\n');
  const commits = [
    { message: 'Start the release log', date: '2026-02-02T09:00:00Z', files: { 'docs/releases.md': `# Releases\n\n${filler}\n` } },
    { message: 'Note the bot token', date: '2026-02-09T09:00:00Z', files: { 'docs/releases.md': `# Releases\n\n${filler.replace('| 200 |', `| 200 | bot token ${FAKE_OAUTH_TOKEN} |`)}\n` } },
    { message: 'Add a line', date: '2026-02-16T09:00:00Z', files: { 'docs/releases.md': `# Releases\n\n${filler.replace('| 200 |', `| 200 | bot token ${FAKE_OAUTH_TOKEN} |`)}\n| 400 | done |\n` } },
    { message: 'Drop the token', date: '2026-02-23T09:00:00Z', files: { 'docs/releases.md': `# Releases\n\n${filler}\n| 400 | done |\n` } },
  ];
  const rows = (stdout: string) =>
    (JSON.parse(stdout) as { messages: { ruleId: string; line: number; commit?: string; lastCommit?: string }[] }[]).flatMap((file) =>
      file.messages.map((message) => `${message.ruleId}:${message.line} ${message.commit} ${message.lastCommit}`),
    );

  it('finds the token that one version added deep inside, loose or packed', async () => {
    const { root, commits: oids } = await buildRepository(commits);
    const loose = rows((await runCli(['--history', '--format', 'json'], root)).stdout);
    expect(loose.length).toBeGreaterThan(0);
    for (const row of loose) expect(row).toMatch(new RegExp(` ${oids[1]} ${oids[2]}$`));
    if (!hasGitBinary) return;
    packWithGit(root);
    expect(rows((await runCli(['--history', '--format', 'json'], root)).stdout)).toEqual(loose);
  });
});
