import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scan/analyze.js';
import { runCli } from '../helpers/run-cli.js';
import { DEMO_APP, jsonFindings, plantToken, tempDir } from '../helpers/scan-helpers.js';

const CONFIG_FILE = path.join('src', 'lib', 'config.ts');
const DEMO_TOKEN_LINE = /^ {2}fallbackToken: '(sk-ant-[^']+)',$/m;

async function edit(root: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(root, file);
  await writeFile(target, change(await readFile(target, 'utf8')));
}

describe('fingerprints', () => {
  const token = plantToken('oat01', 2);
  const fingerprints = (text: string) => analyzeText(text, 'src/a.ts', 'js').findings.map((finding) => finding.fingerprint);

  it('do not change when lines are inserted above or the code is re-indented', () => {
    const before = fingerprints(`const a = '${token}';\n`);
    expect(fingerprints(`// header\n\n    const a = '${token}';\n`)).toEqual(before);
  });

  it('differ for another token, and for a second occurrence of the same one', () => {
    const [first, second] = fingerprints(`const a = '${token}';\nconst b = '${token}';\n`);
    expect(first).not.toEqual(second);
    expect(fingerprints(`const a = '${plantToken('oat01', 3)}';\n`)).not.toContain(first);
  });

  it('never contain the matched text', () => {
    const [fingerprint] = fingerprints(`const a = '${token}';\n`);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('--write-baseline and --baseline', () => {
  it('records every finding, survives a blank line above a finding, reports a changed token, lists stale entries', async () => {
    const root = await tempDir(DEMO_APP);
    const current = jsonFindings((await runCli(['--format', 'json', '.'], root)).stdout, root);
    expect(current.length).toBeGreaterThan(1);
    const written = await runCli(['--write-baseline', 'baseline.json', '.'], root);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`claude-auth-lint: wrote ${current.length} findings to baseline.json\n`);

    const baselineText = await readFile(path.join(root, 'baseline.json'), 'utf8');
    const baseline = JSON.parse(baselineText) as { version: number; entries: { ruleId: string; path: string; fingerprint: string }[] };
    expect(baseline.version).toBe(1);
    expect(baseline.entries.map((entry) => `${entry.path} ${entry.ruleId}`).sort()).toEqual(current.map((finding) => `${finding.path} ${finding.ruleId}`).sort());
    expect(baseline.entries.map((entry) => Object.keys(entry))).toEqual(baseline.entries.map(() => ['ruleId', 'path', 'fingerprint']));
    const order = baseline.entries.map((entry) => `${entry.path}\0${entry.ruleId}\0${entry.fingerprint}`);
    expect(order).toEqual([...order].sort((a, b) => a.localeCompare(b)));
    const demoToken = DEMO_TOKEN_LINE.exec(await readFile(path.join(root, CONFIG_FILE), 'utf8'))?.[1] ?? '';
    expect(demoToken).toMatch(/^sk-ant-oat01-/);
    expect(baselineText).not.toContain(demoToken.slice(13));

    // A blank line (and a comment) inserted above the finding: nothing new.
    await edit(root, CONFIG_FILE, (text) => `// Settings\n\n${text}`);
    const unchanged = await runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], root);
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout)).toEqual([]);
    expect(unchanged.stderr).toBe('');

    // Another token in its place: a new finding, and the old entry is stale.
    const replacement = plantToken('oat01', 4);
    await edit(root, CONFIG_FILE, (text) => text.replace(demoToken, replacement));
    const changed = await runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], root);
    expect(changed.code).toBe(1);
    const reports = JSON.parse(changed.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    expect(reports.map((report) => [path.relative(root, report.filePath), report.messages.map((message) => [message.ruleId, message.line])])).toEqual([
      [CONFIG_FILE, [['claude-auth/no-embedded-token', 7]]],
    ]);
    expect(changed.stderr).toContain('1 baseline entry matches no finding any more');
    expect(changed.stderr).toContain('src/lib/config.ts  claude-auth/no-embedded-token');

    // The token removed: nothing to report, the entry still stale.
    await edit(root, CONFIG_FILE, (text) => text.replace(replacement, ''));
    const removed = await runCli(['--baseline', 'baseline.json', '.'], root);
    expect(removed.code).toBe(0);
    expect(removed.stderr).toContain('1 baseline entry matches no finding any more');
    for (const output of [written, unchanged, changed, removed]) {
      expect(`${output.stdout}${output.stderr}`).not.toContain(demoToken.slice(13));
      expect(`${output.stdout}${output.stderr}`).not.toContain(replacement.slice(13));
    }
  });

  it('does not call entries stale that lie outside the scanned paths', async () => {
    const root = await tempDir(DEMO_APP);
    await runCli(['--write-baseline', 'baseline.json'], root);
    const partial = await runCli(['--baseline', 'baseline.json', 'src'], root);
    expect(partial.code).toBe(0);
    expect(partial.stderr).toBe('');
  });

  it('rejects a file that is not a baseline with exit code 2', async () => {
    const root = await tempDir(DEMO_APP);
    await writeFile(path.join(root, 'baseline.json'), '{"entries": []}');
    const result = await runCli(['--baseline', 'baseline.json'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a version 1 claude-auth-lint baseline');
    expect((await runCli(['--baseline', 'missing.json'], root)).code).toBe(2);
  });
});
