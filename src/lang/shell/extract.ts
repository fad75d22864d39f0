/**
 * The shell front end (bash, sh, zsh read with tree-sitter's bash grammar): facts of one script for
 * the model's judge. A script has no entry points of its own (one started by a handler in another
 * language is reached from there); what it shows is its process starts and environment:
 * - Sinks: commands that run `claude` (directly, through `env`, `npx`, `bash -c`, …), with the
 *   `NAME=value` prefixes and `env -u` made for them.
 * - Environment: `export CLAUDE_CODE_OAUTH_TOKEN=…`, `unset ANTHROPIC_API_KEY`, an API key set or read.
 * - Commands that read Claude Code's keychain item (`security find-generic-password`) or hand the
 *   token to a container (`docker run -e CLAUDE_CODE_OAUTH_TOKEN`).
 *
 * @packageDocumentation
 */
import { KEYCHAIN_SERVICE } from '../../detect/credential-store.js';
import type { TextFinding } from '../../detect/markers.js';
import type { OffsetRange } from '../../files/analyzer.js';
import { API_KEY_ENV, CLOUD_PROVIDER_ENV } from '../../model/index.js';
import { claudeStart, oauthEnvSource, readsClaudeKeychain, SUBSCRIPTION_ENV, tokenIntoContainer } from '../commands.js';
import { emptyExtraction, type Extraction } from '../facts.js';
import type { SyntaxNode } from '../tree.js';

const UNKNOWN = '*';

function rangeOf(node: SyntaxNode): OffsetRange {
  return { start: node.start, end: node.end };
}

/** A word's value as the shell would see it, expansions kept as written (`$CLAUDE_BIN`), substitutions unknown. */
function wordValue(node: SyntaxNode | undefined): string {
  if (!node) return '';
  switch (node.type) {
    case 'word':
    case 'number':
      return node.text.replace(/\\(.)/g, '$1');
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string':
    case 'concatenation':
      return node.children.filter((child) => child.named || node.type === 'concatenation').map(wordValue).join('') || (node.type === 'string' ? node.text.slice(1, -1) : '');
    case 'string_content':
      return node.text;
    case 'simple_expansion':
    case 'expansion':
      return node.text;
    case 'command_name':
      return wordValue(node.namedChildren[0]);
    default:
      return UNKNOWN;
  }
}

/** Quotes a word for the command-line reader when it holds white space. */
function quoted(word: string): string {
  return /\s/.test(word) ? `'${word.replaceAll("'", '')}'` : word;
}

/** Records what one simple command does. */
function visitCommand(command: SyntaxNode, namesService: boolean, extraction: Extraction, own: TextFinding[]): void {
  const prefixes = command.children.filter((child) => child.type === 'variable_assignment');
  const name = command.child('name');
  if (!name) return;
  const words = [name, ...command.children.filter((child) => child.field === 'argument')].map(wordValue);
  const assignments = prefixes.map((prefix) => `${prefix.child('name')?.text ?? ''}=${wordValue(prefix.child('value')) || ''}`);
  const started = { commandLine: [...assignments, ...words].map(quoted).join(' ') };
  if (readsClaudeKeychain({ argv: words, complete: true }, namesService)) own.push({ ruleName: 'no-credential-store-read', messageId: 'keychain', ...rangeOf(command) });
  const container = tokenIntoContainer({ argv: words, complete: true });
  if (container) own.push({ ruleName: 'no-credential-mount', messageId: 'containerMountsLogin', data: { path: container }, ...rangeOf(command) });
  const claude = claudeStart(started);
  if (!claude) return;
  const tokenPrefix = prefixes.find((prefix) => SUBSCRIPTION_ENV.includes(prefix.child('name')?.text ?? ''));
  extraction.sinks.push({
    kind: 'claude-cli',
    label: claude.label,
    at: rangeOf(command),
    ...(claude.tokenEnv && { credential: { source: oauthEnvSource(claude.tokenEnv), slot: 'env' as const, at: rangeOf(tokenPrefix ?? command) } }),
    ...(claude.apiKeyRemoved && { apiKeyRemoved: rangeOf(command) }),
    apiKeyConfigured: claude.apiKeyConfigured,
  });
}

/** `export NAME=value` and `unset NAME`: changes to the environment of everything the script runs next. */
function visitDeclaration(node: SyntaxNode, extraction: Extraction): void {
  const exported = node.type === 'declaration_command' && /^(?:export|declare\s+-x|typeset\s+-x)\b/.test(node.text);
  for (const child of node.namedChildren) {
    const name = child.type === 'variable_assignment' ? (child.child('name')?.text ?? '') : child.text;
    if (node.type === 'unset_command' && name === API_KEY_ENV) extraction.envChanges.push({ kind: 'api-key-removed', at: rangeOf(node) });
    if (!exported || child.type !== 'variable_assignment') continue;
    const value = wordValue(child.child('value'));
    if (SUBSCRIPTION_ENV.includes(name) && value !== '') extraction.envChanges.push({ kind: 'oauth-token-injected', at: rangeOf(node), source: oauthEnvSource(name) });
    if (name === API_KEY_ENV) {
      if (value === '') extraction.envChanges.push({ kind: 'api-key-removed', at: rangeOf(node) });
      else extraction.configuresApiKey = true;
    }
    if (CLOUD_PROVIDER_ENV.includes(name) && value !== '' && value !== '0') extraction.configuresApiKey = true;
  }
}

/**
 * Extracts the model's facts from a shell script, and the findings that are not the judge's
 * (keychain reads, tokens handed to containers).
 *
 * @param root - the script's syntax tree
 * @param text - the script's text
 */
export function extractShell(root: SyntaxNode, text: string): { extraction: Extraction; own: TextFinding[] } {
  const extraction = emptyExtraction();
  const own: TextFinding[] = [];
  const namesService = text.includes(KEYCHAIN_SERVICE);
  for (const node of root.descendants()) {
    if (node.type === 'function_definition') {
      const name = node.child('name')?.text;
      if (name) extraction.functions.push({ name, ...rangeOf(node) });
    } else if (node.type === 'command') {
      const name = node.child('name');
      if (name) extraction.calls.push({ callee: wordValue(name), at: name.start });
      visitCommand(node, namesService, extraction, own);
    } else if (node.type === 'declaration_command' || node.type === 'unset_command') {
      visitDeclaration(node, extraction);
    } else if ((node.type === 'simple_expansion' || node.type === 'expansion') && new RegExp(`\\b${API_KEY_ENV}\\b`).test(node.text)) {
      // `${ANTHROPIC_API_KEY:?}`: the script runs with an API key.
      extraction.configuresApiKey = true;
    }
  }
  return { extraction, own };
}
