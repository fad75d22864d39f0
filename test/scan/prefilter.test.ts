import { describe, expect, it } from 'vitest';
import { decode } from '../../src/scan/read.js';
import { decodeIfTriggered, mayTrigger } from '../../src/scan/prefilter.js';
import { FAKE_OAUTH_TOKEN, makeRepo } from '../helpers/temp-repo.js';

describe('mayTrigger', () => {
  it('finds a trigger word in UTF-8 bytes, also after multi-byte characters', () => {
    expect(mayTrigger(Buffer.from(`const café = "${FAKE_OAUTH_TOKEN}";`))).toBe(true);
    expect(mayTrigger(Buffer.from("// ünïcödé\nfs.readFileSync(path.join(home, '.claude', x));"))).toBe(true);
  });

  it('passes a file that names no trigger word', () => {
    expect(mayTrigger(Buffer.from('export const add = (a: number, b: number) => a + b;\n'))).toBe(false);
  });

  it('passes property accesses named credentials (fetch options, cloud SDK clients)', () => {
    const code = "fetchOptions.credentials = this.withCredentials ? 'include' : 'same-origin';\nconst creds = AWS.config.credentials;\n";
    expect(mayTrigger(Buffer.from(code))).toBe(false);
  });

  it.each([
    ["path.join(os.homedir(), '.claude', '.credentials.json')"],
    ['`${process.env.HOME}/.claude/.credentials.json`'],
    ["const name = '.credentials' + '.json';"],
    ['COPY .credentials.json /root/.claude/'],
    ['CREDS=.credentials.json'],
    ['Path.home() / ".claude" / ".credentials.json"'],
    ['%USERPROFILE%\\.claude\\.credentials.json'],
  ])('lets the stored login file name through: %s', (code) => {
    expect(mayTrigger(Buffer.from(code))).toBe(true);
  });

  it('lets UTF-16 through, whose words are not visible in the bytes', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export const a = 1;', 'utf16le')]);
    expect(mayTrigger(utf16)).toBe(true);
  });
});

describe('decodeIfTriggered', () => {
  it('decodes a file with a trigger word exactly as decode does', () => {
    const bytes = Buffer.from(`\uFEFFconst token = "${FAKE_OAUTH_TOKEN}";`);
    expect(decodeIfTriggered(bytes)).toEqual({ ...decode(bytes), surfaceOnly: false });
  });

  it('tells a file whose only trigger words are web or bot frameworks from one that may have a finding', () => {
    expect(decodeIfTriggered(Buffer.from("import express from 'express';\nconst app = express();\n")).surfaceOnly).toBe(true);
    expect(decodeIfTriggered(Buffer.from("import http from 'node:http';\nhttp.createServer(handler).listen(3000);\n")).surfaceOnly).toBe(true);
    expect(decodeIfTriggered(Buffer.from("import express from 'express';\nexecFileSync('claude', ['-p', prompt]);\n")).surfaceOnly).toBe(false);
  });

  it('leaves a framework-only file undecoded: it is read again only if a Claude call is found', () => {
    expect(decodeIfTriggered(Buffer.from("import { Hono } from 'hono';\nexport default new Hono();\n"))).toEqual({ diagnostics: [], surfaceOnly: true });
  });

  it('decodes a file whose only trigger word is auth_token / authToken only where Anthropic or Claude is named', () => {
    const hub = Buffer.from('from huggingface_hub import HfApi\n\ndef upload(repo_id, auth_token=None):\n    HfApi(token=auth_token).upload_folder(repo_id=repo_id)\n');
    expect(decodeIfTriggered(hub)).toEqual({ diagnostics: [], surfaceOnly: false });
    const client = Buffer.from('import anthropic\n\nclient = anthropic.Anthropic(auth_token=os.environ["TOKEN"])\n');
    expect(decodeIfTriggered(client).text).toContain('auth_token');
    expect(decodeIfTriggered(Buffer.from("const npm = { authToken: process.env.NPM_TOKEN, registry: 'https://registry.npmjs.org/' };\n")).text).toBeUndefined();
  });

  it('does not decode a file without one, and keeps the diagnostics decoding would give', () => {
    expect(decodeIfTriggered(Buffer.from('let x = 1;'))).toEqual({ diagnostics: [] });
    const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]);
    expect(decodeIfTriggered(binary)).toEqual({ diagnostics: decode(binary).diagnostics });
    const latin1 = Buffer.from([0x41, 0xff, 0x42]);
    expect(decodeIfTriggered(latin1).text).toBeUndefined();
    expect(decodeIfTriggered(latin1).diagnostics).toEqual([]);
  });

  it('still sees a trigger word in a Latin-1 file', () => {
    const latin1 = Buffer.concat([Buffer.from([0xe9, 0x20]), Buffer.from(FAKE_OAUTH_TOKEN)]);
    const result = decodeIfTriggered(latin1);
    expect(result.text).toContain(FAKE_OAUTH_TOKEN);
    // Analyzed in full: the stray byte is a replacement character, not a reason to skip the parsers.
    expect(result.diagnostics).toEqual([]);
  });
});

describe('scan with the prefilter', () => {
  it('still reads a published .credentials.json that holds no trigger word', async () => {
    const { scan } = await import('../../src/scan/run.js');
    const cwd = await makeRepo({
      'package.json': JSON.stringify({ name: 'tool', version: '1.0.0', files: ['support/'] }),
      'support/.credentials.json': '{}\n',
      'support/index.js': 'module.exports = {};\n',
    });
    const result = await scan(['.'], { cwd });
    expect(result.reports.flatMap((report) => report.findings.map((finding) => [report.relativePath, finding.messageId])))
      .toEqual([['support/.credentials.json', 'publishedCredentialsFile']]);
  });
});
