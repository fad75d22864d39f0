import { describe, expect, it } from 'vitest';
import { AnalyzerParseError } from '../../src/files/index.js';
import { analyzeWorkflow } from '../../src/files/workflow.js';
import { isOwnerOnly } from '../../src/files/workflow-gate.js';
import { analyze, located } from './helpers.js';

const OTHERS = { ruleId: 'claude-auth/no-multi-user-surface', messageId: 'workflowOnOthersEvents', severity: 1 };
const THIRD_PARTY = { ruleId: 'claude-auth/no-multi-user-surface', messageId: 'tokenToThirdPartyAction', severity: 1 };
const TOKEN = 'sk-ant-oat01-1qdXWPJx-d8ut8pdqsxRpvED5hJRaOvRTYZPNvS_I4k9GvvK9JkmW378D-Cn511CFUBWkNhBm2bd2AG2_B2TFu2aWo_C7AA';

/** A workflow on `on` whose one job has `if` (when given) and runs the official action with the token. */
function actionWorkflow(on: string, condition?: string): string {
  return [
    'name: Claude',
    on,
    'jobs:',
    '  claude:',
    ...(condition === undefined ? [] : [`    if: ${condition}`]),
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: anthropics/claude-code-action@v1',
    '        with:',
    '          claude_code_oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
    '',
  ].join('\n');
}

describe('analyzeWorkflow', () => {
  it('reports the token input of a job that anyone’s comment starts, at the key', () => {
    const text = actionWorkflow('on:\n  issue_comment:\n    types: [created]');
    const findings = analyze(analyzeWorkflow, text);
    expect(located(findings)).toEqual([{ ...OTHERS, line: 11, column: 11 }]);
    expect(findings[0]?.message).toContain('`issue_comment`');
    expect(findings[0]?.message).toContain('secrets.CLAUDE_CODE_OAUTH_TOKEN');
  });

  it('reads every form of on: (a string, a list, a mapping)', () => {
    expect(located(analyze(analyzeWorkflow, actionWorkflow('on: pull_request_target')))).toEqual([{ ...OTHERS, line: 9, column: 11 }]);
    expect(located(analyze(analyzeWorkflow, actionWorkflow('on: [push, pull_request]')))).toEqual([{ ...OTHERS, line: 9, column: 11 }]);
    expect(analyze(analyzeWorkflow, actionWorkflow('on: [push, workflow_dispatch]'))).toEqual([]);
  });

  it('leaves events only the owner starts alone', () => {
    for (const on of ['on: push', 'on: workflow_dispatch', "on:\n  schedule:\n    - cron: '0 3 * * *'", 'on:\n  release:\n    types: [published]']) {
      expect(analyze(analyzeWorkflow, actionWorkflow(on))).toEqual([]);
    }
  });

  it('accepts gates that let only the owner through', () => {
    for (const condition of [
      "github.event.comment.author_association == 'OWNER'",
      "${{ github.actor == github.repository_owner }}",
      "github.repository_owner == github.triggering_actor && contains(github.event.comment.body, '@claude')",
      "github.event.sender.login == 'octo-owner'",
      "(github.actor == 'octo-owner' || github.actor == 'dependabot[bot]') && github.event_name != 'issues'",
      "contains(fromJSON('[\"OWNER\"]'), github.event.comment.author_association)",
    ]) {
      expect(analyze(analyzeWorkflow, actionWorkflow('on: issue_comment', JSON.stringify(condition))), condition).toEqual([]);
    }
  });

  it('does not take team gates or half-gates for owner gates', () => {
    for (const condition of [
      "contains(github.event.comment.body, '@claude')",
      "github.event.comment.author_association == 'MEMBER'",
      "contains(fromJSON('[\"OWNER\", \"MEMBER\", \"COLLABORATOR\"]'), github.event.comment.author_association)",
      "github.actor == 'alice' || github.actor == 'bob'",
      "github.actor == github.repository_owner || contains(github.event.comment.body, '@claude')",
      "github.actor != github.repository_owner",
      "!(github.actor == github.repository_owner)",
      "github.repository_owner == 'acme'",
    ]) {
      // The if: line comes before the token, at line 10.
      expect(located(analyze(analyzeWorkflow, actionWorkflow('on: issue_comment', JSON.stringify(condition)))), condition).toEqual([
        { ...OTHERS, line: 10, column: 11 },
      ]);
    }
  });

  it('gates a step by its own if:, and reports env at job and step level', () => {
    const text = [
      'on: issues',
      'jobs:',
      '  triage:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '    steps:',
      '      - if: github.event.issue.user.login == github.repository_owner',
      '        run: claude -p "Label this issue"',
      '        env:',
      '          CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '      - run: claude -p "Label this issue"',
      '        env:',
      '          CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.PERSONAL_CLAUDE_OAUTH }}',
      '',
    ].join('\n');
    const findings = analyze(analyzeWorkflow, text);
    expect(located(findings)).toEqual([
      { ...OTHERS, line: 6, column: 7 },
      { ...OTHERS, line: 14, column: 11 },
    ]);
    expect(findings[1]?.message).toContain('secrets.PERSONAL_CLAUDE_OAUTH');
  });

  it('finds a token reference written into a run: script, at the reference', () => {
    const text = [
      'on: discussion_comment',
      'jobs:',
      '  answer:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: |',
      '          npm i -g @anthropic-ai/claude-code',
      '          CLAUDE_CODE_OAUTH_TOKEN=${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }} claude -p "Answer the discussion"',
      '',
    ].join('\n');
    expect(located(analyze(analyzeWorkflow, text))).toEqual([{ ...OTHERS, line: 8, column: 39 }]);
  });

  it('reports workflow-level env unless every job is gated', () => {
    const workflow = (secondCondition: string): string =>
      [
        'on: pull_request_target',
        'env:',
        '  CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
        'jobs:',
        '  a:',
        '    if: github.actor == github.repository_owner',
        '    runs-on: ubuntu-latest',
        '    steps: [{ run: claude -p hi }]',
        '  b:',
        `    if: ${secondCondition}`,
        '    runs-on: ubuntu-latest',
        '    steps: [{ run: claude -p hi }]',
        '',
      ].join('\n');
    expect(located(analyze(analyzeWorkflow, workflow('always()')))).toEqual([{ ...OTHERS, line: 3, column: 3 }]);
    expect(analyze(analyzeWorkflow, workflow("github.event.pull_request.user.login == github.repository_owner"))).toEqual([]);
  });

  it('reports a token handed to a third-party action or reusable workflow, whatever the event', () => {
    const text = [
      'on: push',
      'jobs:',
      '  notes:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: acme-tools/ai-release-notes@v3',
      '        with:',
      '          oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '      - uses: ./.github/actions/polish',
      '        with:',
      '          claude_code_oauth_token: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '      - uses: anthropics/claude-code-base-action@beta',
      '        env:',
      '          CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '  shared:',
      '    uses: other-org/workflows/.github/workflows/claude.yml@main',
      '    secrets:',
      '      CLAUDE_CODE_OAUTH_TOKEN: ${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}',
      '',
    ].join('\n');
    const findings = analyze(analyzeWorkflow, text);
    expect(located(findings)).toEqual([
      { ...THIRD_PARTY, line: 8, column: 11 },
      { ...THIRD_PARTY, line: 18, column: 7 },
    ]);
    expect(findings[0]?.message).toContain('acme-tools/ai-release-notes@v3');
  });

  it('reports a token written out once, as red no-embedded-token, and API keys not at all', () => {
    const text = [
      'on: issue_comment',
      'jobs:',
      '  claude:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: anthropics/claude-code-action@v1',
      '        with:',
      `          claude_code_oauth_token: ${TOKEN}`,
      '          anthropic_api_key: ${{ secrets.ANTHROPIC_API_KEY }}',
      '',
    ].join('\n');
    const findings = analyze(analyzeWorkflow, text);
    expect(located(findings)).toEqual([{ ruleId: 'claude-auth/no-embedded-token', messageId: 'subscriptionToken', severity: 2, line: 8, column: 36 }]);
    expect(JSON.stringify(findings)).not.toContain(TOKEN);
  });

  it('ignores empty values and other secrets', () => {
    const text = actionWorkflow('on: issue_comment').replace('${{ secrets.CLAUDE_CODE_OAUTH_TOKEN }}', "''");
    expect(analyze(analyzeWorkflow, text)).toEqual([]);
  });

  it('throws a positioned parse error for malformed YAML', () => {
    expect(() => analyzeWorkflow('on: [push\njobs:\n  x: {}\n')).toThrow(AnalyzerParseError);
    try {
      analyzeWorkflow('name: x\non: push\n  jobs: [\n');
    } catch (error) {
      expect(error).toBeInstanceOf(AnalyzerParseError);
      expect((error as AnalyzerParseError).line).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('isOwnerOnly', () => {
  it('is false without a condition', () => {
    expect(isOwnerOnly(undefined)).toBe(false);
  });

  it('compares logins case-insensitively, as GitHub does', () => {
    expect(isOwnerOnly("github.actor == 'Alice' || github.actor == 'alice'")).toBe(true);
  });

  it('keeps parentheses inside strings out of the structure', () => {
    expect(isOwnerOnly("(github.actor == github.repository_owner) && contains(github.event.comment.body, '(@claude)')")).toBe(true);
    expect(isOwnerOnly("contains(github.event.comment.body, ') || (') && github.actor == 'x'")).toBe(true);
  });
});
