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
  const analysis = analyzeText(request.text, request.relativePath, request.kind, request.markersOnly, { publishedIn: request.publishedIn });
  parentPort?.postMessage({ id: request.id, analysis } satisfies AnalysisResponse);
});
