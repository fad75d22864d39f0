import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/run.js';
import type { FileReport } from '../../src/scan/finding.js';
import { formatJson } from '../../src/report/json.js';

const REPOS = path.resolve(import.meta.dirname, '../../fixtures/repos');

/** `file line:column rule messageId severity` for every finding of a scan, in report order. */
function summary(reports: readonly FileReport[]): string[] {
  return reports.flatMap((report) =>
    report.findings.map((f) => `${report.relativePath} ${f.line}:${f.column} ${f.ruleId.replace('claude-auth/', '')} ${f.messageId} ${f.severity}`),
  );
}

/** `file line:column kind` for every diagnostic. */
function diagnostics(reports: readonly FileReport[]): string[] {
  return reports.flatMap((report) => report.diagnostics.map((d) => `${report.relativePath} ${d.line}:${d.column} ${d.kind}`));
}

describe('fixtures/repos/workflows', () => {
  it('reports ungated jobs on others’ events and third-party actions; gated and owner-only ones are green', async () => {
    const { reports } = await scan(['.'], { cwd: path.join(REPOS, 'workflows') });
    expect(summary(reports)).toEqual([
      // The broken workflow names the OAuth token: not analyzed, it is a yellow finding, not only a diagnostic.
      '.github/workflows/broken.yml 3:1 no-unanalyzed-code parseError 1',
      '.github/workflows/claude-team.yml 12:7 no-multi-user-surface workflowOnOthersEvents 1',
      '.github/workflows/claude-team.yml 28:11 no-multi-user-surface workflowOnOthersEvents 1',
      '.github/workflows/claude.yml 22:11 no-multi-user-surface workflowOnOthersEvents 1',
      '.github/workflows/pr-summary.yml 7:3 no-multi-user-surface workflowOnOthersEvents 1',
      '.github/workflows/release-notes.yml 15:11 no-multi-user-surface tokenToThirdPartyAction 1',
      '.github/workflows/triage.yml 19:36 no-embedded-token subscriptionToken 2',
    ]);
    expect(diagnostics(reports)).toEqual(['.github/workflows/broken.yml 3:1 parse-error']);
  });
});

describe('fixtures/repos/containers', () => {
  it('reports the image that bakes a login in and the public service that mounts one; the dev container is green', async () => {
    const { reports } = await scan(['.'], { cwd: path.join(REPOS, 'containers') });
    expect(summary(reports)).toEqual([
      'broken/docker-compose.yml 5:1 no-unanalyzed-code parseError 1',
      'broken/Dockerfile 2:1 no-unanalyzed-code parseError 1',
      'docker-compose.yml 8:29 no-credential-mount literalTokenEnv 2',
      'docker-compose.yml 10:9 no-credential-mount mountCredentials 2',
      'docker-compose.yml 18:20 no-embedded-token apiKey 1',
      'docker-compose.yml 26:9 no-credential-mount mountCredentials 2',
      'Dockerfile 12:29 no-credential-mount literalTokenEnv 2',
      'Dockerfile 13:24 no-credential-mount copyCredentials 2',
      'Dockerfile.sandbox 4:6 no-credential-mount copyCredentials 2',
      'k8s/agent.yaml 25:19 no-credential-mount mountCredentials 2',
    ]);
    expect(diagnostics(reports)).toEqual(['broken/docker-compose.yml 5:1 parse-error', 'broken/Dockerfile 2:1 parse-error']);
  });
});

describe('fixtures/repos/published-env', () => {
  it('marks what npm would publish, reads the git-ignored .env that `files` ships, and makes its credentials red', async () => {
    const { reports } = await scan(['.'], { cwd: path.join(REPOS, 'published-env') });
    expect(summary(reports)).toEqual([
      '.env 3:25 no-embedded-token publishedToken 2',
      '.env 4:20 no-embedded-token publishedToken 2',
      'packages/internal-tool/.env 1:19 no-embedded-token dotenvApiKey 1',
      'packages/sdk-helpers/.env 1:25 no-embedded-token dotenvSubscriptionToken 2',
      'support/.credentials.json 1:1 no-embedded-token publishedCredentialsFile 2',
      'support/.credentials.json 2:4 no-credential-store-read storedLoginKey 2',
      'support/.credentials.json 3:21 no-embedded-token publishedToken 2',
      'support/.credentials.json 4:22 no-embedded-token publishedToken 2',
    ]);
    const published = reports.flatMap((report) => report.findings.map((finding) => finding.publishedIn ?? '-'));
    expect(published).toEqual(['@acme/ticket-cli@2.1.0', '@acme/ticket-cli@2.1.0', '-', '-', ...Array(4).fill('@acme/ticket-cli@2.1.0')]);
    expect(reports[0]?.findings[0]?.message).toContain('published in the npm package @acme/ticket-cli@2.1.0');
  });
});

describe('fixtures/repos/demo-app (the workflow and container parts)', () => {
  it('reports the ungated assistant workflow and the staging stack that mounts ~/.claude; the rest of them is green', async () => {
    const { reports } = await scan(['.'], { cwd: path.join(REPOS, 'demo-app') });
    const mine = /^(\.github\/|Dockerfile|docker-compose\.yml)/;
    expect(summary(reports.filter((report) => mine.test(report.relativePath)))).toEqual([
      '.github/workflows/claude-assistant.yml 21:11 no-multi-user-surface workflowOnOthersEvents 1',
      'docker-compose.yml 12:9 no-credential-mount mountCredentials 2',
    ]);
  });
});

describe('fixtures/repos/acme-monorepo', () => {
  it('follows a workspace package and tsconfig `paths` from the handlers to the Claude calls, naming the hops; the CLI is green', async () => {
    const result = await scan(['.'], { cwd: path.join(REPOS, 'acme-monorepo') });
    const { reports } = result;
    expect(summary(reports)).toEqual([
      'apps/api/src/server.ts 11:1 no-oauth-token-proxy servesFromSubscription 2',
      'apps/slackbot/src/app.ts 6:1 no-multi-user-surface surfaceReachesSubscription 1',
      'apps/slackbot/src/lib/claude.ts 8:28 no-multi-user-surface surfaceReachesSubscription 1',
      'packages/agent/src/run-agent.ts 13:31 no-oauth-token-proxy servesFromSubscription 2',
    ]);
    const agent = reports.find((report) => report.relativePath === 'packages/agent/src/run-agent.ts')?.findings[0];
    // `@acme/agent` is packages/agent (its package.json name), through the barrel src/index.ts.
    expect(agent?.message).toContain('express `POST /v1/review` handler in apps/api/src/server.ts:11 → `runAgent` (apps/api/src/server.ts:13)');
    expect(agent?.flow?.map((step) => `${step.relativePath}:${step.line} ${step.message}`)).toEqual([
      'apps/api/src/server.ts:11 express `POST /v1/review` handler',
      'apps/api/src/server.ts:13 calls `runAgent`',
      'packages/agent/src/run-agent.ts:13 the Agent SDK’s `query()`',
    ]);
    // JSON carries the path too, with absolute paths as its files have.
    const json = JSON.parse(formatJson({ ...result, color: false })) as Array<{ filePath: string; messages: Array<{ flow?: Array<{ filePath: string; line: number; message: string }> }> }>;
    const atCall = json.find((file) => file.filePath.endsWith(path.join('packages', 'agent', 'src', 'run-agent.ts')))?.messages[0];
    expect(atCall?.flow?.map((step) => `${path.relative(path.join(REPOS, 'acme-monorepo'), step.filePath)}:${step.line} ${step.message}`)).toEqual([
      `${path.join('apps', 'api', 'src', 'server.ts')}:11 express \`POST /v1/review\` handler`,
      `${path.join('apps', 'api', 'src', 'server.ts')}:13 calls \`runAgent\``,
      `${path.join('packages', 'agent', 'src', 'run-agent.ts')}:13 the Agent SDK’s \`query()\``,
    ]);
    // `@/lib/claude` is the slackbot's src/lib/claude.ts, by its tsconfig `paths`.
    const slack = reports.find((report) => report.relativePath === 'apps/slackbot/src/lib/claude.ts')?.findings[0];
    expect(slack?.message).toContain('Slack `app.event` handler in apps/slackbot/src/app.ts:6 → `askClaude` (apps/slackbot/src/handlers/mention.ts:6)');
  });
});
