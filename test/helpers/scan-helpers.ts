import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** The repository root (where package.json is). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The bundled demo repository. */
export const DEMO_APP = path.join(REPO_ROOT, 'fixtures', 'repos', 'demo-app');

/**
 * A credential of the observed shape (prefix, 93 random-looking characters, `AA`), different for
 * each seed. Built at run time so that this file holds no credential-shaped literal.
 */
export function plantToken(type: 'oat01' | 'ort01' | 'sid01' | 'api03', seed: number): string {
  const bytes = Buffer.concat([0, 1, 2].map((part) => createHash('sha256').update(`${type}:${seed}:${part}`).digest()));
  return `sk-ant-${type}-${bytes.toString('base64url').slice(0, 93)}AA`;
}

/** Temporary directories made by {@link tempDir}, removed after each test (as temp-repo.ts does). */
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((directory) => rm(directory, { recursive: true, force: true })));
});

/** A fresh temporary directory, removed after the test; optionally a copy of `from`. */
export async function tempDir(from?: string): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-'));
  made.push(directory);
  if (from) await cp(from, directory, { recursive: true });
  return directory;
}

/** One finding of `--format json` output, reduced to what tests compare. */
export interface JsonFinding {
  path: string;
  ruleId: string;
  severity: number;
  line: number;
  column: number;
}

/**
 * The findings of a `--format json` report, in report order, with paths relative to `root`. Tests
 * compare other formats with it instead of hard-coding the demo's counts.
 */
export function jsonFindings(stdout: string, root: string): JsonFinding[] {
  const reports = JSON.parse(stdout) as { filePath: string; messages: Omit<JsonFinding, 'path'>[] }[];
  return reports.flatMap((report) =>
    report.messages.map(({ ruleId, severity, line, column }) => ({ path: path.relative(root, report.filePath).split(path.sep).join('/'), ruleId, severity, line, column })),
  );
}
