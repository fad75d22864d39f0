/**
 * One finding per fact (src/scan/group.ts): the same rule and message repeated in one file is one
 * finding with its other places, in every format; fingerprints and baselines keep working on places.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ANALYZER_SETUP } from '../../src/files/index.js';
import { analyzeText } from '../../src/scan/analyze.js';
import { classify } from '../../src/scan/classify.js';
import { groupByFact } from '../../src/scan/group.js';
import { runCli } from '../helpers/run-cli.js';
import { plantToken, tempDir } from '../helpers/scan-helpers.js';

const token = plantToken('oat01', 7);
const other = plantToken('oat01', 8);
/** A test file that handles the stored login's key three times and holds two tokens, one twice. */
const SPEC = [
  "import { readLogin } from '../src/login';",
  '',
  "it('reads the access token', () => {",
  `  const creds = { claudeAiOauth: { accessToken: '${token}' } };`,
  '  expect(readLogin(creds)).toBe(creds.claudeAiOauth.accessToken);',
  '});',
  "it('refreshes', () => {",
  `  const creds = { claudeAiOauth: { accessToken: '${token}', refreshToken: '${other}' } };`,
  '  expect(readLogin(creds).refreshToken).toBeDefined();',
  '});',
  '',
].join('\n');

describe('groupByFact', () => {
  it('keeps one finding per rule and message, with the other places in position order', () => {
    const findings = analyzeText(SPEC, 'test/login.test.ts', 'js').findings;
    const grouped = groupByFact(findings);
    expect(grouped.length).toBeLessThan(findings.length);
    const first = grouped.find((finding) => finding.message.includes(token.slice(-4)));
    expect(first?.line).toBe(4);
    expect(first?.occurrences?.map((place) => place.line)).toEqual([8]);
    // The first place keeps the fingerprint it has on its own; each other place keeps its own.
    const ownFingerprints = findings.filter((finding) => finding.message === first?.message).map((finding) => finding.fingerprint);
    expect([first?.fingerprint, ...(first?.occurrences ?? []).map((place) => place.fingerprint)]).toEqual(ownFingerprints);
    expect(grouped.find((finding) => finding.message.includes(other.slice(-4)))?.occurrences).toBeUndefined();
  });
});

describe('facts are grouped within one function', () => {
  // As a scan does before it analyzes a file of a kind: otherwise the analyzer fails (and says so, in a finding).
  beforeAll(async () => {
    for (const path of ['lib/login.rb', 'bin/sync.sh', 'store.go']) await ANALYZER_SETUP[classify(path)]?.();
  });
  const grouped = (path: string, text: string): number[][] =>
    groupByFact(analyzeText(text, path, classify(path)).findings).map((finding) => [finding.line, ...(finding.occurrences ?? []).map((place) => place.line)]);

  it.each([
    ['Ruby', 'lib/login.rb', ['class Login', '  def read', '    File.read(File.expand_path("~/.claude/.credentials.json"))', '    File.exist?(File.expand_path("~/.claude/.credentials.json"))', '  end', '', '  def copy(dest)', '    FileUtils.cp(File.expand_path("~/.claude/.credentials.json"), dest)', '  end', 'end', '']],
    ['shell', 'bin/sync.sh', ['for slot in a b; do', '  security find-generic-password -s "Claude Code-credentials" -a "$slot" -w', '  security find-generic-password -s "Claude Code-credentials" -a "$slot-2" -w', 'done', 'security find-generic-password -s "Claude Code-credentials" -w', '']],
    ['Go', 'store.go', ['package store', '', 'func Read() {', '\tsvc := "Claude Code-credentials"', '\tsvc2 := "Claude Code-credentials"', '}', '', 'func (s *Store) Write(', '\tdata []byte,', ') {', '\tsvc := "Claude Code-credentials"', '}', '']],
  ])('%s', (_kind, path, lines) => {
    const text = lines.join('\n');
    const [first, second] = grouped(path, text);
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
  });
});

describe('grouped findings in the reports', () => {
  async function repo(text = SPEC): Promise<string> {
    const root = await tempDir();
    await writeFile(path.join(root, 'login.test.ts'), text);
    return root;
  }

  it('JSON has count and occurrences, stylish (×n), SARIF relatedLocations', async () => {
    const root = await repo();
    const [report] = JSON.parse((await runCli(['-f', 'json', '.'], root)).stdout) as { messages: { line: number; message: string; count?: number; occurrences?: { line: number }[] }[] }[];
    const repeated = report?.messages.find((message) => message.message.includes(token.slice(-4)));
    expect(repeated).toMatchObject({ line: 4, count: 2, occurrences: [{ line: 8, column: expect.any(Number) as number }] });

    expect((await runCli(['.'], root)).stdout).toMatch(/4:\d+ +error +red +.*…\w{4}\)?.* \(×2\)/);

    const sarif = JSON.parse((await runCli(['-f', 'sarif', '.'], root)).stdout) as {
      runs: { results: { message: { text: string }; relatedLocations?: { id: number; physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    const result = sarif.runs[0]?.results.find((candidate) => candidate.message.text.includes(token.slice(-4)));
    expect(result?.relatedLocations?.map((location) => [location.id, location.physicalLocation.region.startLine])).toEqual([[1, 8]]);
  });

  it('a baseline written from places stays valid: moved lines add nothing, a new place of a known fact is new', async () => {
    const root = await repo();
    expect((await runCli(['--write-baseline', 'baseline.json', '.'], root)).code).toBe(0);
    await writeFile(path.join(root, 'login.test.ts'), `// moved down\n\n${SPEC}`);
    expect((await runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], root)).code).toBe(0);

    await writeFile(path.join(root, 'login.test.ts'), `${SPEC}const again = '${token}';\n`);
    const run = await runCli(['--baseline', 'baseline.json', '-f', 'json', '.'], root);
    const [report] = JSON.parse(run.stdout) as { messages: { line: number; count?: number }[] }[];
    expect(report?.messages.map((message) => [message.line, message.count])).toEqual([[11, undefined]]);
  });
});
