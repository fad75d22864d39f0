import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan/run.js';
import { makeRepo } from '../helpers/temp-repo.js';

const REPO = path.resolve(import.meta.dirname, '../../fixtures/repos/go-chat-relay');
const FILES = ['go.mod', 'cmd/relay/main.go', 'internal/auth/callback.go', 'internal/channels/telegram/adapter.go', 'internal/claude/runner.go', 'internal/relay/relay.go', 'internal/web/webhook.go'];

/** The fixture's files, some of them changed. */
function relayWith(changes: Record<string, string>): Record<string, string> {
  return { ...Object.fromEntries(FILES.map((file) => [file, readFileSync(path.join(REPO, file), 'utf8')])), ...changes };
}

async function findingsIn(cwd: string): Promise<string[]> {
  const result = await scan(['.'], { cwd });
  return result.reports.flatMap((report) =>
    report.findings.map((finding) => `${report.relativePath} ${finding.line}:${finding.column} ${finding.ruleId.replace('claude-auth/', '')} ${finding.messageId} ${finding.severity}`),
  );
}

describe('Go modules in a scan (fixtures/repos/go-chat-relay)', () => {
  it('reports the handlers that hand messages to the module’s claude -p through a channel or a goroutine, not the login callback whose channel is read beside it', async () => {
    expect(await findingsIn(REPO)).toEqual([
      // `a.incoming <- msg`: the relay reads the channel through Messages(), in another package.
      'internal/channels/telegram/adapter.go 35:19 no-multi-user-surface surfaceReachesSubscription 1',
      // `go h.Relay.Handle(…)`: a goroutine on another package's method.
      'internal/web/webhook.go 16:19 no-multi-user-surface surfaceReachesSubscription 1',
    ]);
    const result = await scan(['.'], { cwd: REPO });
    const telegram = result.reports.find((report) => report.relativePath.endsWith('adapter.go'))?.findings[0]?.message;
    expect(telegram).toContain('`handleUpdate` (line 35) → `a.incoming <-` (line 41)');
    expect(telegram).toContain('internal/claude/runner.go:22');
  });

  it('reports nothing when the claude -p of the module is given an API key', async () => {
    const runner = readFileSync(path.join(REPO, 'internal/claude/runner.go'), 'utf8')
      .replace('"os/exec"', '"os"\n\t"os/exec"')
      .replace('out, err := exec.CommandContext(ctx, claudeBin, args...).Output()', 'cmd := exec.CommandContext(ctx, claudeBin, args...)\n\tcmd.Env = append(os.Environ(), "ANTHROPIC_API_KEY="+os.Getenv("RELAY_ANTHROPIC_KEY"))\n\tout, err := cmd.Output()');
    expect(runner).toContain('ANTHROPIC_API_KEY=');
    expect(await findingsIn(await makeRepo(relayWith({ 'internal/claude/runner.go': runner })))).toEqual([]);
  });

  it('does not reach across go.mod: a bot in its own module hands off to no Claude call', async () => {
    const files = relayWith({ 'internal/channels/telegram/go.mod': 'module example.com/telegram-adapter\n\ngo 1.22\n' });
    expect(await findingsIn(await makeRepo(files))).toEqual(['internal/web/webhook.go 16:19 no-multi-user-surface surfaceReachesSubscription 1']);
  });
});
