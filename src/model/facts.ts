/**
 * The language-neutral facts every front end extracts from a file (ESTree for JS/TS, tree-sitter for
 * Python, Go, Ruby, shell), in the vocabulary of taint analysis: entry points (who can trigger the
 * code), credential sources, sinks (Claude calls), environment changes, and call edges. No syntax
 * tree node appears here: positions are 1-based lines and columns, so one judge
 * (src/model/judge.ts) decides for every language.
 *
 * @packageDocumentation
 */

/** A place in a file: 1-based line and column; `endLine`/`endColumn` exclusive, as in ESLint messages. */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The file, `/`-separated and relative to the scan root, when it is not the file being judged. */
  file?: string;
}

/**
 * Who can trigger an entry point: `http` (a route or request handler: anyone who can reach the
 * server), `chat` (a Slack/Discord/Telegram/WhatsApp handler: anyone in the channel), `ci` (a CI job
 * on other people's events), `queue` (a worker fed by others), `cli` (one person's own program).
 */
export type EntryPointKind = 'http' | 'chat' | 'ci' | 'queue' | 'cli';

/** A function that runs when someone triggers it. */
export interface EntryPoint {
  kind: EntryPointKind;
  /** The framework, as in src/model/tables.ts (`express`, `discord.js`, `FastAPI`). */
  framework: string;
  /** For messages: "express `POST /chat` handler", "Discord `messageCreate` listener". */
  label: string;
  /** Where the handler is registered (the registering call, decorator or export). */
  location: Location;
}

/** Whose credential: this machine's Claude login (`subscription`), or a token a caller sent in (`caller`). */
export type CredentialOrigin = 'subscription' | 'caller';

/**
 * What kind of source: the stored login file, the keychain item, an OAuth environment variable
 * (`CLAUDE_CODE_OAUTH_TOKEN`, `ANTHROPIC_AUTH_TOKEN`), an `sk-ant-oat` literal, the caller's
 * `Authorization` header, a per-user token from a store, a value checked for the OAuth prefix, a
 * bearer sent with the OAuth beta, or a value whose name says OAuth.
 */
export type CredentialKind =
  | 'stored-login'
  | 'keychain'
  | 'oauth-env'
  | 'token-literal'
  | 'caller-header'
  | 'per-user-store'
  | 'prefix-checked'
  | 'oauth-beta'
  | 'name-hint';

/** Where a credential comes from. */
export interface CredentialSource {
  origin: CredentialOrigin;
  kind?: CredentialKind;
  /** For messages: `CLAUDE_CODE_OAUTH_TOKEN`, `the stored Claude Code login`. Never a secret. */
  label: string;
}

/**
 * A Claude call: the Agent SDK, the `claude` CLI started as a process (however its command was
 * built: over-approximated, see the rule docs), the Anthropic SDK client, a raw HTTP request to the
 * API, or one to Claude's OAuth endpoints.
 */
export type SinkKind = 'agent-sdk' | 'claude-cli' | 'anthropic-sdk' | 'api-request' | 'oauth-endpoint';

/** How a credential reaches a sink. */
export type CredentialSlot = 'env' | 'auth-token' | 'api-key' | 'bearer';

/** A credential handed to a sink. */
export interface HandedCredential {
  source: CredentialSource;
  slot: CredentialSlot;
  /** Where it is handed over (the property, assignment, argument or header). */
  location: Location;
}

/** One hop on the way from an entry point to a sink: a call of a function or method. */
export interface Hop {
  /** `runAgent`, `ClaudeBridge.ask`. */
  name: string;
  location: Location;
}

/** How an entry point reaches a sink (or a credential return). */
export interface Reach {
  entry: EntryPoint;
  /** The calls in between, in order; empty when the sink is in the handler's own body. */
  hops: readonly Hop[];
}

/** A Claude call with what the code shows about its credential. */
export interface Sink {
  kind: SinkKind;
  /** For messages: "the Agent SDK’s `query()`", "`claude -p` (a child process)", "`new Anthropic()`". */
  label: string;
  location: Location;
  /** A subscription (or caller's) credential handed to it. */
  credential?: HandedCredential;
  /** Where `ANTHROPIC_API_KEY` is removed from its own environment. */
  apiKeyRemoved?: Location;
  /** An API key, key helper or cloud provider is configured in its own options or command. */
  apiKeyConfigured: boolean;
  /** The first entry point whose code reaches it, when one does. */
  reach?: Reach;
}

/** What a change to the (process or child) environment does to Claude's credential. */
export type EnvChangeKind = 'api-key-removed' | 'oauth-token-injected' | 'api-key-set' | 'cloud-provider' | 'api-key-helper';

/** A change the code makes to an environment outside one sink's own options. */
export interface EnvChange {
  kind: EnvChangeKind;
  location: Location;
  /** For `oauth-token-injected`: where the token comes from. */
  source?: CredentialSource;
  /**
   * Made only on some paths (`if (token) env.CLAUDE_CODE_OAUTH_TOKEN = token`, `token ? \`…=\${token} \` : ''`):
   * on the others the sink still falls back to the machine's login.
   */
  conditional?: boolean;
}

/** A credential handed back to whoever triggered an entry point (a response body, a file sent). */
export interface CredentialReturn {
  source: CredentialSource;
  location: Location;
  reach: Reach;
}

/** A call from one function to another, for reach across functions, classes and files. */
export interface CallEdge {
  /** The caller: a qualified name within the file (`handler`, `Bot.onMessage`) or an entry point's label. */
  from: string;
  /** The callee: `name` for the file's own functions, `./lib/claude.js#ask` for an import. */
  to: string;
  location: Location;
}

/** Everything a front end knows about one file, as the judge needs it. */
export interface FileFacts {
  entryPoints: EntryPoint[];
  sinks: Sink[];
  /** Changes to the process environment (or to a child's env object built in the file). */
  envChanges: EnvChange[];
  returns: CredentialReturn[];
  /** The file reads `ANTHROPIC_API_KEY`, selects a cloud provider or sets an API key: it configures one. */
  configuresApiKey: boolean;
  edges?: CallEdge[];
}

/** Facts with nothing in them, for front ends to fill in. */
export function emptyFacts(): FileFacts {
  return { entryPoints: [], sinks: [], envChanges: [], returns: [], configuresApiKey: false, edges: [] };
}
