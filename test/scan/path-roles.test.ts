/**
 * Path roles (src/scan/path-roles.ts): tests, fixtures, examples, docs and generated files are
 * labelled and shown after production code in every format; `"roles"` in the configuration changes
 * how they count; by default a real token in a test file stays red.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleOf } from '../../src/scan/path-roles.js';
import { validateConfig } from '../../src/config.js';
import { runCli } from '../helpers/run-cli.js';
import { plantToken, tempDir } from '../helpers/scan-helpers.js';

describe('roleOf', () => {
  it.each([
    ['src/server.ts', undefined],
    ['lib/auth/token_store.rb', undefined],
    ['test/login.test.ts', 'test'],
    ['v2/tests/keychain-resolver.test.ts', 'test'],
    ['internal/auth/oauth_test.go', 'test'],
    ['test_oauth_cli_headers.py', 'test'],
    ['spec/client_spec.rb', 'test'],
    ['cc-hdrmTests/Services/OAuthServiceTests.swift', 'test'],
    ['test/fixtures/capture.json', 'fixture'],
    ['internal/testdata/resp.json', 'fixture'],
    ['captures/requests/001.json', 'fixture'],
    ['examples/bot/index.js', 'example'],
    ['.env.example', 'example'],
    ['docs/setup.md', 'docs'],
    ['README.md', 'docs'],
    ['dist/index.js', 'generated'],
    ['api/service_pb2.py', 'generated'],
  ])('%s → %s', (file, role) => {
    expect(roleOf(file)).toBe(role);
  });
});

describe('roles in the reports', () => {
  const token = plantToken('oat01', 21);
  async function repo(config?: object): Promise<string> {
    const root = await tempDir();
    const files: Record<string, string> = {
      'test/client.test.ts': `const token = '${token}';\n`,
      'src/client.ts': "import { homedir } from 'node:os';\nimport path from 'node:path';\nexport const file = path.join(homedir(), '.claude', '.credentials.json');\n",
      'examples/login.sh': 'security find-generic-password -s "Claude Code-credentials" -w\n',
      ...(config ? { 'claude-auth-lint.config.json': JSON.stringify(config) } : {}),
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return root;
  }

  it('show production code first and label the rest, in every format; a token in a test stays red', async () => {
    const root = await repo();
    const json = JSON.parse((await runCli(['-f', 'json', '.'], root)).stdout) as { filePath: string; role?: string; messages: { severity: number }[] }[];
    expect(json.map((report) => [path.relative(root, report.filePath), report.role])).toEqual([
      ['src/client.ts', undefined],
      ['test/client.test.ts', 'test'],
      ['examples/login.sh', 'example'],
    ]);
    expect(json[1]?.messages.map((message) => message.severity)).toEqual([2]);

    const stylish = await runCli(['.'], root);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout.indexOf('src/client.ts')).toBeLessThan(stylish.stdout.indexOf('test/client.test.ts  (test)'));
    expect(stylish.stdout).toContain('examples/login.sh  (example)');

    const sarif = JSON.parse((await runCli(['-f', 'sarif', '.'], root)).stdout) as { runs: { results: { properties: { role?: string } }[] }[] };
    expect(sarif.runs[0]?.results.map((result) => result.properties.role)).toEqual([undefined, 'test', 'example']);

    const html = (await runCli(['-f', 'html', '.'], root)).stdout;
    expect(html.indexOf('src/client.ts')).toBeLessThan(html.indexOf('test/client.test.ts'));
  });

  it('"roles" chooses how a role counts for the exit code', async () => {
    const root = await repo({ roles: { test: 'warn', example: 'off' } });
    const json = JSON.parse((await runCli(['-f', 'json', 'test', 'examples'], root)).stdout) as { messages: { severity: number }[] }[];
    expect(json.flatMap((report) => report.messages.map((message) => message.severity))).toEqual([1]);
    expect((await runCli(['test', 'examples'], root)).code).toBe(0);
    expect((await runCli(['--fail-on', 'yellow', 'test'], root)).code).toBe(1);
  });

  it('rejects an unknown role or setting', () => {
    expect(() => validateConfig({ roles: { tests: 'warn' } }, 'c.json')).toThrow(/unknown path role "tests"/);
    expect(() => validateConfig({ roles: { test: 'info' } }, 'c.json')).toThrow(/role "test" must be/);
    expect(validateConfig({ roles: { fixture: 'off' } }, 'c.json').roles).toEqual({ fixture: 'off' });
  });
});
