import { describe, expect, it } from 'vitest';
import { claudeInArgv, claudeInCommandLine, isClaudeProgram, printModeOf, splitWords } from '../../src/detect/command-line.js';

describe('isClaudeProgram', () => {
  it('knows the CLI by name and by path', () => {
    expect(isClaudeProgram('claude')).toBe(true);
    expect(isClaudeProgram('/usr/local/bin/claude')).toBe(true);
    expect(isClaudeProgram(String.raw`C:\Users\me\AppData\Roaming\npm\claude.cmd`)).toBe(true);
    expect(isClaudeProgram('~/.claude/local/claude')).toBe(true);
    expect(isClaudeProgram('$CLAUDE_BIN')).toBe(true);
  });
  it('is not fooled by look-alikes', () => {
    expect(isClaudeProgram('claude-code-router')).toBe(false);
    expect(isClaudeProgram('/opt/claude/bin/node')).toBe(false);
    expect(isClaudeProgram('ccr')).toBe(false);
    expect(isClaudeProgram('$EDITOR')).toBe(false);
  });
});

describe('printModeOf', () => {
  it('sees -p, --print and the output formats', () => {
    expect(printModeOf(['-p', 'hi'], true)).toBe('yes');
    expect(printModeOf(['--print'], true)).toBe('yes');
    expect(printModeOf(['--output-format', 'json', 'hi'], true)).toBe('yes');
  });
  it('tells a known non-prompt run from an unknown one', () => {
    expect(printModeOf(['--version'], true)).toBe('no');
    expect(printModeOf(['mcp', 'add', 'github'], true)).toBe('no');
    expect(printModeOf([], false)).toBe('unknown');
    expect(printModeOf(['*'], true)).toBe('unknown');
  });
});

describe('splitWords', () => {
  it('keeps quoted words together', () => {
    expect(splitWords(`claude -p "two words" 'and three more'`)).toEqual(['claude', '-p', 'two words', 'and three more']);
  });
});

describe('claudeInArgv', () => {
  it('finds claude behind a shell and a package runner', () => {
    expect(claudeInArgv(['bash', '-lc', 'claude -p "hello"'])?.print).toBe('yes');
    expect(claudeInArgv(['sh', '-c', 'cd /srv && claude --print hi'])?.print).toBe('yes');
    expect(claudeInArgv(['npx', '-y', '@anthropic-ai/claude-code@latest', '-p', 'hi'])?.print).toBe('yes');
    expect(claudeInArgv(['pnpm', 'dlx', '@anthropic-ai/claude-code', '--print'])?.print).toBe('yes');
  });
  it('finds claude behind a program wrapper (mise exec, sudo), and not a wrapper of something else', () => {
    expect(claudeInArgv(['mise', 'exec', 'node@22', '--', 'claude', '-p', 'hi'])?.print).toBe('yes');
    expect(claudeInArgv(['sudo', '-u', 'bot', '/usr/local/bin/claude', '--print', 'hi'])?.print).toBe('yes');
    expect(claudeInArgv(['mise', 'exec', '--', 'node', 'claude.js'])).toBeUndefined();
    expect(claudeInArgv(['mise', 'install', 'claude'])).toBeUndefined();
  });
  it('ignores other programs', () => {
    expect(claudeInArgv(['git', 'log'])).toBeUndefined();
    expect(claudeInArgv(['bash', '-lc', 'echo claude -p'])).toBeUndefined();
    expect(claudeInArgv(['npx', 'prettier', '--write', '.'])).toBeUndefined();
  });
});

describe('claudeInCommandLine', () => {
  it('reads variables set and removed for the run', () => {
    expect(claudeInCommandLine('CLAUDE_CODE_OAUTH_TOKEN=$TOKEN claude -p "x"')).toEqual({ print: 'yes', envSet: { CLAUDE_CODE_OAUTH_TOKEN: '$TOKEN' }, envUnset: [] });
    expect(claudeInCommandLine('env -u ANTHROPIC_API_KEY claude -p x')?.envUnset).toEqual(['ANTHROPIC_API_KEY']);
    expect(claudeInCommandLine('unset ANTHROPIC_API_KEY; claude -p x')?.envUnset).toEqual(['ANTHROPIC_API_KEY']);
    expect(claudeInCommandLine('ANTHROPIC_API_KEY= claude -p x')?.envUnset).toEqual(['ANTHROPIC_API_KEY']);
    expect(claudeInCommandLine('export CLAUDE_CODE_OAUTH_TOKEN=abc && claude -p x')?.envSet).toEqual({ CLAUDE_CODE_OAUTH_TOKEN: 'abc' });
  });
  it('finds the claude run among several commands', () => {
    expect(claudeInCommandLine('cd repo && git diff | claude -p "review this"')?.print).toBe('yes');
    expect(claudeInCommandLine('which claude')).toBeUndefined();
    expect(claudeInCommandLine('claude --version')?.print).toBe('no');
    expect(claudeInCommandLine('claude * "*"')?.print).toBe('unknown');
  });
});
