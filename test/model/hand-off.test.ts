import { describe, expect, it } from 'vitest';
import { judgeHandOff, type EntryPoint, type Location, type Reach, type Sink, type SinkContext } from '../../src/model/index.js';

const at = (line: number, column = 1, file?: string): Location => ({ line, column, endLine: line, endColumn: column + 5, ...(file && { file }) });
const reachFrom = (kind: EntryPoint['kind']): Reach => ({
  entry: { kind, framework: 'telegram-bot-api', label: 'telegram-bot-api handler `handleUpdate`', location: at(35, 19) },
  hops: [{ name: 'a.incoming <-', location: at(41, 7) }],
});
const cli: Sink = { kind: 'claude-cli', label: 'the `claude` CLI (a child process)', location: at(22, 14, 'internal/claude/runner.go'), apiKeyConfigured: false };
const plain: SinkContext = { configuresApiKey: false, envChanges: [] };
const verdicts = (sink: Sink, reach: Reach, context = plain) =>
  judgeHandOff(sink, reach, context).map(({ ruleName, messageId, tier, location }) => `${ruleName} ${messageId} ${tier} ${location.line}:${location.column}`);

describe('judgeHandOff', () => {
  it('a handler that hands off to a claude -p on the machine’s login is a surface, yellow at the handler, naming the hand-off and the call', () => {
    const [decision] = judgeHandOff(cli, reachFrom('chat'), plain);
    expect(decision).toMatchObject({ ruleName: 'no-multi-user-surface', messageId: 'surfaceReachesSubscription', tier: 'yellow', location: at(35, 19) });
    expect(decision?.data).toEqual({
      surface: 'telegram-bot-api handler `handleUpdate` (line 35) → `a.incoming <-` (line 41)',
      path: 'the `claude` CLI (a child process) in internal/claude/runner.go:22',
    });
    expect(decision?.related.map((related) => related.location.line)).toEqual([35, 41, 22]);
  });

  it('is yellow for a request handler too (the path is not proven), and nothing for a CLI’s own main', () => {
    expect(verdicts(cli, reachFrom('http'))).toEqual(['no-multi-user-surface surfaceReachesSubscription yellow 35:19']);
    expect(verdicts(cli, reachFrom('cli'))).toEqual([]);
  });

  it('counts a call that carries a subscription credential, whatever its kind, but not a caller’s own token', () => {
    const credential = { source: { origin: 'subscription', kind: 'oauth-beta', label: 'a bearer token sent with the OAuth beta' }, slot: 'bearer', location: at(171, 2, 'internal/ai/anthropic.go') } as const;
    const bearer: Sink = { kind: 'api-request', label: 'a request to Anthropic with the OAuth beta', location: credential.location, apiKeyConfigured: false, credential };
    expect(verdicts(bearer, reachFrom('chat'))).toEqual(['no-multi-user-surface surfaceReachesSubscription yellow 35:19']);
    const forwarded: Sink = { ...bearer, credential: { ...credential, source: { origin: 'caller', label: 'the caller’s Authorization header' } } };
    expect(verdicts(forwarded, reachFrom('chat'))).toEqual([]);
  });

  it('says nothing when the call has an API key, in its options or its environment, or is the OAuth login', () => {
    expect(verdicts({ ...cli, apiKeyConfigured: true }, reachFrom('chat'))).toEqual([]);
    expect(verdicts(cli, reachFrom('chat'), { configuresApiKey: true, envChanges: [] })).toEqual([]);
    expect(verdicts(cli, reachFrom('chat'), { configuresApiKey: false, envChanges: [{ kind: 'cloud-provider', location: at(3) }] })).toEqual([]);
    expect(verdicts({ ...cli, kind: 'oauth-endpoint', label: '/v1/oauth/token' }, reachFrom('http'))).toEqual([]);
  });
});
