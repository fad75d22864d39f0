/**
 * `npm run bench:history -- --repo <clone> [--gitleaks <binary>]`: `claude-auth-lint --history`
 * against gitleaks' git mode (`gitleaks detect --source <clone>`, which reads `git log -p --all`)
 * on the full history of a real repository, one run of each (a history scan takes minutes), with
 * wall time, CPU time and peak RSS. Both see the same commits: every ref of the clone.
 *
 * gitleaks is Debian's package (8.16: `apt-get install gitleaks`, in Debian 13 and later). The
 * clone is yours to make (bench/README.md says how the figures there were made); this script only
 * reads it, and runs git on it for the commit count alone.
 *
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { CLI, ROOT, measure, versionOf } from './tools.mjs';

const { values } = parseArgs({ options: { repo: { type: 'string' }, gitleaks: { type: 'string', default: 'gitleaks' } } });
if (!values.repo) {
  process.stderr.write('usage: node bench/history.mjs --repo <clone with a work tree> [--gitleaks <binary>]\n');
  process.exit(2);
}
const repo = path.resolve(values.repo);
if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
const commits = Number(execFileSync('git', ['-C', repo, 'rev-list', '--all', '--count'], { encoding: 'utf8' }).trim());
const out = await mkdtemp(path.join(tmpdir(), 'bench-history-'));
try {
  const ours = await measure(process.execPath, [CLI, '--history', '--format', 'sarif', '-o', path.join(out, 'ours.sarif'), repo], { cwd: out, env: { CI: '1' }, timeoutSeconds: 3600 });
  const sarif = JSON.parse(await readFile(path.join(out, 'ours.sarif'), 'utf8'));
  const provenance = sarif.runs[0].versionControlProvenance?.[0]?.properties ?? {};
  const gitleaks = await measure(values.gitleaks, ['detect', '--source', repo, '--no-banner', '--redact', '--report-format', 'json', '--report-path', path.join(out, 'gitleaks.json'), '--exit-code', '0'], { cwd: out, timeoutSeconds: 3600 });
  const leaks = JSON.parse(await readFile(path.join(out, 'gitleaks.json'), 'utf8'));
  const row = (name, result, found) => `| ${name} | ${result.wall.toFixed(1)} s | ${result.cpu.toFixed(1)} s | ${Math.round(result.rss)} MB | ${found} |`;
  process.stdout.write([
    `History of ${repo}: ${commits.toLocaleString('en-US')} commits (git rev-list --all --count)`,
    `claude-auth-lint: ${provenance.commitsScanned?.toLocaleString('en-US')} commits, ${provenance.blobsScanned?.toLocaleString('en-US')} distinct blobs read; gitleaks: ${versionOf(values.gitleaks, ['version'])}`,
    '',
    '| tool | wall | CPU | peak RSS | findings |',
    '|---|---|---|---|---|',
    row('claude-auth-lint --history', ours, sarif.runs[0].results.length),
    row('gitleaks detect', gitleaks, leaks.length),
    '',
    `gitleaks / ours (wall): ${(gitleaks.wall / ours.wall).toFixed(2)}`,
    '',
  ].join('\n'));
} finally {
  await rm(out, { recursive: true, force: true });
}
