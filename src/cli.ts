#!/usr/bin/env node
/**
 * The `claude-auth-lint` command: scan paths, print a report, exit like ESLint
 * (0 clean, 1 findings that fail the run, 2 usage or internal error).
 *
 * @packageDocumentation
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { PACKAGE_VERSION } from './plugin.js';
import { POLICY_VERSION } from './policy.js';
import { FORMATTERS } from './report/index.js';
import { countBySeverity } from './report/counts.js';
import { redactSecrets } from './detect/tokens.js';
import { scan, UsageError, type ScanResult } from './scan/run.js';

const HELP = `Usage: claude-auth-lint [options] [paths...]

Finds code that uses Claude subscription (OAuth) credentials where an API key is required.
Scans the given files and directories (default: the current directory).

Options:
  -f, --format <name>       Output format: ${Object.keys(FORMATTERS).join(', ')} (default: stylish)
  -o, --output-file <file>  Write the report to a file instead of standard output
      --max-warnings <n>    Exit 1 when there are more than n warnings (default: -1, no limit)
      --quiet               Report errors (red) only
      --no-gitignore        Also scan files that .gitignore excludes
  -h, --help                Show this help
  -v, --version             Show the version and the policy date

Exit codes: 0 no errors, 1 errors (or too many warnings), 2 usage or internal error.
`;

/** Where the CLI reads its environment and writes its output; tests pass their own. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colours). */
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      'output-file': { type: 'string', short: 'o' },
      'max-warnings': { type: 'string', default: '-1' },
      quiet: { type: 'boolean', default: false },
      gitignore: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}

/** Keeps only errors, as ESLint's `--quiet` does. */
function onlyErrors(result: ScanResult): ScanResult {
  const reports = result.reports
    .map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 2) }))
    .filter((report) => report.findings.length > 0 || report.diagnostics.length > 0);
  return { ...result, reports };
}

/**
 * Runs the command line.
 *
 * @param argv - arguments after the program name
 * @param givenIo - where to read and write; whatever goes to standard error has its secrets redacted
 * @returns the exit code: 0, 1 or 2
 */
export async function main(argv: readonly string[], givenIo: CliIo): Promise<number> {
  // Error messages quote what was typed, and a token pasted as an argument must not be echoed whole.
  const io: CliIo = { ...givenIo, stderr: (text) => givenIo.stderr(redactSecrets(text)) };
  let options: ReturnType<typeof parse>['values'];
  let positionals: string[];
  try {
    ({ values: options, positionals } = parse(argv));
  } catch (error) {
    io.stderr(`claude-auth-lint: ${(error as Error).message}\nRun claude-auth-lint --help for usage.\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(HELP);
    return 0;
  }
  if (options.version) {
    io.stdout(`claude-auth-lint ${PACKAGE_VERSION} (policy of ${POLICY_VERSION})\n`);
    return 0;
  }
  const formatter = FORMATTERS[options.format];
  const maxWarnings = Number(options['max-warnings']);
  if (!formatter) {
    io.stderr(`claude-auth-lint: unknown format "${options.format}" (use one of: ${Object.keys(FORMATTERS).join(', ')})\n`);
    return 2;
  }
  if (!Number.isInteger(maxWarnings)) {
    io.stderr(`claude-auth-lint: --max-warnings needs a whole number, got "${options['max-warnings']}"\n`);
    return 2;
  }

  try {
    let result = await scan(positionals.length > 0 ? positionals : ['.'], { cwd: io.cwd, gitignore: options.gitignore });
    if (options.quiet) result = onlyErrors(result);
    const outputFile = options['output-file'];
    const color = !outputFile && io.isTTY && !io.env.NO_COLOR && options.format === 'stylish';
    const text = formatter({ ...result, color });
    if (outputFile) {
      const target = path.resolve(io.cwd, outputFile);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
    } else {
      io.stdout(text);
    }
    const { errorCount, warningCount } = countBySeverity(result.reports.flatMap((report) => report.findings));
    return errorCount > 0 || (maxWarnings >= 0 && warningCount > maxWarnings) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`claude-auth-lint: ${error.message}\n`);
      return 2;
    }
    const reason = redactSecrets(error instanceof Error ? error.message : String(error));
    io.stderr(`claude-auth-lint: internal error: ${reason.split('\n')[0]}\n`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  });
}
