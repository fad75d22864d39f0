import { describe, expect, it } from 'vitest';
import { createProgressLine, historyProgressText, type ProgressStream } from '../../src/progress.js';

/** A terminal's standard error that records what is written. */
function fakeTerminal(): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY: true, columns: 120, written, write: (text: string) => written.push(text) };
}

describe('the --history progress line', () => {
  it('counts commits while they are listed, then commits and blobs done, with the share done', () => {
    expect(historyProgressText({ phase: 'history', commitsListed: 12_000, commitsScanned: 0, blobsScanned: 0 })).toBe('History: listing commits (12,000…)');
    expect(historyProgressText({ phase: 'history', commitsScanned: 1_204, commitsTotal: 10_553, blobsScanned: 3_021 })).toBe('History: 1,204/10,553 commits, 3,021 blobs (11%)');
    expect(historyProgressText({ phase: 'history', commitsScanned: 1_204, commitsTotal: 10_553, blobsScanned: 3_021 }, 130_000)).toBe('History: 1,204/10,553 commits, 3,021 blobs (11%, about 2m 10s left)');
    expect(historyProgressText({ phase: 'history', commitsScanned: 10, commitsTotal: 100_000, blobsScanned: 20 }, 3_725_000)).toBe('History: 10/100,000 commits, 20 blobs (0%, about 1h 02m left)');
  });

  it('estimates the time left from the pace since the first commit', () => {
    const terminal = fakeTerminal();
    let time = 0;
    const line = createProgressLine(terminal, { env: {}, now: () => time });
    line.update({ phase: 'history', commitsScanned: 1, commitsTotal: 101, blobsScanned: 4 });
    time = 10_000;
    // 50 commits in 10 s: 50 more take about 10 s.
    line.update({ phase: 'history', commitsScanned: 51, commitsTotal: 101, blobsScanned: 90 });
    expect(terminal.written.at(-1)).toBe('\r\u001B[2KHistory: 51/101 commits, 90 blobs (50%, about 10s left)');
  });
});
