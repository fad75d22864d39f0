/**
 * Compose files (`compose.yaml`, `docker-compose*.yml`), parsed with `yaml` keeping offsets.
 *
 * - A service that publishes ports beyond loopback (or shares the host's network) and mounts the stored login
 *   (`~/.claude`, `$HOME/.claude`, `${HOME}/.claude`, a `.credentials.json`), as a bind volume or
 *   as a compose secret → `no-credential-mount` `mountCredentials` (red): whoever reaches the
 *   service uses that person's subscription.
 * - Any other volume mounted at a home's `.claude` directory (a named volume that keeps the login the
 *   service's Claude Code made) in such a service → `containerMountsLogin` (yellow).
 * - The same mount in a service without published ports, or with ports bound to `127.0.0.1` only,
 *   is left alone: that is the shape of a personal dev container or local dashboard running for its
 *   owner (policy.md: green). Anything that serves others from such a container shows up through
 *   its code instead.
 * - `environment` with a subscription token → `no-credential-mount` `literalTokenEnv` (red),
 *   instead of the text marker's `no-embedded-token` for the same token.
 * - `environment` that passes the host's `CLAUDE_CODE_OAUTH_TOKEN` into a service (`${…}`, or the bare
 *   name) → `containerGetsOAuthToken` (yellow): plumbing of the token into a container, which is
 *   grey (the corpus's tier decision; policy.md: a personal container is green, a service is not,
 *   and the compose file alone cannot tell which).
 *
 * @packageDocumentation
 */
import { isScalar } from 'yaml';
import { copiesStoredLogin, parseVolume, type Mount } from '../detect/mounts.js';
import type { TextFinding } from '../detect/markers.js';
import { findTokens, redactToken } from '../detect/tokens.js';
import { OAUTH_TOKEN_ENV } from '../model/tables.js';
import { withMarkers, type OffsetRange } from './analyzer.js';
import { itemsOf, keyOf, nodeRange, pairsOf, parseYamlDocuments, resolved, scalarText, valueOf } from './yaml.js';

/** The mount a `volumes:` item describes, short or long syntax. */
function mountOf(item: unknown): Mount | undefined {
  const spec = scalarText(item);
  if (spec !== undefined) return parseVolume(spec);
  const source = scalarText(valueOf(item, 'source'));
  return source === undefined ? undefined : { source, target: scalarText(valueOf(item, 'target')) };
}

/** A mount target that is a home's Claude Code directory (`/root/.claude`, `/home/app/.claude/`). */
const CLAUDE_DIR_TARGET = /^(?:\/root|\/home\/[^/]+)\/\.claude\/?$/;

/** Host addresses that only the machine itself can reach. */
const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[?::1\]?)$/;

/**
 * Whether a `ports:` item is published beyond the machine: `"8080:8080"` and `"0.0.0.0:80:80"` are,
 * `"127.0.0.1:3000:3000"` (or long syntax with `host_ip: 127.0.0.1`) is not.
 */
function publishedBeyondLoopback(port: unknown): boolean {
  const short = scalarText(port);
  const hostIp = short === undefined ? scalarText(valueOf(port, 'host_ip')) : /^(\[[^\]]*\]|[^:]+):[^:]+:/.exec(short)?.[1];
  return hostIp === undefined || !LOOPBACK.test(hostIp);
}

/** Whether a service is reachable by others: ports published beyond loopback, or the host's network. */
function servesOthers(service: unknown): boolean {
  return itemsOf(valueOf(service, 'ports')).some(publishedBeyondLoopback) || scalarText(valueOf(service, 'network_mode')) === 'host';
}

/** Top-level compose secrets whose `file:` is the stored login, by name. */
function loginSecrets(root: unknown): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const pair of pairsOf(valueOf(root, 'secrets'))) {
    const name = keyOf(pair);
    const file = scalarText(valueOf(pair.value, 'file'));
    if (name !== undefined && file !== undefined && copiesStoredLogin(file)) secrets.set(name, file);
  }
  return secrets;
}

/** The volumes and secrets of every service, and the top-level secrets: judged by this analyzer. */
function mountRanges(root: unknown): OffsetRange[] {
  const nodes = [
    ...pairsOf(valueOf(root, 'services')).flatMap((pair) => [...itemsOf(valueOf(pair.value, 'volumes')), ...itemsOf(valueOf(pair.value, 'secrets'))]),
    ...pairsOf(valueOf(root, 'secrets')).map((pair) => pair.value),
  ];
  return nodes.map(nodeRange).filter((range): range is OffsetRange => range !== undefined);
}

/** `mountCredentials` for each volume or secret of a service that brings the stored login in. */
function mountFindings(name: string, service: unknown, secrets: Map<string, string>): TextFinding[] {
  const found: TextFinding[] = [];
  const data = (path: string): Record<string, string> => ({ path, service: `service \`${name}\` (it publishes ports)` });
  for (const item of itemsOf(valueOf(service, 'volumes'))) {
    const mount = mountOf(item);
    const range = nodeRange(item);
    if (mount && range && copiesStoredLogin(mount.source, mount.target)) {
      found.push({ ruleName: 'no-credential-mount', messageId: 'mountCredentials', data: data(mount.source), ...range });
    } else if (mount?.target !== undefined && range && CLAUDE_DIR_TARGET.test(mount.target)) {
      // A volume (often a named one) that keeps a Claude Code login in the service's home: plumbing, yellow.
      found.push({ ruleName: 'no-credential-mount', messageId: 'containerMountsLogin', data: { path: mount.target }, ...range });
    }
  }
  for (const item of itemsOf(valueOf(service, 'secrets'))) {
    const secret = scalarText(item) ?? scalarText(valueOf(item, 'source'));
    const file = secret === undefined ? undefined : secrets.get(secret);
    const range = nodeRange(item);
    if (file !== undefined && range) found.push({ ruleName: 'no-credential-mount', messageId: 'mountCredentials', data: data(file), ...range });
  }
  return found;
}

/** `literalTokenEnv` for each subscription token in a service's `environment`, map or list. */
function environmentFindings(name: string, service: unknown, text: string): TextFinding[] {
  const environment = valueOf(service, 'environment');
  const entries = [
    ...pairsOf(environment).map((pair) => ({ variable: keyOf(pair), node: resolved(pair.value) })),
    ...itemsOf(environment).map((item) => ({ variable: scalarText(item)?.split('=')[0], node: item })),
  ];
  return entries.flatMap(({ variable, node }): TextFinding[] => {
    const range = isScalar(node) ? nodeRange(node) : undefined;
    if (!range) return [];
    const value = text.slice(range.start, range.end);
    if (variable?.trim() === OAUTH_TOKEN_ENV && findTokens(value).length === 0) {
      return [{ ruleName: 'no-credential-mount', messageId: 'containerGetsOAuthToken', data: { name: OAUTH_TOKEN_ENV, where: `service \`${name}\`` }, ...range }];
    }
    return findTokens(value)
      .filter((match) => match.subscription)
      .map((match) => ({
        ruleName: 'no-credential-mount',
        messageId: 'literalTokenEnv',
        data: { name: variable ?? 'a variable', redacted: redactToken(match.token), where: `the environment of service \`${name}\`` },
        start: range.start + match.start,
        end: range.start + match.end,
      }));
  });
}

/**
 * Analyzes one compose file.
 *
 * @param text - the compose file (one or more YAML documents)
 * @returns `no-credential-mount` findings plus the text markers, one finding per token
 * @throws AnalyzerParseError when the YAML does not parse
 */
export function analyzeCompose(text: string): TextFinding[] {
  const own: TextFinding[] = [];
  // Mounts are judged here: in a service without ports, `~/.claude/.credentials.json` is green.
  const judged: OffsetRange[] = [];
  for (const root of parseYamlDocuments(text)) {
    judged.push(...mountRanges(root));
    const secrets = loginSecrets(root);
    for (const pair of pairsOf(valueOf(root, 'services'))) {
      const name = keyOf(pair) ?? 'service';
      if (servesOthers(pair.value)) own.push(...mountFindings(name, pair.value, secrets));
      own.push(...environmentFindings(name, pair.value, text));
    }
  }
  return withMarkers(text, own, judged);
}
