import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeDotenv } from '../../src/files/dotenv.js';
import { readIndexPaths } from '../../src/files/git-index.js';
import { createGitStatus } from '../../src/files/git-status.js';
import { analyze, located } from './helpers.js';

const TOKEN = 'sk-ant-oat01-VLotddxg7qACPVsOnA66cKIFTmxrrjtjVmd4xI0zvy4Zr9moEHZhNX2xGqc-fQ7ZvqsP3CCT-nKEBJMhw5k62rOjlqnFCAA';
const API_KEY = 'sk-ant-api03-gs-grN8GoVxR7cI6M38cVn8hocuiTQfnguix8PlCRAOT05nKfeOLvHNh-ZOCBRK6iIT6Y2YTIicpDiYmfb9atdsaANN_bAA';

/**
 * Builds a git index (https://git-scm.com/docs/index-format) holding `paths`: version 2 pads each
 * entry with NULs to a multiple of 8 bytes, version 4 prefix-compresses each path against the last.
 */
function buildIndex(paths: string[], version: 2 | 4): Buffer {
  const header = Buffer.alloc(12);
  header.write('DIRC', 0, 'latin1');
  header.writeUInt32BE(version, 4);
  header.writeUInt32BE(paths.length, 8);
  const entries: Buffer[] = [];
  let previous = '';
  for (const entryPath of paths) {
    const fixed = Buffer.alloc(62);
    fixed.writeUInt32BE(0o100644, 24);
    fixed.writeUInt16BE(Math.min(entryPath.length, 0xfff), 60);
    if (version === 4) {
      let common = 0;
      while (common < previous.length && previous[common] === entryPath[common]) common += 1;
      const strip = previous.length - common;
      // Strip counts here stay under 128: one byte of the offset varint.
      entries.push(fixed, Buffer.from([strip]), Buffer.from(`${entryPath.slice(common)}\0`, 'utf8'));
    } else {
      const length = 62 + Buffer.byteLength(entryPath);
      const padded = Math.floor((length + 8) / 8) * 8;
      entries.push(fixed, Buffer.from(entryPath, 'utf8'), Buffer.alloc(padded - length));
    }
    previous = entryPath;
  }
  return Buffer.concat([header, ...entries, Buffer.alloc(20)]);
}

describe('readIndexPaths', () => {
  const paths = ['.env', '.github/workflows/ci.yml', '.github/workflows/claude.yml', 'packages/api/.env.local', 'src/ünïcode.ts'];

  it('reads version 2 and version 4 indexes', () => {
    expect(readIndexPaths(buildIndex(paths, 2))).toEqual(paths);
    expect(readIndexPaths(buildIndex(paths, 4))).toEqual(paths);
  });

  it('reads the index git wrote for this repository', () => {
    const status = createGitStatus(path.resolve(import.meta.dirname, '../..'));
    expect(status('package.json')).toBe('tracked');
    expect(status('node_modules/yaml/package.json')).toBe('ignored');
  });

  it('rejects what is not an index', () => {
    expect(() => readIndexPaths(Buffer.from('not an index at all'))).toThrow(/not a git index/);
  });
});

describe('analyzeDotenv', () => {
  const text = [
    '# Local settings',
    'PORT=8080',
    `CLAUDE_CODE_OAUTH_TOKEN=${TOKEN}`,
    `export ANTHROPIC_API_KEY="${API_KEY}"`,
    'ANTHROPIC_BASE_URL=https://api.anthropic.com',
    `# OLD_TOKEN=${TOKEN.replace('oat01', 'ort01')}`,
    'PLACEHOLDER=sk-ant-oat01-your-token-here',
    '',
  ].join('\n');

  it('reports subscription tokens red and API keys yellow, named by variable; placeholders are silent', () => {
    const findings = analyze(analyzeDotenv, text, '.env', { gitStatus: () => 'tracked' });
    expect(located(findings)).toEqual([
      { ruleId: 'claude-auth/no-embedded-token', messageId: 'dotenvSubscriptionToken', severity: 2, line: 3, column: 25 },
      { ruleId: 'claude-auth/no-embedded-token', messageId: 'dotenvApiKey', severity: 1, line: 4, column: 27 },
      { ruleId: 'claude-auth/no-embedded-token', messageId: 'dotenvSubscriptionToken', severity: 2, line: 6, column: 13 },
    ]);
    expect(findings[0]?.message).toContain('(`CLAUDE_CODE_OAUTH_TOKEN`)');
    expect(findings[0]?.message).toContain('tracked by git');
    expect(findings[1]?.message).toContain('(`ANTHROPIC_API_KEY`)');
    expect(findings[2]?.message).toContain('(in a comment)');
    expect(JSON.stringify(findings)).not.toContain(TOKEN.slice(20));
  });

  it('says what git does with the file', () => {
    expect(analyze(analyzeDotenv, text, '.env', { gitStatus: () => 'ignored' })[0]?.message).toContain('which is ignored by git');
    expect(analyze(analyzeDotenv, text, '.env', { gitStatus: () => 'untracked' })[0]?.message).toContain('a `git add .` would commit it');
    expect(analyze(analyzeDotenv, text, '.env')[0]?.message).toContain('of unknown git status');
  });

  it('looks the status up once per scan from the index and .gitignore files', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'claude-auth-dotenv-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'api'));
    writeFileSync(path.join(root, '.git', 'index'), buildIndex(['api/.env.production'], 2));
    writeFileSync(path.join(root, '.gitignore'), '.env\n');
    const status = createGitStatus(path.join(root, 'api'));
    expect(status('.env.production')).toBe('tracked');
    expect(status('.env')).toBe('ignored');
    expect(status('.env.local')).toBe('untracked');
    expect(createGitStatus(tmpdir())('x/.env')).toBe('outside-repository');
  });

  it('reads nested .gitignore files and ignored directories as git does', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'claude-auth-dotenv-'));
    mkdirSync(path.join(root, '.git'));
    mkdirSync(path.join(root, 'services', 'billing', 'secrets'), { recursive: true });
    writeFileSync(path.join(root, '.gitignore'), '.env*\nsecrets/\n');
    // A deeper file's rules win, but nothing under an ignored directory comes back.
    writeFileSync(path.join(root, 'services', '.gitignore'), '!.env.example\n!secrets/.env\n');
    const status = createGitStatus(root);
    expect(status('services/billing/.env')).toBe('ignored');
    expect(status('services/billing/.env.example')).toBe('untracked');
    expect(status('services/billing/secrets/.env')).toBe('ignored');
    expect(status('services/billing/config.ts')).toBe('untracked');
  });
});
