import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import type { Finding } from '../../src/scan/finding.js';
import { runCli } from '../helpers/run-cli.js';
import { DEMO_APP, jsonFindings } from '../helpers/scan-helpers.js';

const finding: Finding = {
  ruleId: 'claude-auth/no-embedded-token',
  messageId: 'apiKey',
  message: 'An Anthropic API key (sk-ant-api03-…9xAA) is here: 100% real,\r\nrotate it',
  tier: 'yellow',
  severity: 1,
  line: 3,
  column: 7,
  endLine: 3,
  endColumn: 115,
  docsUrl: 'https://example.test/docs/rules/no-embedded-token.md',
  fingerprint: '0123456789abcdef0123456789abcdef',
};

describe('--format github', () => {
  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100%\r\nok: a,b')).toBe('100%25%0D%0Aok: a,b');
    expect(escapeProperty('dir,x/a:b%.ts')).toBe('dir%2Cx/a%3Ab%25.ts');
  });

  it('prints one annotation per finding, warning for yellow, with position, end and rule id as title', () => {
    const output = formatGithub({
      reports: [{ filePath: '/repo/weird,name:1.ts', relativePath: 'weird,name:1.ts', findings: [finding], diagnostics: [{ kind: 'parse-error', message: 'Could not parse: x', line: 9, column: 2 }] }],
      filesWalked: 1,
      filesSkippedByName: 0,
      color: false,
    });
    expect(output.split('\n')).toEqual([
      '::warning file=weird%2Cname%3A1.ts,line=3,col=7,endLine=3,endColumn=115,title=claude-auth/no-embedded-token::An Anthropic API key (sk-ant-api03-…9xAA) is here: 100%25 real,%0D%0Arotate it%0Ahttps://example.test/docs/rules/no-embedded-token.md',
      '::notice file=weird%2Cname%3A1.ts,line=9,col=2,title=claude-auth-lint%3A parse-error::Could not parse: x',
      '',
    ]);
  });

  it('annotates the demo repository: one line per finding, error or warning by severity', async () => {
    const expected = jsonFindings((await runCli(['--format', 'json'], DEMO_APP)).stdout, DEMO_APP);
    const { code, stdout } = await runCli(['--format', 'github'], DEMO_APP);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => {
      const [, level, file, position, ruleId] = /^::(error|warning) file=([^,]+),line=(\d+,col=\d+),endLine=\d+,endColumn=\d+,title=(claude-auth\/[a-z-]+)::\S/.exec(line) ?? [];
      return `${level} ${file} ${position} ${ruleId}`;
    })).toEqual(expected.map((finding) => `${finding.severity === 2 ? 'error' : 'warning'} ${finding.path} ${finding.line},col=${finding.column} ${finding.ruleId}`));
    expect(lines.filter((line) => line.startsWith('::error file=src/lib/config.ts,line=5,col=19,endLine=5,endColumn=127,title=claude-auth/no-embedded-token::'))).toHaveLength(1);
  });

  it('prints nothing for a clean scan', () => {
    expect(formatGithub({ reports: [], filesWalked: 3, filesSkippedByName: 0, color: false })).toBe('');
  });
});
