/**
 * Reads a shell command line far enough to tell whether it runs the `claude` CLI in print mode, and
 * which environment it gives it: `claude -p "…"`, `/usr/local/bin/claude --print`, `bash -lc "claude
 * -p …"`, `npx @anthropic-ai/claude-code -p`, `CLAUDE_CODE_OAUTH_TOKEN=$T claude -p`, `env -u
 * ANTHROPIC_API_KEY claude -p`, `unset ANTHROPIC_API_KEY; claude -p`. Not a shell parser: quotes are
 * honoured, expansions are not. Unknown parts (from a static evaluator) are `*`.
 *
 * @packageDocumentation
 */
import { CLAUDE_BINARIES, CLAUDE_CLI_PACKAGES, CLAUDE_PRINT_FLAGS, SHELLS } from './claude-entry-points.js';
import { PROGRAM_WRAPPERS } from '../model/tables.js';

/** Whether a `claude` run answers a prompt and exits (`-p`), is something else, or cannot be told. */
export type PrintMode = 'yes' | 'no' | 'unknown';

/** A `claude` run found in a command line. */
export interface ClaudeCommand {
  print: PrintMode;
  /** Variables set for it (`NAME=value claude`, `export NAME=value;`), value as written. */
  envSet: Record<string, string>;
  /** Variables removed or emptied for it (`env -u NAME`, `unset NAME`, `NAME= claude`). */
  envUnset: string[];
}

/** Runners that run a package's binary: `npx <pkg>`, `bunx <pkg>`, `pnpm dlx <pkg>`, `yarn dlx <pkg>`. */
const PACKAGE_RUNNERS = new Set(['npx', 'bunx', 'pnpx']);
const DLX_RUNNERS = new Set(['pnpm', 'yarn']);
const UNKNOWN = '*';

/** The last segment of a program path (`/usr/local/bin/claude` → `claude`). */
export function programName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/**
 * True when a program path is the `claude` CLI: by name (`claude`, `/usr/local/bin/claude`), or an
 * environment variable that names it (`$CLAUDE_PATH`, `$CLAUDE_BIN`, as the static evaluator renders
 * `process.env.CLAUDE_PATH`).
 */
export function isClaudeProgram(file: string): boolean {
  const name = programName(file).replace(/^["']|["']$/g, '');
  return CLAUDE_BINARIES.includes(name) || /^\$\w*CLAUDE\w*$/i.test(name);
}

/** Splits a command into words, honouring single and double quotes. */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  return words;
}

/**
 * The print mode of `claude` given its arguments.
 *
 * @param args - the arguments after the program
 * @param complete - false when some arguments are not known (a spread, a variable): then a missing
 *   `-p` proves nothing
 */
export function printModeOf(args: readonly string[], complete: boolean): PrintMode {
  if (args.some((arg) => CLAUDE_PRINT_FLAGS.includes(arg) || arg.startsWith('--output-format') || arg.startsWith('--input-format'))) return 'yes';
  return complete && !args.includes(UNKNOWN) ? 'no' : 'unknown';
}

/**
 * Finds a `claude` run in an argument vector: the program itself, a package runner, or a shell
 * given a script with `-c`.
 *
 * @param argv - program and arguments, known parts only (`*` for unknown ones)
 * @param complete - false when the vector has unknown elements
 */
export function claudeInArgv(argv: readonly string[], complete = true): ClaudeCommand | undefined {
  const [file, ...args] = argv;
  if (file === undefined) return undefined;
  if (isClaudeProgram(file)) return { print: printModeOf(args, complete), envSet: {}, envUnset: [] };
  const program = programName(file);
  if (PACKAGE_RUNNERS.has(program) || (DLX_RUNNERS.has(program) && args[0] === 'dlx')) {
    const index = args.findIndex((arg) => CLAUDE_CLI_PACKAGES.some((name) => arg === name || arg.startsWith(`${name}@`)));
    return index === -1 ? undefined : { print: printModeOf(args.slice(index + 1), complete), envSet: {}, envUnset: [] };
  }
  if (SHELLS.includes(program)) {
    const index = args.findIndex((arg) => /^-[a-z]*c[a-z]*$/.test(arg));
    const script = index === -1 ? undefined : args[index + 1];
    return script === undefined ? undefined : claudeInCommandLine(script);
  }
  if (program === 'env') return claudeInCommandLine(argv.map(quote).join(' '));
  // `mise exec node@22 -- claude -p`, `sudo -u bot claude -p`, `nohup claude -p`: the program after the wrapper's own words.
  const wrapper = PROGRAM_WRAPPERS.find((candidate) => candidate.takes === 'program' && candidate.program === program);
  if (wrapper && (!wrapper.subcommands || wrapper.subcommands.includes(args[0] ?? ''))) {
    const rest = wrapper.subcommands ? args.slice(1) : args;
    const separator = rest.indexOf('--');
    const candidates = separator === -1 ? rest : rest.slice(separator + 1);
    const index = candidates.findIndex((word) => isClaudeProgram(word));
    return index === -1 ? undefined : claudeInArgv(candidates.slice(index), complete);
  }
  return undefined;
}

function quote(word: string): string {
  return /\s/.test(word) ? `'${word}'` : word;
}

/**
 * Finds a `claude` run in a shell command line, with the environment changes made for it.
 *
 * @param command - the command line (as evaluated; unknown parts `*`)
 * @returns the first `claude` run, or undefined when the line runs no `claude`
 */
export function claudeInCommandLine(command: string): ClaudeCommand | undefined {
  const envSet: Record<string, string> = {};
  const envUnset: string[] = [];
  for (const segment of command.split(/;|&&|\|\||\||\n/)) {
    const words = splitWords(segment.trim());
    const local: Record<string, string> = {};
    const localUnset: string[] = [];
    let index = 0;
    for (; index < words.length; index += 1) {
      const word = words[index] ?? '';
      const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
      if (assignment) {
        const [, name = '', value = ''] = assignment;
        if (value === '') localUnset.push(name);
        else local[name] = value;
      } else if (word === 'env' || word === 'exec' || word === 'command' || word === 'nohup') {
        // `env -u NAME …`
        while (words[index + 1] === '-u' && words[index + 2]) {
          localUnset.push(words[index + 2] ?? '');
          index += 2;
        }
      } else if ((word === 'unset' || word === 'export') && index === 0) {
        break;
      } else {
        break;
      }
    }
    const head = words[index];
    if (head === 'unset') envUnset.push(...words.slice(index + 1));
    if (head === 'export') {
      for (const word of words.slice(index + 1)) {
        const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
        if (assignment?.[1]) {
          if (assignment[2]) envSet[assignment[1]] = assignment[2];
          else envUnset.push(assignment[1]);
        }
      }
    }
    if (head === undefined || head === 'unset' || head === 'export') continue;
    const found = claudeInArgv(words.slice(index), !words.includes(UNKNOWN));
    if (found) {
      return {
        print: found.print,
        envSet: { ...envSet, ...local, ...found.envSet },
        envUnset: [...envUnset, ...localUnset, ...found.envUnset],
      };
    }
  }
  return undefined;
}
