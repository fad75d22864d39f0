import { describe, expect, it } from 'vitest';
import { classify } from '../../src/scan/classify.js';

describe('classify', () => {
  it.each([
    ['src/app.ts', 'js'],
    ['src/App.TSX', 'js'],
    ['lib/index.cjs', 'js'],
    ['worker/summarize.py', 'python'],
    ['package.json', 'package-json'],
    ['.env', 'dotenv'],
    ['config/.env.production', 'dotenv'],
    ['Dockerfile', 'dockerfile'],
    ['docker/Dockerfile.dev', 'dockerfile'],
    ['api.dockerfile', 'dockerfile'],
    ['docker-compose.yml', 'compose'],
    ['deploy/compose.prod.yaml', 'compose'],
    ['.github/workflows/review.yml', 'workflow'],
    ['packages/x/.github/workflows/ci.yaml', 'workflow'],
    ['docs/setup.md', 'prose'],
    ['scripts/deploy.sh', 'shell'],
    ['cmd/api/main.go', 'go'],
    ['Gemfile', 'ruby'],
    ['src/lib.rs', 'rust'],
    ['config/app.toml', 'text'],
    ['config/settings.yml', 'text'],
    ['assets/logo.png', 'binary'],
    ['vendor/lib.so', 'binary'],
  ] as const)('%s is %s', (file, kind) => {
    expect(classify(file)).toBe(kind);
  });
});
