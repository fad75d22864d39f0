import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../src/report/index.js';
import { KNOWN_RULE_NAMES } from '../src/rule-names.js';
import { explainRule } from '../src/rule-docs.js';
import { runCli } from './helpers/run-cli.js';
import { REPO_ROOT, jsonFindings, plantToken, tempDir } from './helpers/scan-helpers.js';

describe('--list-rules and --explain', () => {
  it('--list-rules prints every rule with its tier and description, one per line', async () => {
    const { code, stdout } = await runCli(['--list-rules'], REPO_ROOT);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(KNOWN_RULE_NAMES.map((name) => `claude-auth/${name}`));
    for (const line of lines) expect(line).toMatch(/^claude-auth\/[a-z-]+\s+(red|yellow)\b.*\s(Disallow|Require|Enforce) /);
    expect(lines.find((line) => line.startsWith('claude-auth/no-embedded-token '))).toMatch(/ red \(apiKey: yellow[,)]/);
  });

  it('--explain prints the rule docs page under a header, with or without the namespace', async () => {
    const docsDir = await tempDir();
    await writeFile(path.join(docsDir, 'no-credential-mount.md'), '# no-credential-mount\n\nDo not mount ~/.claude into containers.\n');
    const text = await explainRule('claude-auth/no-credential-mount', docsDir);
    expect(text).toMatch(/^claude-auth\/no-credential-mount \(tier: red[^\n]*\)\nDisallow .*\nFix: .+\n\n# no-credential-mount\n\nDo not mount ~\/\.claude into containers\.\n$/);
    expect(await explainRule('no-credential-mount', docsDir)).toBe(text);
  });

  it('--explain reads the docs shipped in the package, or says where the page is', async () => {
    const { code, stdout } = await runCli(['--explain', 'no-embedded-token'], REPO_ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^claude-auth\/no-embedded-token \(tier: red \(apiKey: yellow[^\n]*\)\)\n/);
    expect(stdout).toContain(await readFile(path.join(REPO_ROOT, 'docs', 'rules', 'no-embedded-token.md'), 'utf8'));
  });

  it('--explain of an unknown rule is a usage error', async () => {
    const { code, stderr } = await runCli(['--explain', 'no-such-rule'], REPO_ROOT);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown rule "no-such-rule"');
  });

  it('--help shows every option and format', async () => {
    const { code, stdout } = await runCli(['--help'], REPO_ROOT);
    expect(code).toBe(0);
    for (const flag of ['--format', '--baseline', '--write-baseline', '--report-unused-disable-directives', '--list-rules', '--explain', '--no-gitignore', '--config', '--fail-on']) {
      expect(stdout).toContain(flag);
    }
    for (const format of FORMAT_NAMES) expect(stdout).toContain(format);
  });

  it('rejects an unknown option, format or --fail-on with exit code 2', async () => {
    expect((await runCli(['--frobnicate'], REPO_ROOT)).code).toBe(2);
    expect((await runCli(['--format', 'xml'], REPO_ROOT)).code).toBe(2);
    expect((await runCli(['--fail-on', 'green'], REPO_ROOT)).code).toBe(2);
  });
});

describe('disable directives on the command line', () => {
  const token = plantToken('oat01', 7);

  it('unused directives are shown and fail the run only with --report-unused-disable-directives; invalid ones always show', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'app.ts'), `// eslint-disable-next-line claude-auth/no-embedded-token -- nothing here\nexport const settings = path.join(os.homedir(), '.claude', 'settings.json');\n`);
    await writeFile(path.join(root, 'deploy.sh'), `# claude-auth-lint-disable-next-line no-embedded-token\nexport CLAUDE_CODE_OAUTH_TOKEN=${token}\n`);
    const plain = await runCli([], root);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('Disable directives (1 file)');
    expect(plain.stdout).toMatch(/deploy\.sh:1:3 {2}invalid-directive .*gives no reason/);
    expect(plain.stdout).not.toContain('unused-directive');

    await writeFile(path.join(root, 'deploy.sh'), `# claude-auth-lint-disable-next-line no-embedded-token -- revoked 2026-11-01\nexport CLAUDE_CODE_OAUTH_TOKEN=${token}\n`);
    expect((await runCli([], root)).code).toBe(0);
    const reported = await runCli(['--report-unused-disable-directives'], root);
    expect(reported.code).toBe(1);
    expect(reported.stdout).toMatch(/app\.ts:1:1 {2}unused-directive {2}Unused eslint-disable directive \(no problems were reported from 'claude-auth\/no-embedded-token'\)\./);
  });
});

describe('the project scans itself clean', () => {
  it('claude-auth-lint on the repository root (with its claude-auth-lint.config.json) exits 0', async () => {
    const { code, stdout } = await runCli([], REPO_ROOT);
    expect(stdout).toMatch(/No problems found/);
    expect(code).toBe(0);
  });
});

describe('no output contains a whole secret', () => {
  it('plants tokens in every kind of file and greps every format and the baseline', async () => {
    const root = await tempDir();
    const tokens = Array.from({ length: 9 }, (_, index) => plantToken(index % 2 === 0 ? 'oat01' : 'api03', 100 + index));
    const files: Record<string, string> = {
      'src/app.ts': `export const key = '${tokens[0]}';\n// ${tokens[1]}\n`,
      'worker/job.py': `TOKEN = "${tokens[2]}"\n`,
      'package.json': JSON.stringify({ name: 'x', config: { token: tokens[3] } }),
      '.env.production': `CLAUDE_CODE_OAUTH_TOKEN=${tokens[4]}\n`,
      Dockerfile: `FROM node:22\nENV CLAUDE_CODE_OAUTH_TOKEN=${tokens[5]}\n`,
      'docker-compose.yml': `services:\n  app:\n    environment:\n      TOKEN: ${tokens[6]}\n`,
      '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    steps:\n      - run: echo ${tokens[7]}\n`,
      'docs/setup.md': `Use \`${tokens[8]}\`.\n`,
      'broken.ts': `const = '${tokens[0]}' (\n`,
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    const outputs: string[] = [];
    for (const format of FORMAT_NAMES) {
      const { code, stdout, stderr } = await runCli(['--format', format], root);
      expect(code, format).toBe(1);
      outputs.push(stdout, stderr);
    }
    await runCli(['--write-baseline', 'baseline.json'], root);
    outputs.push(await readFile(path.join(root, 'baseline.json'), 'utf8'));
    const baselined = await runCli(['--baseline', 'baseline.json', '--format', 'sarif'], root);
    outputs.push(baselined.stdout, baselined.stderr);

    expect(outputs.join('\n')).toContain('sk-ant-oat01-…');
    for (const token of tokens) {
      const secretPart = token.slice('sk-ant-oat01-'.length, -4);
      for (const output of outputs) expect(output.includes(secretPart), `an output contains ${token.slice(0, 16)}…`).toBe(false);
    }
  });
});

/** A workflow that anyone's comment starts, handing the subscription token to Claude's action: yellow at line 11. */
const WORKFLOW_ON_COMMENTS = [
  'name: Claude',
  'on:',
  '  issue_comment:',
  '    types: [created]',
  'jobs:',
  '  claude:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: anthropics/claude-code-action@v1',
  '        with:',
  '          claude_code_oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
  '',
].join('\n');

describe('exit codes, outputs and colours', () => {
  const apiKey = plantToken('api03', 21);
  const oauthToken = plantToken('oat01', 22);

  /** A repository with one yellow finding (a leaked API key) and nothing red. */
  async function yellowOnly(): Promise<string> {
    const root = await tempDir();
    await writeFile(path.join(root, 'client.ts'), `export const key = '${apiKey}';\n`);
    return root;
  }

  it('--quiet hides warnings from the report, not from --fail-on yellow or --max-warnings', async () => {
    const root = await yellowOnly();
    const quiet = await runCli(['--quiet', '--fail-on', 'yellow'], root);
    expect(quiet.stdout).not.toContain('client.ts');
    expect(quiet.code).toBe(1);
    expect((await runCli(['--quiet', '--max-warnings', '0'], root)).code).toBe(1);
    expect((await runCli(['--quiet'], root)).code).toBe(0);
  });

  it('--fail-on never exits 0 with red findings, and 2 on a usage error still', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'app.ts'), `export const token = '${oauthToken}';\n`);
    expect((await runCli([], root)).code).toBe(1);
    const never = await runCli(['--fail-on', 'never', '--format', 'json'], root);
    expect(never.code).toBe(0);
    expect(jsonFindings(never.stdout, root).map((finding) => finding.ruleId)).toEqual(['claude-auth/no-embedded-token']);
    expect((await runCli(['--fail-on', 'never', 'missing-folder'], root)).code).toBe(2);
  });

  it('-o - writes the report to standard output, not to a file named -', async () => {
    const root = await yellowOnly();
    const { code, stdout } = await runCli(['-o', '-', '--format', 'json'], root);
    expect(code).toBe(0);
    expect(jsonFindings(stdout, root)).toHaveLength(1);
    expect(existsSync(path.join(root, '-'))).toBe(false);
  });

  it('--sarif-file writes SARIF of the same results that the report prints', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'app.ts'), `export const token = '${oauthToken}';\nexport const key = '${apiKey}';\n`);
    const { code, stdout } = await runCli(['--format', 'json', '--sarif-file', 'out/report.sarif'], root);
    expect(code).toBe(1);
    const sarif = JSON.parse(await readFile(path.join(root, 'out/report.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const fromSarif = sarif.runs[0]?.results.map((result) => `${result.ruleId}@${result.locations[0]?.physicalLocation.region.startLine}`);
    expect(fromSarif).toEqual(jsonFindings(stdout, root).map((finding) => `${finding.ruleId}@${finding.line}`));
    expect(fromSarif).toHaveLength(2);
  });

  it('--color forces colours off a terminal, --no-color turns them off on one', async () => {
    const root = await yellowOnly();
    const ansi = /\u001b\[/;
    expect((await runCli([], root, {}, { isTTY: true })).stdout).toMatch(ansi);
    expect((await runCli(['--no-color'], root, {}, { isTTY: true })).stdout).not.toMatch(ansi);
    expect((await runCli([], root)).stdout).not.toMatch(ansi);
    expect((await runCli(['--color'], root)).stdout).toMatch(ansi);
    expect((await runCli(['--color'], root, { NO_COLOR: '1' })).stdout).toMatch(ansi);
  });

  it('--stdin scans standard input as the file --stdin-filename names, classified by that path', async () => {
    const root = await tempDir();
    await mkdir(path.join(root, '.git'));
    const readStdin = async () => Buffer.from(WORKFLOW_ON_COMMENTS);
    const asWorkflow = await runCli(['--stdin', '--stdin-filename', '.github/workflows/claude.yml', '--format', 'json'], root, {}, { readStdin });
    expect(asWorkflow.code).toBe(0);
    expect(jsonFindings(asWorkflow.stdout, root).map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}`)).toEqual([
      '.github/workflows/claude.yml:11 claude-auth/no-multi-user-surface',
    ]);
    // The same text under another name is not a workflow; and --stdin takes no paths.
    const asText = await runCli(['--stdin', '--stdin-filename', 'notes/claude.yml', '--format', 'json'], root, {}, { readStdin });
    expect(jsonFindings(asText.stdout, root)).toEqual([]);
    expect((await runCli(['--stdin', 'src'], root, {}, { readStdin })).code).toBe(2);
    const token = await runCli(['--stdin'], root, {}, { readStdin: async () => Buffer.from(`TOKEN=${oauthToken}\n`) });
    expect(token.code).toBe(1);
    expect(token.stdout).toContain('<text>');
  });

  it('SARIF locations of files outside the working directory are absolute file URIs, never ../', async () => {
    const outside = await yellowOnly();
    const cwd = await tempDir();
    const { stdout } = await runCli(['--format', 'sarif', outside], cwd);
    const uris = (JSON.parse(stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] }).runs[0]?.results.map(
      (result) => result.locations[0]?.physicalLocation.artifactLocation,
    );
    expect(uris).toEqual([{ uri: pathToFileURL(path.join(outside, 'client.ts')).href }]);
  });

  it('rejects a --max-file-time that is not a positive whole number of ms', async () => {
    const root = await yellowOnly();
    for (const value of ['0', '-5', '1.5', 'soon']) expect((await runCli(['--max-file-time', value], root)).code, value).toBe(2);
    expect((await runCli(['--max-file-time', '60000'], root)).code).toBe(0);
  });
});

describe('file kinds from the path in the repository', () => {
  it('a workflow gives the same finding whether the scan names the repository, its workflows folder, the file, or runs inside the folder', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'support-bot', private: true }));
    await mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
    await writeFile(path.join(root, '.github', 'workflows', 'claude.yml'), WORKFLOW_ON_COMMENTS);
    const found = async (argv: string[], cwd: string) => {
      const { stdout } = await runCli([...argv, '--format', 'json'], cwd);
      return jsonFindings(stdout, root).map((finding) => `${finding.path}:${finding.line} ${finding.ruleId}`);
    };
    const whole = await found(['.'], root);
    expect(whole).toEqual(['.github/workflows/claude.yml:11 claude-auth/no-multi-user-surface']);
    expect(await found(['.github/workflows'], root)).toEqual(whole);
    expect(await found(['.github/workflows/claude.yml'], root)).toEqual(whole);
    expect(await found(['.'], path.join(root, '.github', 'workflows'))).toEqual(whole);
    expect(await found(['claude.yml'], path.join(root, '.github', 'workflows'))).toEqual(whole);
  });
});

describe('--stats', () => {
  it('prints one JSON line of counts to standard error, and asks for the publish set only of files with findings', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'review-bot', version: '1.0.0' }));
    await mkdir(path.join(dir, 'src'));
    // Has a (yellow) finding: runs `claude -p` from a Slack handler.
    await writeFile(
      path.join(dir, 'src', 'bot.js'),
      "import { App } from '@slack/bolt';\nimport { execFile } from 'node:child_process';\nconst app = new App({ token: process.env.SLACK_BOT_TOKEN });\napp.message(async ({ message, say }) => {\n  execFile('claude', ['-p', message.text], (error, stdout) => say(stdout));\n});\n",
    );
    // Names the Agent SDK in passing, uses an API key: decoded and parsed, no finding.
    await writeFile(path.join(dir, 'src', 'models.js'), "// Models for @anthropic-ai/claude-agent-sdk runs\nexport const MODEL = 'claude-sonnet-4-5';\n");
    await writeFile(path.join(dir, 'README.md'), 'A review bot.\n');
    const { code, stdout, stderr } = await runCli(['--stats', '-f', 'json', '.'], dir);
    expect(code).toBe(0);
    expect(jsonFindings(stdout, dir).map((finding) => [finding.path, finding.ruleId])).toEqual([['src/bot.js', 'claude-auth/no-multi-user-surface']]);
    const line = stderr.split('\n').find((text) => text.startsWith('claude-auth-lint stats: '));
    const stats = JSON.parse(line?.slice('claude-auth-lint stats: '.length) ?? 'null') as import('../src/scan/stats.js').ScanStats;
    expect(stats).toMatchObject({ filesWalked: 4, filesDecoded: 2, byKind: { js: { files: 2, parsed: 2 } }, publishSetQueries: 1 });
    expect(stats.byKind.js?.ms).toBeGreaterThan(0);
  });
});
