import { describe, expect, it } from 'vitest';
import { PROCESS_STARTERS } from '../../src/detect/claude-entry-points.js';
import { RULE_TRIGGERS, ruleGateOpens } from '../../src/detect/triggers.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { RULE_NAMES } from '../../src/rule-names.js';

/** The rules whose gate opens on a text. */
const openGates = (text: string): string[] => RULE_NAMES.filter((name) => ruleGateOpens(name, text));

describe('ruleGateOpens: trigger words and their companions', () => {
  it('opens no rule on `claude` as a word of a link or a model name when nothing starts a process', () => {
    const docs = "// Setup: see https://docs.example.dev/guides/claude and the 'claude' provider page\nexport const provider = { id: 'claude', label: 'Claude' };\n";
    expect(openGates(docs)).toEqual([]);
  });

  it('opens the CLI rules on `claude` beside any process starter, however it is imported or called', () => {
    const starters = [
      "import { spawn } from 'node:child_process';\nspawn('/usr/local/bin/claude', ['-p', prompt]);\n",
      "const cp = require('child_process');\ncp.execFileSync(CLAUDE_BIN, ['-p', prompt]);\n",
      "import { execa } from 'execa';\nawait execa('claude', ['-p', prompt]);\n",
      'const out = await Bun.$`claude -p ${prompt}`.text();\n',
      "import * as pty from 'node-pty';\nterm.write('claude -p ' + prompt + '\\r');\n",
      "import spawn from 'cross-spawn';\nspawn('claude', ['--print', prompt]);\n",
    ];
    for (const text of starters) expect(openGates(text)).toEqual(expect.arrayContaining(['no-multi-user-surface', 'no-agent-sdk-subscription-auth', 'no-oauth-token-proxy']));
  });

  it('covers every process starter of the entry-point table: its module, or its global as called', () => {
    for (const [module, functions] of Object.entries(PROCESS_STARTERS)) {
      const calls = module === '<global>' ? Object.keys(functions).map((name) => `${name}\`claude -p hi\``) : [`import run from '${module}';\nrun('claude', ['-p', 'hi']);`];
      for (const call of calls) expect(ruleGateOpens('no-agent-sdk-subscription-auth', call), call).toBe(true);
    }
  });

  it('reads `Claude Code` as the keychain service only beside `credentials`, and as the system prompt only beside `official`', () => {
    const mention = "// Runs inside Claude Code's terminal\nexport const title = 'Claude Code helper';\n";
    expect(openGates(mention)).toEqual([]);
    const keychain = "execFileSync('security', ['find-generic-password', '-s', SERVICE + '-credentials', '-w']);\nconst SERVICE = 'Claude Code';\n";
    expect(openGates(keychain)).toEqual(expect.arrayContaining(['no-credential-store-read', 'no-oauth-token-proxy']));
    const prompt = "const system = 'You are Claude Code, ' + \"Anthropic's official CLI for Claude.\";\n";
    expect(openGates(prompt)).toContain('no-claude-code-impersonation');
  });

  it('reads `.claude/` as a mount only beside a launcher, testcontainers or the Docker Engine API', () => {
    expect(ruleGateOpens('no-credential-mount', "const settings = path.join(os.homedir(), '.claude/settings.json');\n")).toBe(false);
    expect(ruleGateOpens('no-credential-mount', "await execa('docker', ['run', '-v', `${home}/.claude/:/root/.claude/`, image]);\n")).toBe(true);
    expect(ruleGateOpens('no-credential-mount', "HostConfig: { Binds: [`${os.homedir()}/.claude:/home/node/.claude`] },\n")).toBe(true);
    expect(ruleGateOpens('no-credential-mount', "container.withBindMounts([{ source: join(home, '.claude'), target: '/root/.claude' }]);\n")).toBe(true);
  });

  it('never opens no-agent-sdk-subscription-auth on an Anthropic SDK import alone', () => {
    const client = "import Anthropic from '@anthropic-ai/sdk';\nexport const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });\n";
    expect(ruleGateOpens('no-agent-sdk-subscription-auth', client)).toBe(false);
    expect(ruleGateOpens('no-agent-sdk-subscription-auth', client.replace('apiKey', 'authToken'))).toBe(true);
  });

  it('opens a rule on any of its other trigger words alone', () => {
    for (const [name, words] of Object.entries(RULE_TRIGGERS)) {
      expect(ruleGateOpens(name, `const x = ${JSON.stringify(`${words.at(-1) ?? ''} ${words[0] ?? ''}`)};`), name).toBe(true);
    }
  });
});

describe('the scanner parses a JS/TS file only when some rule can report in it', () => {
  it('gives a file whose words open no gate no findings and no parse, even when it would not parse', () => {
    const broken = "// Docs: https://docs.example.dev/claude\nexport const links = { claude: '/claude' ;\n";
    const analysis = analyzeText(broken, 'src/links.ts', 'js');
    expect(analysis).toMatchObject({ findings: [], diagnostics: [], parsed: false });
    // With a process starter the same file goes to the parser, which reports the syntax error.
    const parsed = analyzeText(`import { spawn } from 'node:child_process';\n${broken}`, 'src/links.ts', 'js');
    expect(parsed.diagnostics.map((diagnostic) => diagnostic.kind)).toContain('parse-error');
  });
});
