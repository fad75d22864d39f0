/**
 * The few YAML operations the workflow and compose analyzers need, over the `yaml` package's
 * document model, which keeps source offsets on every node (`range: [start, valueEnd, nodeEnd]`).
 *
 * @packageDocumentation
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type Pair } from 'yaml';
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
  return list.map((document) => document.contents as Node | null);
}

/** The pairs of a mapping node, or none for anything else. */
export function pairsOf(node: unknown): YamlPair[] {
  return isMap(node) ? node.items.filter((item): item is YamlPair => isPair(item)) : [];
}

/** The key of a pair as a string, when it is a scalar. */
export function keyOf(pair: YamlPair): string | undefined {
  return isScalar(pair.key) && pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
}

/** The pair of `key` in a mapping node (the last one, as YAML loaders keep). */
export function pairOf(node: unknown, key: string): YamlPair | undefined {
  return pairsOf(node).findLast((pair) => keyOf(pair) === key);
}

/** The value node of `key` in a mapping node. */
export function valueOf(node: unknown, key: string): unknown {
  return pairOf(node, key)?.value;
}

/** A scalar node's value as a string (numbers and booleans included), else undefined. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

/** The items of a sequence node, or none for anything else. */
export function itemsOf(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

/** Offsets of a node: from its first character to the end of its value (comments excluded). */
export function nodeRange(node: unknown): { start: number; end: number } | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** Offsets of a pair, from its key to the end of its value. */
export function pairRange(pair: YamlPair): { start: number; end: number } {
  const key = nodeRange(pair.key);
  const value = nodeRange(pair.value);
  const start = key?.start ?? value?.start ?? 0;
  return { start, end: value?.end ?? key?.end ?? start };
}
