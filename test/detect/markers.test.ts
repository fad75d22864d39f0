import { describe, expect, it } from 'vitest';
import { runMarkers } from '../../src/detect/markers.js';
import { FAKE_OAUTH_TOKEN } from '../helpers/temp-repo.js';

const found = (text: string, tokensOnly = false) =>
  runMarkers(text, { tokensOnly }).map(({ ruleName, messageId, start }) => ({ ruleName, messageId, at: text.slice(start, start + 12) }));

describe('runMarkers', () => {
  it('finds the stored login in shell and Ruby, built any way', () => {
    expect(found('cat "$HOME/.claude/.credentials.json" | jq .claudeAiOauth.accessToken')).toEqual([
      { ruleName: 'no-credential-store-read', messageId: 'credentialsFile', at: '.credentials' },
      { ruleName: 'no-credential-store-read', messageId: 'storedLoginKey', at: 'claudeAiOauth' .slice(0, 12) },
    ]);
    expect(found('path = File.join(Dir.home, ".claude", ".credentials.json")')).toHaveLength(1);
    expect(found('security find-generic-password -s "Claude Code-credentials" -w')).toEqual([
      { ruleName: 'no-credential-store-read', messageId: 'keychain', at: 'Claude Code-' },
    ]);
  });

  it('ignores other tools\' .credentials.json', () => {
    expect(found('cp ~/.config/gcloud/.credentials.json /tmp')).toEqual([]);
  });

  it('only looks for written-out credentials in prose', () => {
    const docs = `Claude Code keeps its login in ~/.claude/.credentials.json.\nNever commit ${FAKE_OAUTH_TOKEN}.`;
    expect(found(docs, true)).toEqual([{ ruleName: 'no-embedded-token', messageId: 'subscriptionToken', at: 'sk-ant-oat01' }]);
  });

  it('never puts a whole token in message data', () => {
    const [match] = runMarkers(`TOKEN=${FAKE_OAUTH_TOKEN}`);
    expect(JSON.stringify(match)).not.toContain(FAKE_OAUTH_TOKEN);
  });
});
