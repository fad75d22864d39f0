import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Writes a throw-away repository into a temp directory, removed after the test.
 *
 * @param files - relative path → content
 * @returns the directory's absolute path
 */
export async function makeRepo(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-'));
  created.push(root);
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(root, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

/** Shapes of real credentials (prefix, 93 characters, `AA`), generated, never valid. */
export const FAKE_BODY = 'PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA-2O76UMFxFkM-R5Kjp1vRt_1fjORS-6ilI8ihN5KXSc7Tvo-hBKqFYAA';
export const FAKE_OAUTH_TOKEN = `sk-ant-oat01-${FAKE_BODY}`;
export const FAKE_API_KEY = `sk-ant-api03-${FAKE_BODY}`;
