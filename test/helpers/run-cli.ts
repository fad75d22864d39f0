import { main, type CliIo } from '../../src/cli.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the CLI in-process, as a user would from `cwd`, with no TTY.
 *
 * @param argv - arguments after the program name
 * @param cwd - working directory
 * @param io - what else the run sees (a terminal, standard input)
 */
export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, io: Pick<Partial<CliIo>, 'isTTY' | 'readStdin'> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
    env,
    ...io,
  });
  return { code, stdout, stderr };
}
