/**
 * Runs action.yml's steps as a GitHub runner runs a composite action, for the tests: inputs with
 * their defaults (and as `INPUT_*` variables), `${{ … }}` expressions in `env`, `with` and `if`,
 * `GITHUB_OUTPUT`/`GITHUB_ENV`/`GITHUB_STEP_SUMMARY` as temporary files read after each step, each
 * `run:` script in `bash --noprofile --norc -eo pipefail` from the workspace, and a failed step
 * skipping the rest unless their `if:` says `always()`. `uses:` steps are recorded, not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/** One step of action.yml. */
export interface ActionStep {
  id?: string;
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

/** The parts of action.yml the runner reads. */
export interface ActionDefinition {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** How to run the action. */
export interface ActionRunOptions {
  /** The action's directory (`github.action_path`): holds action.yml. */
  actionPath: string;
  /** The checked-out repository (`github.workspace`), the steps' working directory. */
  workspace: string;
  inputs?: Record<string, string>;
  /** `github.event_name` (default `push`). */
  eventName?: string;
  /** `github.event`: the webhook payload (default `{}`); a property it lacks reads as ''. */
  event?: Record<string, unknown>;
  /** Ids of steps to leave out (a test that runs an action directory built beforehand skips its install). */
  skip?: readonly string[];
  /** More environment for every step (HOME, PATH additions). */
  env?: Record<string, string>;
}

/** What one step did. */
export interface StepRun {
  id: string;
  status: number | 'skipped' | 'uses';
  stdout: string;
  stderr: string;
}

/** The outcome of a run. */
export interface ActionRun {
  /** 0 when every step that ran succeeded, else the first failed step's exit code. */
  status: number;
  steps: StepRun[];
  /** The action's outputs, from `outputs.*.value`. */
  outputs: Record<string, string>;
  /** Every step's standard output, in order: the job log. */
  log: string;
}

/** Reads action.yml. */
export async function readAction(actionPath: string): Promise<ActionDefinition> {
  return parse(await readFile(path.join(actionPath, 'action.yml'), 'utf8')) as ActionDefinition;
}

/** `name=value` lines and `name<<DELIMITER` blocks, as GitHub reads GITHUB_OUTPUT and GITHUB_ENV. */
function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] ?? '', index + 1);
      values[block[1] ?? ''] = lines.slice(index + 1, end).join('\n');
      index = end;
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}

/**
 * Runs the action.
 *
 * @throws Error on an expression the runner does not know (a typo in action.yml)
 */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const action = await readAction(options.actionPath);
  const temp = await mkdtemp(path.join(tmpdir(), 'claude-auth-lint-runner-'));
  try {
    const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, options.inputs?.[name] ?? input.default ?? '']));
    const stepOutputs: Record<string, Record<string, string>> = {};
    const context = (name: string): string => {
      const [scope, ...rest] = name.split('.');
      const key = rest.join('.');
      if (scope === 'inputs' && key in inputs) return inputs[key] ?? '';
      if (scope === 'github' && key === 'action_path') return options.actionPath;
      if (scope === 'github' && key === 'workspace') return options.workspace;
      if (scope === 'github' && key === 'event_name') return options.eventName ?? 'push';
      if (scope === 'github' && key.startsWith('event.')) return eventValue(options.event ?? {}, key.slice('event.'.length));
      if (scope === 'runner' && key === 'temp') return temp;
      const output = /^([\w-]+)\.outputs\.([\w-]+)$/.exec(key);
      if (scope === 'steps' && output) return stepOutputs[output[1] ?? '']?.[output[2] ?? ''] ?? '';
      throw new Error(`action runner: unknown context ${name}`);
    };
    const substitute = (text: string): string => text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => context(name));
    let failed: number | undefined;
    /** `if:` as the action uses it: comparisons of contexts with quoted strings, joined by &&; always(), success(). */
    const condition = (expression: string | undefined): boolean => {
      if (expression === undefined) return failed === undefined;
      if (expression.trim() === 'always()') return true;
      return failed === undefined && expression.split('&&').every((part) => {
        const comparison = /^\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*$/.exec(part);
        if (!comparison) throw new Error(`action runner: unsupported condition ${part}`);
        return (context(comparison[1] ?? '') === comparison[3]) === (comparison[2] === '==');
      });
    };
    const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
    let addedEnv: Record<string, string> = {};
    const steps: StepRun[] = [];
    for (const [index, step] of action.runs.steps.entries()) {
      const id = step.id ?? `step-${index}`;
      if (options.skip?.includes(id) || !condition(step.if)) {
        steps.push({ id, status: 'skipped', stdout: '', stderr: '' });
        continue;
      }
      if (step.uses !== undefined) {
        for (const value of Object.values(step.with ?? {})) substitute(value);
        steps.push({ id, status: 'uses', stdout: '', stderr: '' });
        continue;
      }
      const files = { GITHUB_OUTPUT: `${id}.output`, GITHUB_ENV: `${id}.env`, GITHUB_STEP_SUMMARY: `${id}.summary` };
      for (const file of Object.values(files)) await writeFile(path.join(temp, file), '');
      const script = path.join(temp, `${id}.sh`);
      await writeFile(script, step.run ?? '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, substitute(value)]));
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: options.workspace,
        encoding: 'utf8',
        // The runner's own environment (PATH, proxy and CA settings), as a job's steps inherit it.
        env: {
          ...process.env,
          HOME: temp,
          CI: 'true',
          GITHUB_ACTIONS: 'true',
          GITHUB_WORKSPACE: options.workspace,
          GITHUB_ACTION_PATH: options.actionPath,
          GITHUB_EVENT_NAME: options.eventName ?? 'push',
          RUNNER_TEMP: temp,
          ...Object.fromEntries(Object.entries(files).map(([name, file]) => [name, path.join(temp, file)])),
          ...inputEnv,
          ...options.env,
          ...addedEnv,
          ...stepEnv,
        },
      });
      stepOutputs[id] = parseCommandFile(await readFile(path.join(temp, files.GITHUB_OUTPUT), 'utf8'));
      addedEnv = { ...addedEnv, ...parseCommandFile(await readFile(path.join(temp, files.GITHUB_ENV), 'utf8')) };
      const status = result.status ?? 1;
      steps.push({ id, status, stdout: result.stdout, stderr: result.stderr });
      if (status !== 0) failed ??= status;
    }
    const outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, output]) => [name, substitute(output.value)]));
    return { status: failed ?? 0, steps, outputs, log: steps.map((step) => step.stdout).join('') };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** A property of the webhook payload by its dotted path, as Actions reads it: '' where it is missing. */
function eventValue(event: Record<string, unknown>, dotted: string): string {
  let value: unknown = event;
  for (const key of dotted.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || value === null ? '' : String(value);
}
