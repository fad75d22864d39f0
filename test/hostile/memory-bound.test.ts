/**
 * Memory must not grow with the number of findings (issue #17, item 4): a file of a million Claude
 * Code client ids once peaked at 1.4 GB (60 MB) and crashed with "Invalid string length". The bound
 * is checked without a clock: the built CLI must scan a 20 MB file of client ids within a 128 MB
 * heap (before the bound it ran out of heap at 128 MB), and the matches held at once are counted.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUDE_CODE_CLIENT_ID } from '../../src/detect/claude-code-markers.js';
import type { TextFinding } from '../../src/detect/markers.js';
import { boundMatches, MAX_FINDINGS_PER_RULE } from '../../src/scan/bounded-matches.js';
import { makeRepo } from '../helpers/temp-repo.js';

const builtCli = path.resolve(import.meta.dirname, '../../dist/src/cli.js');
const LINE = `export const clientId = '${CLAUDE_CODE_CLIENT_ID}';\n`;

describe('memory bound on findings', () => {
  it('scans a 20 MB file of client ids within a 128 MB heap, listing 100 and counting the rest', async () => {
    const repo = await makeRepo({});
    const lines = Math.ceil(20_000_000 / LINE.length);
    const stream = createWriteStream(path.join(repo, 'ids.js'));
    for (let written = 0; written < lines; written += 10_000) {
      if (!stream.write(LINE.repeat(Math.min(10_000, lines - written)))) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'close');

    const run = spawnSync(process.execPath, ['--max-old-space-size=128', builtCli, '--format', 'json', '.'], { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const [report] = JSON.parse(run.stdout) as { messages: { ruleId: string; count?: number }[]; diagnostics: { kind: string; message: string }[] }[];
    // Listed as one grouped finding (one fact, many places) of 100 occurrences.
    const impersonation = report?.messages.filter((message) => message.ruleId === 'claude-auth/no-claude-code-impersonation');
    expect(impersonation?.map((message) => message.count)).toEqual([MAX_FINDINGS_PER_RULE]);
    expect(report?.diagnostics.find((diagnostic) => diagnostic.kind === 'too-many-findings')?.message).toBe(
      `${lines - MAX_FINDINGS_PER_RULE} more claude-auth/no-claude-code-impersonation findings in this file are not listed (the first ${MAX_FINDINGS_PER_RULE} are).`,
    );
  }, 300_000);

  it('keeps the first matches of a rule by position, however they arrive, and counts the rest', () => {
    // One pattern's matches, then another's earlier in the text: as the markers yield them.
    function* matches(): Generator<TextFinding> {
      for (let index = 0; index < 50_000; index += 1) {
        const start = index < 25_000 ? 1_000_000 + index : index - 25_000;
        yield { ruleName: 'no-claude-code-impersonation', messageId: 'clientId', start, end: start + 36 };
      }
    }
    const bounded = boundMatches(matches(), 1000);
    expect(bounded.kept.map((match) => match.start)).toEqual(Array.from({ length: 1000 }, (_, index) => index));
    expect(bounded.unlisted).toEqual(new Map([['claude-auth/no-claude-code-impersonation', 49_000]]));
  });
});
