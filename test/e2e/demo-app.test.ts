import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const demo = 'fixtures/repos/demo-app';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; messageId: string; line: number; column: number; severity: number; message: string }[];
}

/** Every planted violation of the demo repository, and nothing else. */
const EXPECTED = [
  '.github/workflows/claude-assistant.yml:21:11 claude-auth/no-multi-user-surface workflowOnOthersEvents',
  'docker-compose.yml:12:9 claude-auth/no-credential-mount mountCredentials',
  'scripts/refresh-staging-token.sh:4:14 claude-auth/no-credential-store-read keychain',
  'scripts/refresh-staging-token.sh:5:52 claude-auth/no-credential-store-read credentialsFile',
  'src/lib/claude-login.ts:9:30 claude-auth/no-credential-store-read credentialsFile',
  'src/lib/claude-login.ts:10:11 claude-auth/no-credential-store-read storedLoginKey',
  'src/lib/claude.ts:7:21 claude-auth/no-agent-sdk-subscription-auth authTokenFromOAuth',
  'src/lib/claude.ts:7:99 claude-auth/no-claude-code-impersonation betaHeader',
  'src/lib/config.ts:5:19 claude-auth/no-embedded-token subscriptionToken',
  'worker/summarize.py:8:18 claude-auth/no-embedded-token subscriptionToken',
  'worker/summarize.py:14:25 claude-auth/no-credential-store-read credentialsFile',
  'worker/summarize.py:15:32 claude-auth/no-agent-sdk-subscription-auth authTokenFromOAuth',
  'worker/summarize.py:15:49 claude-auth/no-credential-store-read storedLoginKey',
];

/** The secrets planted in the demo, read from its files so the test cannot drift from them. */
async function plantedTokens(): Promise<string[]> {
  const files = ['src/lib/config.ts', 'worker/summarize.py'];
  const texts = await Promise.all(files.map((file) => readFile(path.join(repoRoot, demo, file), 'utf8')));
  return texts.flatMap((text) => text.match(/sk-ant-[a-z]+\d\d-[A-Za-z0-9_-]{90,}/g) ?? []);
}

describe('the demo repository', () => {
  it('reports every planted violation and nothing else', async () => {
    const run = await runCli(['--format', 'json', demo], repoRoot);
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as JsonResult[]).flatMap((result) =>
      result.messages.map((m) => `${path.relative(path.join(repoRoot, demo), result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.messageId}`),
    );
    expect(found.sort()).toEqual([...EXPECTED].sort());
  });

  it('never prints a planted secret whole', async () => {
    const tokens = await plantedTokens();
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const format of ['stylish', 'json']) {
      const run = await runCli(['--format', format, demo], repoRoot);
      for (const token of tokens) expect(run.stdout).not.toContain(token.slice(-40));
    }
  });

  it('runs as the installed command does', async () => {
    const cli = path.join(repoRoot, 'dist/src/cli.js');
    const result = await promisify(execFile)(process.execPath, [cli, demo], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${demo}/src/lib/config.ts`);
    expect(result.stdout).toMatch(/✖ \d+ problems/);
  });
});
