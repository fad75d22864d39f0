/**
 * Outbound HTTP requests as rules need them: which headers a call sends and where to. Covers
 * `fetch(url, { headers })`, `axios.post(url, body, { headers })`, `axios({ url, headers })`,
 * `got(url, { headers })`, `ky.post(url, { headers })`, `undici.request(url, { headers })`,
 * `https.request({ hostname, headers })`: any call with an options object that has `headers`.
 *
 * @packageDocumentation
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { objectLiteralOf } from './claude-invocations.js';
import { findProperty, staticPropertyName, type StaticEvaluator } from './static-string.js';

/** One outbound request with literal headers. */
export interface OutboundRequest {
  call: TSESTree.CallExpression;
  /** The destination as far as known (`https://api.anthropic.com/v1/messages`, `*` parts unknown). */
  url: string | undefined;
  /** Header name (lower case) to its property in the headers object. */
  headers: Map<string, TSESTree.Property>;
}

/**
 * Reads a call as an outbound request, when one of its arguments is an options object with a
 * literal (or constant) `headers` object.
 *
 * @param sourceCode - the file's SourceCode
 * @param evaluator - the file's static evaluator
 * @param call - any call
 */
export function outboundRequest(sourceCode: Readonly<TSESLint.SourceCode>, evaluator: StaticEvaluator, call: TSESTree.CallExpression): OutboundRequest | undefined {
  for (const argument of call.arguments) {
    const options = objectLiteralOf(sourceCode, argument);
    const headerObject = options && objectLiteralOf(sourceCode, findProperty(options, 'headers'));
    if (!options || !headerObject) continue;
    const headers = new Map<string, TSESTree.Property>();
    for (const property of headerObject.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? staticPropertyName(property) : undefined;
      if (name !== undefined && property.type === AST_NODE_TYPES.Property) headers.set(name.toLowerCase(), property);
    }
    const urlNode = argument === call.arguments[0] ? (findProperty(options, 'url') ?? findProperty(options, 'baseURL') ?? findProperty(options, 'hostname') ?? findProperty(options, 'host')) : call.arguments[0];
    return { call, url: evaluator.string(urlNode), headers };
  }
  return undefined;
}
