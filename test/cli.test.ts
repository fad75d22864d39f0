import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAKE_API_KEY, FAKE_OAUTH_TOKEN, makeRepo } from './helpers/temp-repo.js';
import { runCli } from './helpers/run-cli.js';

const leaky = {
  'src/config.ts': `export const token = '${FAKE_OAUTH_TOKEN}';\n`,
  'scripts/deploy.sh': `export ANTHROPIC_API_KEY=${FAKE_API_KEY}\n`,
};

describe('claude-auth-lint CLI', () => {
  it('exits 0 and says so on a clean repository', async () => {
    const root = await makeRepo({ 'src/index.ts': 'export const answer = 42;\n', 'README.md': '# hello\n' });
    const run = await runCli([], root);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^✔ No problems found \(2 files scanned, policy of \d{4}-\d{2}-\d{2}\)\.\n$/);
  });

  it('exits 1 on red findings and groups them by file with tier, rule id and fix', async () => {
    const root = await makeRepo(leaky);
    const run = await runCli(['.'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('scripts/deploy.sh\n  1:26  warning  yellow  An Anthropic API key (sk-ant-api03-…FYAA)');
    expect(run.stdout).toContain('src/config.ts\n  1:23  error    red     A Claude subscription OAuth access token (sk-ant-oat01-…FYAA)');
    expect(run.stdout).toContain('claude-auth/no-embedded-token (red, 2 findings): Revoke the credential');
    expect(run.stdout).toContain('✖ 2 problems (1 error, 1 warning) in 2 files');
  });

  it('exits 0 on warnings alone, and 1 when they are over --max-warnings', async () => {
    const root = await makeRepo({ 'deploy.sh': leaky['scripts/deploy.sh'] });
    expect((await runCli([], root)).code).toBe(0);
    expect((await runCli(['--max-warnings', '1'], root)).code).toBe(0);
    expect((await runCli(['--max-warnings', '0'], root)).code).toBe(1);
  });

  it('reports errors only with --quiet', async () => {
    const root = await makeRepo(leaky);
    const run = await runCli(['--quiet', '--format', 'json'], root);
    const results = JSON.parse(run.stdout) as { messages: { severity: number }[] }[];
    expect(results.flatMap((r) => r.messages).map((m) => m.severity)).toEqual([2]);
  });

  it('prints ESLint-shaped JSON', async () => {
    const root = await makeRepo(leaky);
    const run = await runCli(['-f', 'json', 'src'], root);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        filePath: path.join(root, 'src/config.ts'),
        messages: [
          {
            ruleId: 'claude-auth/no-embedded-token',
            severity: 2,
            message: expect.stringContaining('sk-ant-oat01-…FYAA'),
            messageId: 'subscriptionToken',
            line: 1,
            column: 23,
            endLine: 1,
            endColumn: 23 + FAKE_OAUTH_TOKEN.length,
            tier: 'red',
            docsUrl: expect.stringMatching(/docs\/rules\/no-embedded-token\.md$/),
            fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
          },
        ],
        suppressedMessages: [],
        errorCount: 1,
        warningCount: 0,
        fatalErrorCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        diagnostics: [],
      },
    ]);
  });

  it('writes the report to --output-file and prints nothing', async () => {
    const root = await makeRepo(leaky);
    const run = await runCli(['-o', 'out/report.json', '-f', 'json'], root);
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(await readFile(path.join(root, 'out/report.json'), 'utf8'))).toHaveLength(2);
  });

  it('never prints a whole secret, in any format', async () => {
    const root = await makeRepo(leaky);
    for (const format of ['stylish', 'json']) {
      const run = await runCli(['-f', format], root);
      expect(run.stdout + run.stderr).not.toContain(FAKE_OAUTH_TOKEN.slice(20));
      expect(run.stdout + run.stderr).not.toContain(FAKE_API_KEY.slice(20));
    }
  });

  it('lists files it could not analyze without failing the scan', async () => {
    const root = await makeRepo({
      'broken.ts': `const token = '${FAKE_OAUTH_TOKEN}';\nexport const = ;\n`,
      'data.bin.txt': Buffer.from([0x00, 0x01, 0x02]),
    });
    const run = await runCli([], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('broken.ts\n  1:16  error');
    expect(run.stdout).toMatch(/broken\.ts:2:\d+ {2}parse-error {2}Could not parse/);
    expect(run.stdout).toContain('data.bin.txt  binary  Not analyzed: binary content.');
  });

  it('answers --help and --version', async () => {
    const help = await runCli(['--help'], '/');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: claude-auth-lint [options] [paths...]');
    const version = await runCli(['-v'], '/');
    expect(version.stdout).toMatch(/^claude-auth-lint \d+\.\d+\.\d+ \(policy of \d{4}-\d{2}-\d{2}\)\n$/);
  });

  it.each([
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['--format', 'xml'], /unknown format "xml"/],
    [['--max-warnings', 'lots'], /--max-warnings needs a whole number/],
    [['does-not-exist'], /No such file or directory: does-not-exist/],
  ])('exits 2 with a one-line reason for %j', async (argv, reason) => {
    const root = await makeRepo({});
    const run = await runCli(argv, root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stdout).toBe('');
  });
});
