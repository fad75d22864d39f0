import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of our own package.json that the code uses. */
export interface PackageInfo {
  name: string;
  version: string;
  homepage?: string;
}

/**
 * Reads this package's package.json: the nearest one above this module, which is the same file
 * whether the code runs from `src/` (tests) or from `dist/src/` (the built package).
 *
 * @throws Error when no package.json is found above the module
 */
function readPackageInfo(): PackageInfo & { root: string } {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      return { ...(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageInfo), root: dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (path.dirname(dir) === dir) throw new Error('claude-auth-lint: its package.json was not found');
    }
  }
}

const { root, ...info } = readPackageInfo();

/** Name and version of the running claude-auth-lint. */
export const PACKAGE_INFO: PackageInfo = info;

/** Absolute path of the installed package's root (the directory of its package.json, `docs/`). */
export const PACKAGE_ROOT: string = root;
