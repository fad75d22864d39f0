import { describe, expect, it } from 'vitest';
import { scan, useGrammars } from './helpers.js';

useGrammars('ruby');

describe('Ruby front end', () => {
  it('reports a Sinatra route that shells out to claude -p with backticks', () => {
    const code = `require "sinatra"
require "shellwords"

post "/ask" do
  prompt = params.fetch("prompt")
  answer = \`claude -p #{Shellwords.escape(prompt)} --output-format json\`
  json answer: answer
end
`;
    expect(scan('ruby', code)).toEqual([{ rule: 'no-oauth-token-proxy', messageId: 'servesFromSubscription', severity: 2, line: 6, column: 12 }]);
  });

  it('reports a Rails action that reaches claude through a private helper, and not the private helper itself', () => {
    const code = `class ReviewsController < ApplicationController
  def create
    render json: { review: review_for(params[:diff]) }
  end

  private

  def review_for(diff)
    out, _status = Open3.capture2("claude", "-p", "Review this diff", stdin_data: diff)
    out
  end
end
`;
    expect(scan('ruby', code)).toEqual([{ rule: 'no-oauth-token-proxy', messageId: 'servesFromSubscription', severity: 2, line: 9, column: 20 }]);
  });

  it('reports the token handed to claude in an environment hash, and ENV.delete of the API key', () => {
    const code = `TOKEN_VAR = "CLAUDE_CODE_OAUTH_TOKEN"

def run_claude(prompt, token)
  ENV.delete("ANTHROPIC_API_KEY")
  system({ TOKEN_VAR => token }, "claude", "--print", prompt)
end
`;
    expect(scan('ruby', code)).toEqual([
      { rule: 'no-agent-sdk-subscription-auth', messageId: 'apiKeyRemoved', severity: 2, line: 4, column: 3 },
      { rule: 'no-agent-sdk-subscription-auth', messageId: 'subscriptionEnv', severity: 2, line: 5, column: 12 },
    ]);
  });

  it('reports a keychain read in backticks whose service is a constant', () => {
    const code = `module TokenStore
  SERVICE = "Claude Code-credentials"

  def self.load
    raw = \`security find-generic-password -s "#{SERVICE}" -w 2>/dev/null\`
    JSON.parse(raw)
  end
end
`;
    expect(scan('ruby', code)).toContainEqual({ rule: 'no-credential-store-read', messageId: 'keychain', severity: 2, line: 5, column: 11 });
  });

  it('reports the token written into a container’s shell profile as yellow', () => {
    const code = `def setup_container(container, token)
  system("docker", "exec", "-u", "root", container, "bash", "-c",
         "grep -qF 'export CLAUDE_CODE_OAUTH_TOKEN=' /etc/bash.bashrc || " \\
         "echo 'export CLAUDE_CODE_OAUTH_TOKEN=\\"#{token}\\"' >> /etc/bash.bashrc")
end
`;
    expect(scan('ruby', code)).toEqual([{ rule: 'no-credential-mount', messageId: 'containerMountsLogin', severity: 1, line: 2, column: 3 }]);
  });

  it('does not report markers in comments or =begin blocks', () => {
    const code = `# Reads nothing from ~/.claude/.credentials.json: we use ANTHROPIC_API_KEY.
=begin
Claude Code's client id 9d1c250a-e61b-44d9-88ed-5944d1962f5e is not used here.
=end
client = Anthropic::Client.new(api_key: ENV.fetch("ANTHROPIC_API_KEY"))
`;
    expect(scan('ruby', code)).toEqual([]);
  });
});
