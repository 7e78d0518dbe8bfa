import { existsSync } from 'fs';
import { delimiter, join } from 'path';
import { engineEnv } from './engine';
import { REPO_ROOT, runOk } from './generated-project';
import { DEFAULTS } from '../../../src/settings';

/**
 * The real Pipenv from PyPI, in a virtualenv of its own under `.tmp/tools`
 * (reused across runs), pinned to the version the generated Dockerfile uses.
 * Returns the folder to put on the PATH.
 */
export function ensurePipenv(): string {
  const venv = join(REPO_ROOT, '.tmp', 'tools', `pipenv-${DEFAULTS.pipenvVersion}`);
  const bin = join(venv, 'bin');
  if (!existsSync(join(bin, 'pipenv'))) {
    runOk('python3', ['-m', 'venv', venv], REPO_ROOT);
    runOk(join(bin, 'pip'), ['install', '--quiet', `pipenv==${DEFAULTS.pipenvVersion}`], REPO_ROOT);
  }
  return bin;
}

/** The environment of a user's shell with Pipenv installed (and the engine settings). */
export function withPipenv(pipenvBin: string): NodeJS.ProcessEnv {
  const env = engineEnv();
  env.PATH = `${pipenvBin}${delimiter}${env.PATH}`;
  return env;
}
