import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan, type ScanResult } from '../../src/scan/run.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const RULES = new Set(['claude-auth/no-agent-sdk-subscription-auth', 'claude-auth/no-oauth-token-proxy', 'claude-auth/no-multi-user-surface']);

/** The JS/TS findings of the three Claude-call rules, as `path:line:column rule tier messageId`. */
function claudeCallFindings(result: ScanResult): string[] {
  return result.reports.filter((report) => /\.[cm]?[jt]sx?$/.test(report.relativePath)).flatMap((report) =>
    report.findings
      .filter((finding) => RULES.has(finding.ruleId))
      .map((finding) => `${report.relativePath}:${finding.line}:${finding.column} ${finding.ruleId.replace('claude-auth/', '')} ${finding.tier} ${finding.messageId}`),
  );
}

function messagesOf(result: ScanResult, file: string): string[] {
  return result.reports.find((report) => report.relativePath === file)?.findings.map((finding) => finding.message) ?? [];
}

describe('scanner over the Claude-call fixtures', () => {
  it('reports the Slack bot’s calls in lib/claude.ts, naming the handler in bot.ts that reaches each', async () => {
    const result = await scan(['fixtures/repos/slack-bot'], { cwd: repoRoot });
    expect(claudeCallFindings(result)).toEqual([
      'fixtures/repos/slack-bot/bot.ts:13:1 no-multi-user-surface yellow surfaceReachesSubscription',
      'fixtures/repos/slack-bot/bot.ts:18:1 no-multi-user-surface yellow surfaceReachesSubscription',
      'fixtures/repos/slack-bot/lib/claude.ts:9:28 no-multi-user-surface yellow surfaceReachesSubscription',
      'fixtures/repos/slack-bot/lib/claude.ts:15:31 no-multi-user-surface yellow surfaceReachesSubscription',
    ]);
    const [cli, sdk] = messagesOf(result, 'fixtures/repos/slack-bot/lib/claude.ts');
    expect(cli).toContain('Slack `app.event` handler in fixtures/repos/slack-bot/bot.ts:13');
    expect(cli).toContain('`claude -p` (a child process)');
    expect(sdk).toContain('Slack `app.command` handler in fixtures/repos/slack-bot/bot.ts:18');
    expect(sdk).toContain('the Agent SDK’s `query()`');
    // The handlers are reported too, each naming the call it reaches.
    expect(messagesOf(result, 'fixtures/repos/slack-bot/bot.ts')[0]).toContain('`claude -p` (a child process) in fixtures/repos/slack-bot/lib/claude.ts:9');
  });

  it('follows an express route to an imported handler and on to the class that runs claude: a request handler on the login is red', async () => {
    const result = await scan(['fixtures/repos/openai-bridge'], { cwd: repoRoot });
    expect(claudeCallFindings(result)).toEqual([
      'fixtures/repos/openai-bridge/src/runner/cli-runner.ts:13:21 no-oauth-token-proxy red servesFromSubscription',
      'fixtures/repos/openai-bridge/src/server/index.ts:8:1 no-oauth-token-proxy red servesFromSubscription',
    ]);
    expect(messagesOf(result, 'fixtures/repos/openai-bridge/src/runner/cli-runner.ts')[0]).toContain(
      'express `POST /v1/chat/completions` handler in fixtures/repos/openai-bridge/src/server/index.ts:8',
    );
  });

  it('cannot see the bot when only the helper is scanned', async () => {
    const result = await scan(['fixtures/repos/slack-bot/lib'], { cwd: repoRoot });
    expect(claudeCallFindings(result)).toEqual([]);
  });

  it('reports the Next.js proxy’s forwarding and hand-out routes as red, and its own OAuth route not at all', async () => {
    const result = await scan(['fixtures/repos/next-claude-proxy'], { cwd: repoRoot });
    expect(claudeCallFindings(result)).toEqual([
      'fixtures/repos/next-claude-proxy/app/api/claude/session/route.ts:9:10 no-oauth-token-proxy red returnsCredential',
      'fixtures/repos/next-claude-proxy/app/api/v1/messages/route.ts:17:7 no-oauth-token-proxy red forwardsCredential',
    ]);
    expect(result.reports.map((report) => report.relativePath)).not.toContain('fixtures/repos/next-claude-proxy/app/v1/oauth/token/route.ts');
    const severities = result.reports.flatMap((report) => report.findings.filter((finding) => RULES.has(finding.ruleId)).map((finding) => finding.severity));
    expect(severities).toEqual([2, 2]);
  });

  it('leaves the personal CLI script green', async () => {
    const result = await scan(['fixtures/repos/personal-cli'], { cwd: repoRoot });
    expect(result.reports).toEqual([]);
    expect(result.filesWalked).toBe(3);
  });

  it('reports the demo app’s subscription authToken once, as red', async () => {
    const result = await scan(['fixtures/repos/demo-app'], { cwd: repoRoot });
    expect(claudeCallFindings(result)).toEqual(['fixtures/repos/demo-app/src/lib/claude.ts:7:21 no-agent-sdk-subscription-auth red authTokenFromOAuth']);
  });
});
