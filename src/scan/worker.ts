/**
 * A parse worker of the scanner's pool (src/scan/pool.ts): receives one file's text at a time and
 * answers with {@link analyzeText}'s result. ESLint and the TypeScript parser load on its first file.
 *
 * @packageDocumentation
 */
import { parentPort } from 'node:worker_threads';
import { analyzeText } from './analyze.js';
import type { AnalysisRequest, AnalysisResponse } from './pool.js';

parentPort?.on('message', (request: AnalysisRequest) => {
  const { text, relativePath, kind, markersOnly, publishedIn, untrusted, timeBudgetMs } = request;
  const analysis = analyzeText(text, relativePath, kind, markersOnly, { publishedIn, untrusted }, timeBudgetMs);
  parentPort?.postMessage({ id: request.id, analysis } satisfies AnalysisResponse);
});
