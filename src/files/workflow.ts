/**
 * GitHub Actions workflows (`.github/workflows/*.yml`): where a Claude subscription token is handed
 * to a job, and who can start that job.
 *
 * Green (policy.md): CI on your own repository with `CLAUDE_CODE_OAUTH_TOKEN` from a secret,
 * including `anthropics/claude-code-action` with `claude_code_oauth_token: ${{ secrets.X }}`, on
 * events only the owner starts (`push`, `workflow_dispatch`, `schedule`, …), or on anyone's event
 * behind an `if:` that lets only the repository owner through.
 * Yellow (`no-multi-user-surface`): the token handed to a job that other people's events start
 * (`issue_comment`, `pull_request_target`, …) without such a gate, or handed to an action other
 * than Anthropic's own. A token written out in the workflow is red (`no-embedded-token`, through
 * the text markers).
 *
 * @packageDocumentation
 */
import { findTokens } from '../detect/tokens.js';
import type { TextFinding } from '../detect/markers.js';
import { withMarkers, type OffsetRange } from './analyzer.js';
import { isOwnerOnly } from './workflow-gate.js';
import { itemsOf, keyOf, nodeRange, pairOf, pairRange, pairsOf, parseYamlDocuments, scalarText, valueOf, type YamlPair } from './yaml.js';

/**
 * Events that people other than the repository owner can start: comments, issues, reviews and
 * discussions by anyone, and pull requests (from forks, or by collaborators).
 */
export const OTHERS_EVENTS: ReadonlySet<string> = new Set([
  'issue_comment',
  'issues',
  'pull_request_target',
  'pull_request_review',
  'pull_request_review_comment',
  'discussion',
  'discussion_comment',
  'pull_request',
]);

/** Anthropic's own actions, which may be given a subscription token (policy.md, green). */
const ANTHROPIC_ACTIONS: ReadonlySet<string> = new Set(['anthropics/claude-code-action', 'anthropics/claude-code-base-action']);

/** Environment variable and action input that carry a subscription token. */
const TOKEN_ENV = 'CLAUDE_CODE_OAUTH_TOKEN';
const TOKEN_INPUT = 'claude_code_oauth_token';

/** `secrets.X` / `vars.X` in an expression, where X names a Claude OAuth token. */
const TOKEN_REFERENCE = /\b(?:secrets|vars)\.([A-Za-z0-9_]*CLAUDE[A-Za-z0-9_]*OAUTH[A-Za-z0-9_]*|[A-Za-z0-9_]*OAUTH[A-Za-z0-9_]*CLAUDE[A-Za-z0-9_]*)/i;
/** Any `secrets.X` / `vars.X` reference. */
const ANY_REFERENCE = /\b(?:secrets|vars)\.[A-Za-z0-9_]+/;

/** A place where the workflow hands a subscription token over. */
interface Handover {
  /** Where it happens: the key/value pair, or the reference inside a `run:` script. */
  range: OffsetRange;
  /** How the token is named in messages: `secrets.CLAUDE_CODE_OAUTH_TOKEN`. */
  secret: string;
  /** Whether an `if:` on the job or step lets only the repository owner through. */
  gated: boolean;
  /** The action or reusable workflow that receives it, when it is handed to one. */
  receiver?: string;
}

/**
 * The token a key/value pair hands over, named for messages, or undefined when it hands none.
 * Empty values and tokens written out are not handovers: the latter are red through the markers.
 */
function tokenOf(pair: YamlPair): string | undefined {
  const key = keyOf(pair);
  const value = scalarText(pair.value);
  if (value === undefined || value.trim() === '' || findTokens(value).length > 0) return undefined;
  const reference = TOKEN_REFERENCE.exec(value)?.[0];
  if (reference) return reference;
  if (key === TOKEN_ENV || key === TOKEN_INPUT) return ANY_REFERENCE.exec(value)?.[0] ?? key;
  return undefined;
}

/** Token handovers among the pairs of a mapping (`env:`, `with:`, `secrets:`). */
function handoversIn(mapping: unknown, gated: boolean, receiver?: string): Handover[] {
  return pairsOf(mapping).flatMap((pair) => {
    const secret = tokenOf(pair);
    return secret === undefined ? [] : [{ range: pairRange(pair), secret, gated, receiver }];
  });
}

/**
 * Token references written straight into a step's `run:` script
 * (`CLAUDE_CODE_OAUTH_TOKEN=${{ secrets.X }} claude -p …`), located in the source text.
 */
function handoversInScript(step: unknown, text: string, gated: boolean): Handover[] {
  const range = nodeRange(valueOf(step, 'run'));
  if (!range) return [];
  const script = text.slice(range.start, range.end);
  return [...script.matchAll(new RegExp(TOKEN_REFERENCE.source, 'gi'))].map((match) => ({
    range: { start: range.start + match.index, end: range.start + match.index + match[0].length },
    secret: match[0],
    gated,
  }));
}

/** The events a workflow's `on:` names: a string, a list, or a mapping keyed by event. */
export function eventsOf(on: unknown): string[] {
  const single = scalarText(on);
  if (single !== undefined) return [single];
  const listed = itemsOf(on).map(scalarText).filter((event): event is string => event !== undefined);
  return listed.length > 0 ? listed : pairsOf(on).map(keyOf).filter((event): event is string => event !== undefined);
}

/** The repository part of `uses:` (`owner/repo` of `owner/repo/path@ref`), lower-cased. */
function repositoryOf(uses: string): string {
  return uses.split('@')[0]!.split('/').slice(0, 2).join('/').toLowerCase();
}

/** True for an action or reusable workflow that is neither local nor Anthropic's own. */
function isThirdParty(uses: string): boolean {
  if (uses.startsWith('./')) return false;
  return !ANTHROPIC_ACTIONS.has(repositoryOf(uses));
}

/** The `if:` condition of a job or step, as written. */
function conditionOf(node: unknown): string | undefined {
  return scalarText(valueOf(node, 'if'));
}

/** Every handover in one job: its env, a reusable workflow's inputs and secrets, its steps. */
function jobHandovers(job: unknown, text: string): Handover[] {
  const jobGated = isOwnerOnly(conditionOf(job));
  const found = handoversIn(valueOf(job, 'env'), jobGated);
  const reusable = scalarText(valueOf(job, 'uses'));
  if (reusable !== undefined) {
    const receiver = isThirdParty(reusable) ? reusable : undefined;
    found.push(...handoversIn(valueOf(job, 'with'), jobGated, receiver), ...handoversIn(valueOf(job, 'secrets'), jobGated, receiver));
  }
  for (const step of itemsOf(valueOf(job, 'steps'))) {
    // A step's own `if:` gates it as well as the job's: either one suffices.
    const gated = jobGated || isOwnerOnly(conditionOf(step));
    const uses = scalarText(valueOf(step, 'uses'));
    const receiver = uses !== undefined && isThirdParty(uses) ? uses : undefined;
    found.push(
      ...handoversIn(valueOf(step, 'env'), gated, receiver),
      ...handoversIn(valueOf(step, 'with'), gated, receiver),
      ...handoversInScript(step, text, gated),
    );
  }
  return found;
}

/**
 * Analyzes one workflow file.
 *
 * @param text - the workflow's YAML
 * @returns `no-multi-user-surface` findings at each key/value that hands a subscription token to a
 *   job others can start or to a third-party action, plus the text markers (literal tokens, red)
 * @throws AnalyzerParseError when the YAML does not parse
 */
export function analyzeWorkflow(text: string): TextFinding[] {
  const [root] = parseYamlDocuments(text);
  const on = pairOf(root, 'on') ?? pairOf(root, 'true');
  const othersEvents = eventsOf(on?.value).filter((event) => OTHERS_EVENTS.has(event));
  const jobs = pairsOf(valueOf(root, 'jobs')).map((pair) => pair.value);
  const handovers = [
    // The workflow's own env reaches every job: gated only when every job is.
    ...handoversIn(valueOf(root, 'env'), jobs.every((job) => isOwnerOnly(conditionOf(job)))),
    ...jobs.flatMap((job) => jobHandovers(job, text)),
  ];
  const own: TextFinding[] = [];
  for (const handover of handovers) {
    const { range } = handover;
    if (handover.receiver !== undefined) {
      own.push({
        ruleName: 'no-multi-user-surface',
        messageId: 'tokenToThirdPartyAction',
        data: { secret: handover.secret, action: handover.receiver },
        ...range,
      });
    } else if (othersEvents.length > 0 && !handover.gated) {
      own.push({
        ruleName: 'no-multi-user-surface',
        messageId: 'workflowOnOthersEvents',
        data: { event: othersEvents.join('`, `'), secret: handover.secret },
        ...range,
      });
    }
  }
  return withMarkers(text, own);
}
