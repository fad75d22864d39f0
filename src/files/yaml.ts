/**
 * The few YAML operations the workflow and compose analyzers need, over the `yaml` package's
 * document model, which keeps source offsets on every node (`range: [start, valueEnd, nodeEnd]`).
 *
 * Aliases (`*base`) read as the node they name, and merge keys (`<<: *base`, `<<: [*a, *b]`) bring
 * the named mappings' pairs in before the mapping's own (which win), as YAML 1.1 loaders such as
 * Docker Compose's and the Actions runner's do: a token or a mount hidden behind an anchor is
 * still seen, at the place where it is written. Expansion is bounded (depth and pairs), so an
 * alias bomb costs little.
 *
 * @packageDocumentation
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Alias, type Document, type Node, type Pair } from 'yaml';
import { AnalyzerParseError } from './analyzer.js';

/** A key/value pair of a mapping, as the parser gives it. */
export type YamlPair = Pair<unknown, unknown>;

/**
 * Parses every document of a YAML stream (compose files and Kubernetes manifests may hold several).
 *
 * @param text - the file
 * @returns the root node of each document (`null` for an empty one)
 * @throws AnalyzerParseError at the first syntax error, with its 1-based position
 */
export function parseYamlDocuments(text: string): (Node | null)[] {
  const documents = parseAllDocuments(text, { version: '1.2', uniqueKeys: false });
  const list = Array.isArray(documents) ? documents : [];
  for (const document of list) {
    const [error] = document.errors;
    if (error) {
      const position = error.linePos?.[0] ?? { line: 1, col: 1 };
      // The parser's message ends with its own " at line L, column C:" and an excerpt: the diagnostic has the position.
      const reason = (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
      throw new AnalyzerParseError(`YAML syntax error: ${reason}`, position.line, position.col);
    }
  }
  for (const document of list) recordAliases(document);
  return list.map((document) => document.contents as Node | null);
}

/** The node each alias of the parsed documents names. */
const ALIAS_TARGETS = new WeakMap<Alias, Node>();

/** Records where each alias of a document points (the anchor defined last before it, as YAML says). */
function recordAliases(document: Document.Parsed): void {
  const anchors = new Map<string, Node>();
  visit(document, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) ALIAS_TARGETS.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
}

/**
 * A node with aliases followed: the node an alias names, or the node itself (a few steps at most:
 * an alias names a node, never another alias, but be safe).
 */
export function resolved(node: unknown): unknown {
  let current = node;
  for (let step = 0; step < 8 && isAlias(current); step += 1) current = ALIAS_TARGETS.get(current);
  return current;
}

/** The most pairs one mapping yields with its merges, and the deepest chain of merges followed. */
const MAX_MERGED_PAIRS = 10_000;
const MAX_MERGE_DEPTH = 16;

/** The pairs of a mapping node (its merge keys expanded first, then its own pairs), or none for anything else. */
export function pairsOf(node: unknown): YamlPair[] {
  const pairs: YamlPair[] = [];
  collectPairs(resolved(node), pairs, 0);
  return pairs;
}

function collectPairs(node: unknown, into: YamlPair[], depth: number): void {
  if (!isMap(node)) return;
  for (const item of node.items) {
    if (into.length >= MAX_MERGED_PAIRS) return;
    if (!isPair(item)) continue;
    if (isScalar(item.key) && item.key.value === '<<' && depth < MAX_MERGE_DEPTH) {
      const value = resolved(item.value);
      for (const merged of isSeq(value) ? value.items : [value]) collectPairs(resolved(merged), into, depth + 1);
      continue;
    }
    into.push(item as YamlPair);
  }
}

/** The key of a pair as a string, when it is a scalar. */
export function keyOf(pair: YamlPair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

/** The pair of `key` in a mapping node (the last one, as YAML loaders keep). */
export function pairOf(node: unknown, key: string): YamlPair | undefined {
  return pairsOf(node).findLast((pair) => keyOf(pair) === key);
}

/** The value node of `key` in a mapping node (an alias read as the node it names). */
export function valueOf(node: unknown, key: string): unknown {
  return resolved(pairOf(node, key)?.value);
}

/** A scalar node's value as a string (numbers and booleans included), else undefined. */
export function scalarText(node: unknown): string | undefined {
  const scalar = resolved(node);
  if (!isScalar(scalar) || scalar.value === null || scalar.value === undefined) return undefined;
  return typeof scalar.value === 'object' ? undefined : String(scalar.value);
}

/** The items of a sequence node (aliases read as the nodes they name), or none for anything else. */
export function itemsOf(node: unknown): unknown[] {
  const sequence = resolved(node);
  return isSeq(sequence) ? sequence.items.map(resolved) : [];
}

/** Offsets of a node: from its first character to the end of its value (comments excluded). */
export function nodeRange(node: unknown): { start: number; end: number } | undefined {
  const range = (resolved(node) as Node | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** Offsets of a pair, from its key to the end of its value. */
export function pairRange(pair: YamlPair): { start: number; end: number } {
  const key = nodeRange(pair.key);
  const value = nodeRange(pair.value);
  const start = key?.start ?? value?.start ?? 0;
  return { start, end: value?.end ?? key?.end ?? start };
}
