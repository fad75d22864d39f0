/**
 * `--history` and `--diff` on a repository built commit by commit: a release bot whose settings
 * hold a subscription token (added, then moved under src/, then replaced by an API key from the
 * environment), and a Flask handler that a later commit changes to forward the caller's token.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { scanHistory } from '../../src/scan/history/scan-history.js';
import { runCli } from '../helpers/run-cli.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';
import { buildRepository, hasGitBinary, packWithGit, type FixtureCommit } from './git-fixture.js';

const settingsWithToken = (comment: string) => `// ${comment}
export const settings = {
  region: 'eu-west-1',
  claudeToken: '${FAKE_OAUTH_TOKEN}',
  channel: '#releases',
};
`;

const settingsFromEnvironment = `// Settings for the release bot, read from the environment.
// Moved under src/ with the rest of the code.
export const settings = {
  region: 'eu-west-1',
  anthropicApiKey: process.env.ANTHROPIC_API_KEY,
  channel: '#releases',
};
`;

const handlerWithApiKey = `import os

import anthropic
from flask import Flask, request

app = Flask(__name__)
client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])


@app.post("/chat")
def chat():
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=512,
        messages=[{"role": "user", "content": request.json["prompt"]}],
    )
    return {"text": reply.content[0].text}
`;

/** The same handler after "Forward the caller's token": line 12 hands the caller's bearer token to Anthropic. */
const handlerForwardingToken = handlerWithApiKey
  .replace('client = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])\n', '')
  .replace('def chat():\n', 'def chat():\n    token = request.headers["Authorization"].removeprefix("Bearer ")\n    client = anthropic.Anthropic(auth_token=token)\n');

const COMMITS: FixtureCommit[] = [
  {
    message: 'Add the release bot',
    date: '2026-01-05T09:00:00Z',
    files: { 'README.md': '# Release bot\n', 'config/settings.ts': settingsWithToken('Settings for the release bot.'), 'app.py': handlerWithApiKey },
  },
  {
    message: 'Move the settings under src/',
    date: '2026-02-10T09:00:00Z',
    files: { 'config/settings.ts': null, 'src/settings.ts': `// Moved under src/ with the rest of the code.\n${settingsWithToken('Settings for the release bot.')}` },
  },
  { message: 'Read the key from the environment', date: '2026-03-15T09:00:00Z', files: { 'src/settings.ts': settingsFromEnvironment } },
  { message: "Forward the caller's token", date: '2026-04-20T09:00:00Z', files: { 'app.py': handlerForwardingToken } },
];

interface JsonMessage {
  ruleId: string;
  line: number;
  commit?: string;
  authorDate?: string;
  lastCommit?: string;
  lastAuthorDate?: string;
  inWorkingTree?: boolean;
}

/** `path:line rule` with the history fields of each finding in a JSON report. */
function historyRows(stdout: string, root: string) {
  const files = JSON.parse(stdout) as { filePath: string; messages: JsonMessage[] }[];
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      at: `${path.relative(root, file.filePath)}:${message.line} ${message.ruleId}`,
      commit: message.commit,
      authorDate: message.authorDate,
      lastCommit: message.lastCommit,
      inWorkingTree: message.inWorkingTree,
    })),
  );
}

describe('--history', () => {
  it('reports every finding the commits held, with the oldest and newest commit that hold it', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const run = await runCli(['--history', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(historyRows(run.stdout, root)).toEqual([
      {
        at: 'app.py:12 claude-auth/no-oauth-token-proxy',
        commit: commits[3],
        authorDate: '2026-04-20T09:00:00Z',
        lastCommit: commits[3],
        inWorkingTree: true,
      },
      // Added in the first commit; the move removed it from this path.
      { at: 'config/settings.ts:4 claude-auth/no-embedded-token', commit: commits[0], authorDate: '2026-01-05T09:00:00Z', lastCommit: commits[0], inWorkingTree: false },
      // The moved copy: from the move until the commit before the one that deleted it.
      { at: 'src/settings.ts:5 claude-auth/no-embedded-token', commit: commits[1], authorDate: '2026-02-10T09:00:00Z', lastCommit: commits[1], inWorkingTree: false },
    ]);
  });

  it('analyzes each distinct blob once, and walks every commit', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const history = await scanHistory({ cwd: root, paths: ['.'] });
    // README, settings (3 versions), app.py (2 versions): the removed and unchanged ones are not read again.
    expect(history.summary).toMatchObject({ commits: 4, blobs: 6, head: commits[3] });
    expect(history.diagnostics).toEqual([]);
  });

  it('a range scans only its commits', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const run = await runCli(['--history', 'HEAD~1..HEAD', '--format', 'json'], root);
    expect(historyRows(run.stdout, root).map((row) => [row.at, row.commit])).toEqual([['app.py:12 claude-auth/no-oauth-token-proxy', commits[3]]]);
    // An argument that names an existing path is the path to scan, not a range.
    const wholeHistory = await runCli(['--history', '.', '--format', 'json'], root);
    expect(historyRows(wholeHistory.stdout, root)).toHaveLength(3);
    const older = await runCli(['--history=HEAD~2', '--format', 'json'], root);
    expect(historyRows(older.stdout, root).filter((row) => row.inWorkingTree === false).map((row) => row.at)).toEqual([
      'config/settings.ts:4 claude-auth/no-embedded-token',
      'src/settings.ts:5 claude-auth/no-embedded-token',
    ]);
  });

  it('stylish groups the history findings by finding, with their commits and whether the working tree has them', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const { stdout } = await runCli(['--history'], root);
    const short = (oid: string | undefined) => (oid ?? '').slice(0, 10);
    expect(stdout).toContain(`app.py\n  12:14  error    red     `);
    expect(stdout).toContain(`(in history since ${short(commits[3])}, 2026-04-20)`);
    // One entry for the token, at both paths it lived at.
    expect(stdout).toMatch(/History: 1 finding in commits/);
    expect(stdout).toContain(`config/settings.ts:4:17  first ${short(commits[0])} 2026-01-05, last ${short(commits[0])} 2026-01-05`);
    expect(stdout).toContain(`src/settings.ts:5:17     first ${short(commits[1])} 2026-02-10, last ${short(commits[1])} 2026-02-10`);
    expect(stdout).toContain('Not in the working tree any more');
    expect(stdout).toMatch(/3 problems \(3 errors, 0 warnings\) in 3 files \(\d+ files and 4 commits scanned/);
    expect(stdout).not.toContain(FAKE_OAUTH_TOKEN);
  });

  it('SARIF carries the repository, the commit of each result, and a fingerprint that includes it', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const { stdout } = await runCli(['--history', '--format', 'sarif'], root);
    const log = JSON.parse(stdout) as Log;
    const run = log.runs[0];
    expect(run?.versionControlProvenance).toEqual([{ repositoryUri: expect.stringMatching(/^file:\/\//), revisionId: commits[3], properties: { commitsScanned: 4, blobsScanned: 6 } }]);
    const results = run?.results ?? [];
    expect(results.map((result) => [result.locations?.[0]?.physicalLocation?.artifactLocation?.uri, result.partialFingerprints?.['claudeAuthLintCommit/v1'], result.properties?.inWorkingTree])).toEqual([
      ['app.py', commits[3], true],
      ['config/settings.ts', commits[0], false],
      ['src/settings.ts', commits[1], false],
    ]);
    // The same finding without --history keeps its fingerprint; a history-only one is told apart by its commit.
    const plain = JSON.parse((await runCli(['--format', 'sarif'], root)).stdout) as Log;
    expect(plain.runs[0]?.results?.[0]?.partialFingerprints).toEqual({ 'claudeAuthLint/v1': results[0]?.partialFingerprints?.['claudeAuthLint/v1'] });
    expect(stdout).not.toContain(FAKE_OAUTH_TOKEN);
  });

  it("SARIF names the origin remote from .git/config, without the user name and password in its URL", async () => {
    const { root } = await buildRepository(COMMITS);
    const { appendFile } = await import('node:fs/promises');
    await appendFile(path.join(root, '.git', 'config'), '[remote "origin"]\n\turl = https://release-bot:s3cret-pass@github.com/acme/release-bot.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
    const { stdout } = await runCli(['--history', '--format', 'sarif'], root);
    const log = JSON.parse(stdout) as Log;
    expect(log.runs[0]?.versionControlProvenance?.[0]?.repositoryUri).toBe('https://github.com/acme/release-bot.git');
    expect(stdout).not.toContain('s3cret-pass');
  });

  it('GitHub annotations say when a finding came in, and whether only the history has it', async () => {
    const { root, commits } = await buildRepository(COMMITS);
    const { stdout } = await runCli(['--history', '--format', 'github'], root);
    const short = (oid: string | undefined) => (oid ?? '').slice(0, 10);
    expect(stdout).toContain(`In the history since ${short(commits[3])} (2026-04-20).`);
    expect(stdout).toMatch(new RegExp(`^::error file=config/settings.ts,line=4,.*Only in the history: from ${short(commits[0])} \\(2026-01-05\\) to ${short(commits[0])}\\.`, 'm'));
    expect(stdout).not.toContain(FAKE_OAUTH_TOKEN);
  });

  it.skipIf(!hasGitBinary)('reads a packed history with deltas as it reads loose objects', async () => {
    const packed = await buildRepository(COMMITS);
    const loose = historyRows((await runCli(['--history', '--format', 'json'], packed.root)).stdout, packed.root);
    packWithGit(packed.root);
    const run = await runCli(['--history', '--format', 'json'], packed.root);
    expect(run.stderr).toBe('');
    expect(historyRows(run.stdout, packed.root)).toEqual(loose);
  });
});

describe('--diff', () => {
  it('keeps only the findings on changed lines and in new files', async () => {
    const { root, commits } = await buildRepository(COMMITS, {
      'scripts/deploy.sh': `#!/bin/sh\nexport CLAUDE_CODE_OAUTH_TOKEN=${FAKE_OAUTH_TOKEN}\n./release.sh\n`,
      'src/legacy.ts': settingsWithToken('Settings kept for the old bot.'),
    });
    // Against the commit before the handler changed: the handler's new line, and the two new files.
    const sinceHandler = await runCli(['--diff', commits[2] as string, '--format', 'json'], root);
    expect(sinceHandler.stderr).toBe('');
    expect(historyRows(sinceHandler.stdout, root).map((row) => row.at)).toEqual([
      'app.py:12 claude-auth/no-oauth-token-proxy',
      'scripts/deploy.sh:2 claude-auth/no-embedded-token',
      'src/legacy.ts:4 claude-auth/no-embedded-token',
    ]);
    // Against HEAD: only the uncommitted files.
    const sinceHead = await runCli(['--diff', 'HEAD', '--format', 'json'], root);
    expect(historyRows(sinceHead.stdout, root).map((row) => row.at)).toEqual(['scripts/deploy.sh:2 claude-auth/no-embedded-token', 'src/legacy.ts:4 claude-auth/no-embedded-token']);
  });

  it('a finding on an unchanged line is not reported, though the scan still sees it', async () => {
    const { root } = await buildRepository([...COMMITS, { message: 'Document the bot', date: '2026-05-01T09:00:00Z', files: { 'README.md': '# Release bot\n\nAnswers in #releases.\n' } }]);
    expect((await runCli(['--format', 'json'], root)).code).toBe(1);
    const run = await runCli(['--diff', 'HEAD~1', '--format', 'json'], root);
    expect(run.code).toBe(0);
    expect(historyRows(run.stdout, root)).toEqual([]);
  });

  it('bare --diff compares with the merge base of the default branch', async () => {
    const { root } = await buildRepository(COMMITS.slice(0, 3));
    const git = (await import('isomorphic-git')).default;
    const fs = await import('node:fs');
    await git.branch({ fs, dir: root, ref: 'forward-token', checkout: true });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(root, 'app.py'), handlerForwardingToken);
    await git.add({ fs, dir: root, filepath: 'app.py' });
    const who = { name: 'Dana Example', email: 'dana@example.com', timestamp: 1_776_000_000, timezoneOffset: 0 };
    await git.commit({ fs, dir: root, message: "Forward the caller's token", author: who, committer: who });
    const run = await runCli(['--diff', '--format', 'json'], root);
    expect(run.stderr).toBe('');
    expect(historyRows(run.stdout, root).map((row) => row.at)).toEqual(['app.py:12 claude-auth/no-oauth-token-proxy']);
  });

  it('a base that names no commit, or no repository, is a usage error', async () => {
    const { root } = await buildRepository(COMMITS.slice(0, 1));
    const unknown = await runCli(['--diff', 'no-such-branch', '.'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--diff: no commit or ref named "no-such-branch"/);
    const both = await runCli(['--diff', 'HEAD', '--history'], root);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be used together/);
  });
});
