import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { KNOWN_RULE_NAMES } from '../../src/rule-names.js';
import { runCli } from '../helpers/run-cli.js';
import { DEMO_APP, jsonFindings, tempDir } from '../helpers/scan-helpers.js';

/**
 * The SARIF 2.1.0 schema (JSON Schema draft-04) as Microsoft publishes it in @microsoft/jest-sarif,
 * the SARIF SDK's own matchers.
 */
const SCHEMA_FILE = createRequire(import.meta.url).resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

async function sarifOf(root: string, ...paths: string[]): Promise<{ log: Sarif.Log; text: string }> {
  const { code, stdout } = await runCli(['--format', 'sarif', ...paths], root);
  expect(code).toBe(1);
  return { log: JSON.parse(stdout) as Sarif.Log, text: stdout };
}

let validate: (data: unknown) => boolean;
let schemaErrors: () => unknown;
beforeAll(async () => {
  // The schema's language-tag pattern is not valid with the `u` flag, which Ajv uses by default.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const compiled = ajv.compile(JSON.parse(await readFile(SCHEMA_FILE, 'utf8')) as object);
  validate = (data) => compiled(data);
  schemaErrors = () => compiled.errors;
});

describe('--format sarif', () => {
  it('validates against the SARIF 2.1.0 schema (and the validator does reject a broken log)', async () => {
    const { log } = await sarifOf(path.dirname(DEMO_APP), 'demo-app');
    expect(validate(log), JSON.stringify(schemaErrors(), null, 2)).toBe(true);
    const broken = structuredClone(log);
    (broken.runs[0]!.results![0] as { level: string }).level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('reports files not fully analyzed and invalid directives as tool execution notifications, still valid', async () => {
    const root = await tempDir();
    await writeFile(path.join(root, 'broken.ts'), "import { spawn } from 'node:child_process';\nconst = 'claude' (\n");
    await writeFile(path.join(root, 'run.sh'), '# claude-auth-lint-disable-next-line no-embedded-token\nclaude -p hi\n');
    const { stdout } = await runCli(['--format', 'sarif'], root);
    const log = JSON.parse(stdout) as Sarif.Log;
    expect(validate(log), JSON.stringify(schemaErrors(), null, 2)).toBe(true);
    const notifications = log.runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notifications.map((notification) => [notification.descriptor?.id, notification.locations?.[0]?.physicalLocation?.artifactLocation?.uri])).toEqual([
      ['parse-error', 'broken.ts'],
      ['invalid-directive', 'run.sh'],
    ]);
  });

  it('describes the tool and every rule, and points each result at its rule, file and region', async () => {
    const { log } = await sarifOf(DEMO_APP);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    const driver = run.tool.driver;
    expect(driver).toMatchObject({ name: 'claude-auth-lint', version: expect.any(String), semanticVersion: expect.any(String), informationUri: expect.stringMatching(/^https:/) });
    expect(driver.rules?.map((rule) => rule.id)).toEqual(KNOWN_RULE_NAMES.map((name) => `claude-auth/${name}`));
    for (const rule of driver.rules ?? []) {
      expect(rule.shortDescription?.text).toMatch(/^(Disallow|Require|Enforce) /);
      expect(rule.fullDescription?.text.length).toBeGreaterThan(rule.shortDescription?.text.length ?? 0);
      expect(rule.helpUri).toMatch(/\/docs\/rules\/[a-z-]+\.md$/);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration?.level);
      expect(rule.properties?.tags).toContain('security');
      expect(['red', 'yellow']).toContain(rule.properties?.tier);
    }

    const results = run.results ?? [];
    const expected = jsonFindings((await runCli(['--format', 'json'], DEMO_APP)).stdout, DEMO_APP);
    expect(results.map((result) => {
      const location = result.locations?.[0]?.physicalLocation;
      return `${location?.artifactLocation?.uri}:${location?.region?.startLine}:${location?.region?.startColumn} ${result.ruleId} ${result.level}`;
    })).toEqual(expected.map((finding) => `${finding.path}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.severity === 2 ? 'error' : 'warning'}`));
    for (const result of results) {
      expect(driver.rules?.[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
      const location = result.locations?.[0]?.physicalLocation;
      expect(location?.artifactLocation?.uriBaseId).toBe('%SRCROOT%');
      expect(location?.region?.startLine).toBeGreaterThan(0);
      expect(location?.region?.endColumn).toBeGreaterThan(0);
      expect(result.partialFingerprints?.['claudeAuthLint/v1']).toMatch(/^[0-9a-f]{32}$/);
    }
    const token = results.find((result) => result.ruleId === 'claude-auth/no-embedded-token' && result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'src/lib/config.ts');
    expect(token?.locations?.[0]?.physicalLocation?.region).toEqual({ startLine: 5, startColumn: 19, endLine: 5, endColumn: 127 });
  });

  it('keeps partial fingerprints when lines move, and contains no whole secret', async () => {
    const root = await tempDir(DEMO_APP);
    const before = await sarifOf(root);
    const configFile = path.join(root, 'src', 'lib', 'config.ts');
    const source = await readFile(configFile, 'utf8');
    const token = /'(sk-ant-oat01-[^']+)'/.exec(source)?.[1] ?? '';
    await writeFile(configFile, `\n\n${source}`);
    const after = await sarifOf(root);
    const fingerprints = (log: Sarif.Log) => log.runs[0]!.results!.map((result) => result.partialFingerprints?.['claudeAuthLint/v1']);
    expect(fingerprints(after.log)).toEqual(fingerprints(before.log));
    expect(new Set(fingerprints(before.log)).size).toBe(before.log.runs[0]!.results!.length);
    expect(token.length).toBeGreaterThan(100);
    expect(before.text).not.toContain(token.slice(13));
  });
});

describe('--format sarif, a finding reached across files', () => {
  it('carries the path from the entry point to the Claude call as a code flow and related locations, and stays valid', async () => {
    const { log } = await sarifOf(path.resolve(import.meta.dirname, '../../fixtures/repos/acme-monorepo'));
    expect(validate(log), JSON.stringify(schemaErrors(), null, 2)).toBe(true);
    const atCall = log.runs[0]!.results!.find((result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'packages/agent/src/run-agent.ts');
    const place = (location: Sarif.Location | undefined) =>
      `${location?.physicalLocation?.artifactLocation?.uri}:${location?.physicalLocation?.region?.startLine} ${location?.message?.text}`;
    const steps = [
      'apps/api/src/server.ts:11 express `POST /v1/review` handler',
      'apps/api/src/server.ts:13 calls `runAgent`',
      'packages/agent/src/run-agent.ts:13 the Agent SDK’s `query()`',
    ];
    expect(atCall?.codeFlows?.[0]?.threadFlows[0]?.locations.map((step) => place(step.location))).toEqual(steps);
    expect(atCall?.codeFlows?.[0]?.threadFlows[0]?.locations.map((step) => step.executionOrder)).toEqual([1, 2, 3]);
    expect(atCall?.relatedLocations?.map(place)).toEqual(steps);
    expect(atCall?.relatedLocations?.map((location) => location.id)).toEqual([1, 2, 3]);
  });
});

describe('--format sarif, a finding reached through the file’s own functions', () => {
  it('carries the handler and each call as a code flow in the same file', async () => {
    const root = await tempDir();
    await writeFile(
      path.join(root, 'server.ts'),
      `import express from 'express';
import { query } from '@anthropic-ai/claude-agent-sdk';

const app = express();

async function runReview(diff: string) {
  const out: string[] = [];
  for await (const m of query({ prompt: \`Review:\\n\${diff}\` })) if (m.type === 'result') out.push(m.result);
  return out.join('\\n');
}

const review = async (diff: string) => runReview(diff);

app.post('/review', async (req, res) => {
  res.json({ text: await review(req.body.diff) });
});
`,
    );
    const { log } = await sarifOf(root);
    expect(validate(log), JSON.stringify(schemaErrors(), null, 2)).toBe(true);
    const [result] = log.runs[0]!.results!;
    expect(result?.message.text).toContain('express `POST /review` handler → `review` (line 15) → `runReview` (line 12)');
    expect(result?.codeFlows?.[0]?.threadFlows[0]?.locations.map(({ location }) => `${location?.physicalLocation?.artifactLocation?.uri}:${location?.physicalLocation?.region?.startLine} ${location?.message?.text}`)).toEqual([
      'server.ts:14 express `POST /review` handler',
      'server.ts:15 calls `review`',
      'server.ts:12 calls `runReview`',
      'server.ts:8 the Agent SDK’s `query()`',
    ]);
  });
});
