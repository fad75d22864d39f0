import { describe, expect, it } from 'vitest';
import { emptyFacts, judgeFile, type EntryPoint, type FileFacts, type Location, type Sink } from '../../src/model/index.js';

const at = (line: number, column = 1): Location => ({ line, column, endLine: line, endColumn: column + 5 });
const entry = (kind: EntryPoint['kind'], label: string, line: number): EntryPoint => ({ kind, framework: label, label, location: at(line) });
const cli = (extra: Partial<Sink> = {}): Sink => ({ kind: 'claude-cli', label: '`claude -p` (a child process)', location: at(9, 3), apiKeyConfigured: false, ...extra });
const facts = (extra: Partial<FileFacts>): FileFacts => ({ ...emptyFacts(), ...extra });
const verdicts = (input: FileFacts) => judgeFile(input).map(({ ruleName, messageId, tier, location }) => `${ruleName} ${messageId} ${tier} ${location.line}:${location.column}`);

describe('judgeFile', () => {
  it('a request handler that reaches `claude -p` on the machine login is red, naming the handler and the hops', () => {
    const sink = cli({ reach: { entry: entry('http', 'express `POST /chat` handler', 40), hops: [{ name: 'runAgent', location: { ...at(12), file: 'src/agent.ts' } }] } });
    const [decision] = judgeFile(facts({ sinks: [sink] }));
    expect(decision).toMatchObject({ ruleName: 'no-oauth-token-proxy', messageId: 'servesFromSubscription', tier: 'red', location: at(9, 3) });
    expect(decision?.data.framework).toBe('express `POST /chat` handler → `runAgent` (src/agent.ts:12)');
    expect(decision?.related.map((related) => related.location.line)).toEqual([40, 12]);
  });

  it('a chat handler that reaches it is yellow; one person’s program is green', () => {
    expect(verdicts(facts({ sinks: [cli({ reach: { entry: entry('chat', 'Slack `app.message` handler', 13), hops: [] } })] }))).toEqual([
      'no-multi-user-surface surfaceReachesSubscription yellow 9:3',
    ]);
    expect(verdicts(facts({ sinks: [cli({ reach: { entry: entry('cli', 'main', 1), hops: [] } })] }))).toEqual([]);
    expect(verdicts(facts({ sinks: [cli()] }))).toEqual([]);
  });

  it('an API key anywhere in the program keeps a handler green', () => {
    const sink = cli({ reach: { entry: entry('chat', 'Discord listener', 4), hops: [] } });
    expect(verdicts(facts({ sinks: [sink], configuresApiKey: true }))).toEqual([]);
    expect(verdicts(facts({ sinks: [{ ...sink, apiKeyConfigured: true }] }))).toEqual([]);
    expect(verdicts(facts({ sinks: [sink], envChanges: [{ kind: 'cloud-provider', location: at(2) }] }))).toEqual([]);
  });

  it('a handed credential is red where it is handed: proxy inside a request handler, SDK auth elsewhere', () => {
    const credential = { source: { origin: 'subscription' as const, label: 'CLAUDE_CODE_OAUTH_TOKEN' }, slot: 'env' as const, location: at(7, 10) };
    expect(verdicts(facts({ sinks: [cli({ credential })] }))).toEqual(['no-agent-sdk-subscription-auth subscriptionEnv red 7:10']);
    const inHandler = cli({ credential, reach: { entry: entry('http', 'Next.js route handler', 1), hops: [] } });
    expect(verdicts(facts({ sinks: [inHandler] }))).toEqual(['no-oauth-token-proxy callsWithSubscription red 7:10']);
    const forwarded = cli({ credential: { ...credential, source: { origin: 'caller', label: 'the caller’s Authorization header' } }, reach: inHandler.reach });
    expect(verdicts(facts({ sinks: [forwarded] }))).toEqual(['no-oauth-token-proxy forwardsCredential red 7:10']);
    const bearer = { kind: 'api-request' as const, label: 'Anthropic’s Messages API', location: at(20), apiKeyConfigured: false, credential: { ...credential, slot: 'bearer' as const } };
    expect(verdicts(facts({ sinks: [bearer] }))).toEqual(['no-agent-sdk-subscription-auth subscriptionBearer red 7:10']);
  });

  it('environment changes are red when a subscription-capable call inherits them, and take over from the reach verdict', () => {
    const sink = cli({ reach: { entry: entry('chat', 'Telegram handler', 3), hops: [] } });
    const envChanges = [
      { kind: 'api-key-removed' as const, location: at(2) },
      { kind: 'oauth-token-injected' as const, location: at(5), source: { origin: 'subscription' as const, label: 'CLAUDE_CODE_OAUTH_TOKEN' } },
    ];
    expect(verdicts(facts({ sinks: [sink], envChanges }))).toEqual(['no-agent-sdk-subscription-auth apiKeyRemoved red 2:1', 'no-agent-sdk-subscription-auth subscriptionEnv red 5:1']);
    expect(verdicts(facts({ envChanges }))).toEqual([]);
  });

  it('a credential returned by a request handler is red; a caller’s own token echoed back is not', () => {
    const reach = { entry: entry('http', 'hono `GET /token` handler', 3), hops: [] };
    const returns = [
      { source: { origin: 'subscription' as const, label: 'the stored Claude Code login' }, location: at(6), reach },
      { source: { origin: 'caller' as const, label: 'the caller’s Authorization header' }, location: at(8), reach },
    ];
    expect(verdicts(facts({ returns }))).toEqual(['no-oauth-token-proxy returnsCredential red 6:1']);
  });
});
