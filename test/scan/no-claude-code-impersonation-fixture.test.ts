import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocator } from '../../src/scan/finding.js';
import { scan } from '../../src/scan/run.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const FIXTURE = 'fixtures/no-claude-code-impersonation';
const RULE_ID = 'claude-auth/no-claude-code-impersonation';

/** Where a finding is expected: at `marker` (default: the whole needle) inside the first `needle` of `file`. */
interface Expected {
  file: string;
  needle: string;
  marker?: string;
  messageId: string;
}

/** `file:line:column messageId`, with the position taken from the fixture's own text. */
function located({ file, needle, marker, messageId }: Expected): string {
  const text = readFileSync(path.join(REPO, FIXTURE, file), 'utf8');
  const index = text.indexOf(needle);
  if (index === -1) throw new Error(`${file} has no ${needle}`);
  const { line, column } = createLocator(text)(index + (marker === undefined ? 0 : needle.indexOf(marker)));
  return `${FIXTURE}/${file}:${line}:${column} ${messageId}`;
}

const result = await scan([FIXTURE], { cwd: REPO });
const findings = result.reports.flatMap((report) =>
  report.findings.map((finding) => ({ ...finding, file: report.relativePath })),
);

describe('no-claude-code-impersonation over a mini repository', () => {
  it('reports every way the proxy poses as Claude Code, in TypeScript, shell, YAML and Python', () => {
    const proxy = 'claude-max-proxy';
    const expected: Expected[] = [
      { file: `${proxy}/config/default.yaml`, needle: 'oauth-2025-04-20', messageId: 'betaHeader' },
      { file: `${proxy}/config/default.yaml`, needle: 'claude-code-20250219', messageId: 'betaHeader' },
      { file: `${proxy}/config/default.yaml`, needle: 'x-app: cli', marker: 'cli', messageId: 'cliHeader' },
      { file: `${proxy}/config/default.yaml`, needle: 'claude-cli/1.0.83', messageId: 'cliHeader' },
      { file: `${proxy}/config/default.yaml`, needle: 'https://claude.ai/oauth/authorize', messageId: 'oauthEndpoint' },
      { file: `${proxy}/config/default.yaml`, needle: 'https://platform.claude.com/v1/oauth/token', messageId: 'oauthEndpoint' },
      { file: `${proxy}/scripts/refresh-token.sh`, needle: 'https://console.anthropic.com/v1/oauth/token', messageId: 'oauthEndpoint' },
      { file: `${proxy}/scripts/refresh-token.sh`, needle: '9d1c250a-', messageId: 'clientId' },
      { file: `${proxy}/src/constants.ts`, needle: "'OWQx", messageId: 'clientId' },
      { file: `${proxy}/src/constants.ts`, needle: '`${ANTHROPIC_CONSOLE}/oauth/code/callback`', messageId: 'oauthEndpoint' },
      { file: `${proxy}/src/constants.ts`, needle: "'oauth-2025-04-20'", messageId: 'betaHeader' },
      { file: `${proxy}/src/oauth.ts`, needle: "new URL('/v1/oauth/token'", messageId: 'oauthEndpoint' },
      { file: `${proxy}/src/oauth.ts`, needle: "new URL('/oauth/authorize'", messageId: 'oauthEndpoint' },
      { file: `${proxy}/src/upstream.ts`, needle: '"You are Claude Code', messageId: 'systemPrompt' },
      { file: `${proxy}/src/upstream.ts`, needle: "'claude-code-20250219'", messageId: 'betaHeader' },
      { file: `${proxy}/src/upstream.ts`, needle: "'x-app': 'cli'", marker: "'cli'", messageId: 'cliHeader' },
      { file: `${proxy}/src/upstream.ts`, needle: '`claude-cli/', messageId: 'cliHeader' },
      // Python is parsed: a string literal is reported whole (quotes included), an `x-app` entry as the pair.
      { file: `${proxy}/tools/usage.py`, needle: '"oauth-2025-04-20"', messageId: 'betaHeader' },
      { file: `${proxy}/tools/usage.py`, needle: '"x-app": "cli"', messageId: 'cliHeader' },
      { file: `${proxy}/tools/usage.py`, needle: '"claude-cli/', messageId: 'cliHeader' },
    ];
    const actual = findings
      .filter((finding) => finding.ruleId === RULE_ID && finding.file.includes(`/${proxy}/`))
      .map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.messageId}`);
    expect(actual).toEqual(expected.map(located));
  });

  it('reports them as red errors with the rule’s docs page, and names the endpoint', () => {
    const ours = findings.filter((finding) => finding.ruleId === RULE_ID);
    expect(ours.length).toBeGreaterThan(0);
    for (const finding of ours) {
      expect(finding).toMatchObject({ tier: 'red', severity: 2 });
      expect(finding.docsUrl).toMatch(/docs\/rules\/no-claude-code-impersonation\.md$/);
    }
    const endpoints = ours.filter((finding) => finding.file.endsWith('oauth.ts')).map((finding) => finding.message);
    expect(endpoints).toEqual([expect.stringContaining('(ANTHROPIC_CONSOLE/v1/oauth/token)'), expect.stringContaining('(CLAUDE_AI/oauth/authorize)')]);
  });

  it('stays silent on the look-alike: its own OAuth server, GitHub login, an API key, other x-app values, notes in prose', () => {
    const lookAlike = findings.filter((finding) => finding.file.includes('/acme-auth-server/'));
    expect(lookAlike.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId}`)).toEqual([]);
    expect(result.reports.filter((report) => report.diagnostics.length > 0)).toEqual([]);
  });
});
