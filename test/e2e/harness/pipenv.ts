import { delimiter } from 'path';
import { engineEnv } from './engine';
import { ensureToolVenv } from './python-tools';
import { DEFAULTS } from '../../../src/defaults';

/**
 * The real Pipenv from PyPI, in a virtualenv of its own under `.tmp/tools`
 * (reused across runs), pinned to the version the generated Dockerfile uses.
 * Returns the folder to put on the PATH.
 */
export function ensurePipenv(): string {
  return ensureToolVenv(`pipenv-${DEFAULTS.pipenvVersion}`, [`pipenv==${DEFAULTS.pipenvVersion}`], ['pipenv']);
}

/** The environment of a user's shell with Pipenv installed (and the engine settings). */
export function withPipenv(pipenvBin: string): NodeJS.ProcessEnv {
  const env = engineEnv();
  env.PATH = `${pipenvBin}${delimiter}${env.PATH}`;
  return env;
}
