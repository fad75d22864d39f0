import { describe, expect, it } from 'vitest';
import { classify, classifyContent } from '../../src/scan/classify.js';
import { swiftComments } from '../../src/lang/swift/comments.js';
import { scan, useGrammars } from './helpers.js';

useGrammars('rust');

const commented = (text: string): string[] => swiftComments(text).map((range) => text.slice(range.start, range.end));

describe('Swift comments', () => {
  it('finds line and nested block comments, not comment openers inside strings or interpolations', () => {
    const code = [
      'let url = "https://claude.ai/oauth/authorize" // the authorize page',
      '/* outer /* inner */ still outer */',
      'let s = "\\(value.map { "//" + $0 }) // not a comment"',
      'let raw = #"a "quoted" // raw"#',
      'let multi = """',
      '  /* kept */ line',
      '  """ // after',
    ].join('\n');
    expect(commented(code)).toEqual(['// the authorize page', '/* outer /* inner */ still outer */', '// after']);
  });

  it('keeps the markers of code and drops those of comments', () => {
    const code = `// Claude Code's client id is 9d1c250a-e61b-44d9-88ed-5944d1962f5e; we do not use it.
static let clientID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e"
`;
    expect(scan('swift', code)).toEqual([{ rule: 'no-claude-code-impersonation', messageId: 'clientId', severity: 2, line: 2, column: 24 }]);
  });
});

describe('Rust', () => {
  it('reports a keyring entry opened on Claude Code’s keychain service through a constant, not the doc comment', () => {
    const code = `/// Reads nothing from "Claude Code-credentials" unless asked.
const CLAUDE_CODE_SERVICE: &str = "Claude Code-credentials";

pub fn swap(username: &str, credentials: &str) -> keyring::Result<()> {
    let entry = Entry::new(CLAUDE_CODE_SERVICE, username)?;
    entry.set_password(credentials)
}
`;
    expect(scan('rust', code)).toEqual([
      { rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 2, column: 36 },
      { rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 5, column: 17 },
    ]);
  });
});

describe('classify', () => {
  it('names Go, Ruby, shell, Rust and Swift files by extension, name and shebang', () => {
    expect(['cmd/main.go', 'lib/a.rb', 'Gemfile', 'tasks/x.rake', 'bin/run.sh', 'x.zsh', 'src/lib.rs', 'App/Keychain.swift'].map(classify)).toEqual([
      'go', 'ruby', 'ruby', 'ruby', 'shell', 'shell', 'rust', 'swift',
    ]);
    expect(classifyContent('text', '#!/usr/bin/env bash\nclaude -p hi\n')).toBe('shell');
    expect(classifyContent('text', '#!/usr/bin/ruby -w\nputs 1\n')).toBe('ruby');
    expect(classifyContent('text', '#!/usr/bin/env node\n')).toBe('text');
  });
});
