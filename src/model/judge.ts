/**
 * The judge: the one place where facts (src/model/facts.ts) become findings decisions. Every rule,
 * tier and precedence decision about Claude calls lives here, once, for every language: the ESLint
 * rules, the Python/Go/Ruby/shell front ends and the scanner's cross-file pass only extract facts
 * and report what this module decides.
 *
 * The policy behind it (policy.md; Claude Code "Legal and compliance" and "Authentication" pages):
 * one human, one subscription, one beneficiary. A subscription credential handed to Claude by code
 * is red; a request handler (anyone on the network) that reaches a Claude call that runs on the
 * machine's login is red; a chat handler (anyone in the channel) that does is yellow; the same
 * call in one person's own program is green.
 *
 * @packageDocumentation
 */
import type { Tier } from '../detect/tier.js';
import type { RuleName } from '../rule-names.js';
import type { CredentialSource, EnvChange, FileFacts, Location, Reach, Sink, SinkKind } from './facts.js';

/** Every decision the judge can make: the rule and messageId it reports, and the tier. */
export const VERDICTS = {
  /** A subscription credential handed to the Agent SDK or the CLI (env, command line). */
  subscriptionEnv: { ruleName: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionEnv', tier: 'red' },
  /** The Anthropic SDK's `authToken` from a subscription source. */
  authTokenFromOAuth: { ruleName: 'no-agent-sdk-subscription-auth', messageId: 'authTokenFromOAuth', tier: 'red' },
  /** A subscription credential sent as a bearer token to Anthropic's API or OAuth endpoints. */
  subscriptionBearer: { ruleName: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionBearer', tier: 'red' },
  /** `ANTHROPIC_API_KEY` removed before a subscription-capable call runs. */
  apiKeyRemoved: { ruleName: 'no-agent-sdk-subscription-auth', messageId: 'apiKeyRemoved', tier: 'red' },
  /** A request handler calls Claude with this machine's subscription credential. */
  callsWithSubscription: { ruleName: 'no-oauth-token-proxy', messageId: 'callsWithSubscription', tier: 'red' },
  /** A request handler forwards its caller's subscription credential to Anthropic. */
  forwardsCredential: { ruleName: 'no-oauth-token-proxy', messageId: 'forwardsCredential', tier: 'red' },
  /** A request handler returns a subscription credential. */
  returnsCredential: { ruleName: 'no-oauth-token-proxy', messageId: 'returnsCredential', tier: 'red' },
  /** A request handler reaches a Claude call that runs on the machine's login (no API key). */
  servesFromSubscription: { ruleName: 'no-oauth-token-proxy', messageId: 'servesFromSubscription', tier: 'red' },
  /** A request handler reaches Claude Code's OAuth login: the service offers "log in with Claude". */
  offersClaudeLogin: { ruleName: 'no-oauth-token-proxy', messageId: 'offersClaudeLogin', tier: 'red' },
  /** A chat, CI or queue handler reaches a Claude call that runs on the machine's login. */
  surfaceReachesSubscription: { ruleName: 'no-multi-user-surface', messageId: 'surfaceReachesSubscription', tier: 'yellow' },
} as const satisfies Record<string, { ruleName: RuleName; messageId: string; tier: Tier }>;

/** The name of a verdict: {@link VERDICTS}' keys. */
export type VerdictName = keyof typeof VERDICTS;

/** A location with a message, for SARIF `relatedLocations` (the entry point and the hops). */
export interface RelatedLocation {
  location: Location;
  message: string;
}

/** What the judge decides: report this rule's message here, with this tier. */
export interface Decision {
  ruleName: RuleName;
  messageId: string;
  tier: Tier;
  /** Where to report (in the judged file, unless `location.file` says otherwise). */
  location: Location;
  /** The message's `{{placeholders}}`. */
  data: Record<string, string>;
  /** The entry point and hops that lead here, first to last. */
  related: RelatedLocation[];
}

/** What a sink's verdict depends on beyond the sink itself: the rest of the program it runs in. */
export interface SinkContext {
  /** The code around the sink configures an API key (reads `ANTHROPIC_API_KEY`, selects a cloud provider). */
  configuresApiKey: boolean;
  /** Environment changes the sink inherits (its file's process-environment changes). */
  envChanges: readonly EnvChange[];
}

/** Sinks that fall back to the machine's stored login when no API key is set. */
const SUBSCRIPTION_CAPABLE: ReadonlySet<SinkKind> = new Set(['agent-sdk', 'claude-cli']);

/** True when a sink runs on a subscription login whenever no API key is set: the Agent SDK and the CLI. */
export function isSubscriptionCapable(sink: Pick<Sink, 'kind'>): boolean {
  return SUBSCRIPTION_CAPABLE.has(sink.kind);
}

function decide(verdict: VerdictName, location: Location, data: Record<string, string>, reach?: Reach): Decision {
  const { ruleName, messageId, tier } = VERDICTS[verdict];
  return { ruleName, messageId, tier, location, data, related: reach ? relatedOf(reach) : [] };
}

/** Where a place is, for messages: `line 12` in the judged file, `src/bot.ts:12` in another. */
function placeOf(location: Location): string {
  return location.file ? `${location.file}:${location.line}` : `line ${location.line}`;
}

/**
 * The path from an entry point to a call, for messages: "Slack `app.message` handler (line 13)",
 * "express `POST /chat` handler in src/server.ts:40 → `runAgent` (line 12)".
 *
 * @param reach - the entry point and hops
 * @param sameFileLine - name the line of an entry point in the judged file (request-handler
 *   messages say "This <handler>", where a line would read oddly)
 */
export function describeReach(reach: Reach, sameFileLine = true): string {
  const { entry } = reach;
  const head = entry.location.file ? `${entry.label} in ${placeOf(entry.location)}` : sameFileLine ? `${entry.label} (line ${entry.location.line})` : entry.label;
  return [head, ...reach.hops.map((hop) => `\`${hop.name}\` (${placeOf(hop.location)})`)].join(' → ');
}

function relatedOf(reach: Reach): RelatedLocation[] {
  return [{ location: reach.entry.location, message: reach.entry.label }, ...reach.hops.map((hop) => ({ location: hop.location, message: `calls \`${hop.name}\`` }))];
}

/** True when the environment the sink inherits already carries a red change (reported at the change). */
function inheritsRedChange(context: SinkContext): boolean {
  return context.envChanges.some((change) => !change.conditional && (change.kind === 'oauth-token-injected' || change.kind === 'api-key-removed'));
}

/** True when the environment the sink inherits has an API key or a cloud provider. */
function inheritsApiKey(context: SinkContext): boolean {
  return context.configuresApiKey || context.envChanges.some((change) => change.kind === 'api-key-set' || change.kind === 'cloud-provider' || change.kind === 'api-key-helper');
}

/**
 * The decisions about one sink: a credential handed to it, its API key removed, or an entry point
 * that reaches it while it runs on the machine's login. Precedence: a handed credential or a removed
 * key is red wherever it is (inside a request handler as no-oauth-token-proxy, the graver finding,
 * else no-agent-sdk-subscription-auth); only a sink with neither, no API key and no red change in
 * its environment gets a reach verdict (request handler red, chat/CI/queue handler yellow).
 *
 * @param sink - the sink, with `reach` set when an entry point reaches it
 * @param context - what the sink inherits
 */
export function judgeSink(sink: Sink, context: SinkContext): Decision[] {
  const decisions: Decision[] = [];
  const { credential, reach } = sink;
  const http = reach?.entry.kind === 'http' ? reach : undefined;
  if (credential) {
    const { source, location } = credential;
    if (http) {
      decisions.push(decide(source.origin === 'caller' ? 'forwardsCredential' : 'callsWithSubscription', location, { framework: describeReach(http, false), source: source.label }, http));
    } else if (source.origin === 'subscription') {
      const verdict = credential.slot === 'auth-token' ? 'authTokenFromOAuth' : credential.slot === 'bearer' ? 'subscriptionBearer' : 'subscriptionEnv';
      decisions.push(decide(verdict, location, { callee: sink.label, source: source.label }, reach));
    }
  }
  if (sink.apiKeyRemoved) decisions.push(decide('apiKeyRemoved', sink.apiKeyRemoved, { callee: sink.label }, reach));
  // Claude Code's OAuth login is reported where it appears (no-claude-code-impersonation); behind a request handler it is a login offered to others.
  if (sink.kind === 'oauth-endpoint') return http ? [decide('offersClaudeLogin', sink.location, { framework: describeReach(http, false), path: sink.label }, http)] : [];
  if (decisions.length > 0 || !reach || !isSubscriptionCapable(sink) || sink.apiKeyConfigured) return decisions;
  if (inheritsApiKey(context) || inheritsRedChange(context)) return decisions;
  if (http) return [decide('servesFromSubscription', sink.location, { framework: describeReach(http, false), path: sink.label }, http)];
  if (reach.entry.kind !== 'cli') decisions.push(decide('surfaceReachesSubscription', sink.location, { surface: describeReach(reach), path: sink.label }, reach));
  return decisions;
}

/**
 * True when only reach decides about a sink: it runs on the machine's login (subscription-capable,
 * no API key in its options or environment) and nothing about it is red already. Such a sink is a
 * finding exactly when an entry point reaches it, possibly from another file.
 *
 * @param sink - the sink, `reach` ignored
 * @param context - what it inherits
 */
export function awaitsReach(sink: Sink, context: SinkContext): boolean {
  const alone: Sink = { ...sink };
  delete alone.reach;
  if (judgeSink(alone, context).length > 0) return false;
  if (sink.kind === 'oauth-endpoint') return true;
  return !sink.apiKeyConfigured && isSubscriptionCapable(sink) && !inheritsApiKey(context) && !inheritsRedChange(context);
}

/**
 * The decisions about a sink that an entry point of another file reaches (the scanner's cross-file
 * pass): the sink's verdict at the sink, naming the entry point, and the same verdict at the entry
 * point, naming the sink, so that a reader of either file sees the path.
 *
 * @param sink - the sink; `location.file` is its file
 * @param reach - the entry point (`location.file` its file) and hops
 * @param context - what the sink inherits in its own file
 */
export function judgeCrossFileReach(sink: Sink, reach: Reach, context: SinkContext): { atSink: Decision[]; atEntry: Decision[] } {
  const atSink = judgeSink({ ...sink, reach }, context).map((decision) => ({ ...decision, location: sink.location }));
  const entryHere: Reach = { entry: { ...reach.entry, location: { ...reach.entry.location } }, hops: reach.hops };
  delete entryHere.entry.location.file;
  const path = `${sink.label} in ${placeOf(sink.location)}`;
  const atEntry = atSink.map((decision): Decision => {
    const data: Record<string, string> = 'surface' in decision.data ? { surface: describeReach(entryHere), path } : { ...decision.data, framework: describeReach(entryHere, false), path };
    return { ...decision, location: reach.entry.location, data, related: [{ location: sink.location, message: sink.label }] };
  });
  return { atSink, atEntry };
}

/**
 * The decisions about environment changes: a subscription token injected into, or the API key
 * removed from, the environment that a subscription-capable sink of the same program runs in.
 *
 * @param changes - the changes
 * @param sinks - the sinks that inherit them
 */
export function judgeEnvChanges(changes: readonly EnvChange[], sinks: readonly Sink[]): Decision[] {
  const runner = sinks.find((sink) => isSubscriptionCapable(sink) && !sink.apiKeyConfigured);
  if (!runner) return [];
  const decisions: Decision[] = [];
  for (const change of changes) {
    if (change.kind === 'oauth-token-injected' && change.source) {
      decisions.push(decide('subscriptionEnv', change.location, { callee: runner.label, source: change.source.label }));
    } else if (change.kind === 'api-key-removed') {
      decisions.push(decide('apiKeyRemoved', change.location, { callee: runner.label }));
    }
  }
  return decisions;
}

/**
 * The decision about a credential handed back to whoever triggered a request handler.
 *
 * @param source - the credential (only this machine's own count: echoing a caller's token is not handing one out)
 * @param location - the response
 * @param reach - the handler
 */
export function judgeReturn(source: CredentialSource, location: Location, reach: Reach): Decision[] {
  if (source.origin !== 'subscription' || reach.entry.kind !== 'http') return [];
  return [decide('returnsCredential', location, { framework: describeReach(reach, false), source: source.label }, reach)];
}

function locationKey(decision: Decision): string {
  const { location } = decision;
  return `${decision.ruleName}:${location.file ?? ''}:${location.line}:${location.column}`;
}

/**
 * All decisions about one file's facts, each (rule, location) once, in the order found.
 *
 * @param facts - the file's facts, with each sink's and return's `reach` filled in
 */
export function judgeFile(facts: FileFacts): Decision[] {
  const context: SinkContext = { configuresApiKey: facts.configuresApiKey, envChanges: facts.envChanges };
  const all = [
    ...facts.sinks.flatMap((sink) => judgeSink(sink, context)),
    ...judgeEnvChanges(facts.envChanges, facts.sinks),
    ...facts.returns.flatMap((entry) => judgeReturn(entry.source, entry.location, entry.reach)),
  ];
  const seen = new Set<string>();
  return all.filter((decision) => {
    const key = locationKey(decision);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The decision at an entry point that hands what it receives to code the front end does not follow
 * (a Go channel send or goroutine: whoever receives is somewhere in the module), when the program
 * holds a Claude call that runs on a subscription: on the machine's login ({@link awaitsReach}) or
 * with a subscription credential handed to it (that call is red where it is). The path is
 * over-approximated, so the verdict is the surface one, yellow, at the entry point only, whatever
 * kind of entry it is (a CLI's own `main` excepted): an unproven path is no red, and a silent miss
 * is worse than a yellow.
 *
 * @param sink - the call; `location.file` is its file
 * @param reach - the entry point (in the judged file) and the hops to the hand-off
 * @param context - what the call inherits in its own file
 */
export function judgeHandOff(sink: Sink, reach: Reach, context: SinkContext): Decision[] {
  if (reach.entry.kind === 'cli' || sink.kind === 'oauth-endpoint') return [];
  const alone: Sink = { ...sink };
  delete alone.reach;
  const onSubscription = sink.credential?.source.origin === 'subscription' || sink.apiKeyRemoved !== undefined || awaitsReach(alone, context);
  if (!onSubscription) return [];
  const path = `${sink.label} in ${placeOf(sink.location)}`;
  return [{ ...decide('surfaceReachesSubscription', reach.entry.location, { surface: describeReach(reach), path }, reach), related: [...relatedOf(reach), { location: sink.location, message: sink.label }] }];
}
