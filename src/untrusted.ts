/**
 * Gate mode (`--untrusted`), for a scan of code someone else controls, such as a pull request in
 * CI: nothing the scanned tree ships may configure, narrow or excuse the scan. The configuration,
 * the ignore patterns and the baseline come only from files named on the command line that lie
 * outside every scanned path (for instance the base commit's, checked out elsewhere); the tree's
 * `claude-auth-lint.config.json`, `package.json` key, `.gitignore` and `.claude-auth-lintignore`
 * files are not read (src/scan/walk.ts), and ESLint directives in it cannot turn a rule off or
 * disable one without a reason (src/scan/suppress.ts).
 *
 * @packageDocumentation
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error.js';

/** The command-line files that gate mode takes from outside the scanned tree. */
export interface TrustedInputs {
  configFile: string | undefined;
  baseline: string | undefined;
}

/** An absolute path with its links resolved as far as it exists, so that a link cannot smuggle a file in. */
function resolved(absolute: string): string {
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

/** Whether `file` lies in `directory` or is it. */
function isWithin(file: string, directory: string): boolean {
  const relative = path.relative(directory, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Checks that the configuration and baseline named on the command line lie outside every scanned
 * path: a file in the tree under review is the reviewed party's to write.
 *
 * @param cwd - the working directory (absolute)
 * @param scannedPaths - the paths to scan, as given
 * @param inputs - `--config` and `--baseline`, as given
 * @throws UsageError naming the option whose file lies inside a scanned path
 */
export function checkTrustedInputs(cwd: string, scannedPaths: readonly string[], inputs: TrustedInputs): void {
  const scanned = scannedPaths.map((input) => resolved(path.resolve(cwd, input)));
  for (const [option, file] of [['--config', inputs.configFile], ['--baseline', inputs.baseline]] as const) {
    if (file === undefined) continue;
    const absolute = resolved(path.resolve(cwd, file));
    if (scanned.some((root) => isWithin(absolute, root))) {
      throw new UsageError(`with --untrusted, ${option} must name a file outside the scanned paths (the scanned tree may have written ${file}).`);
    }
  }
}
