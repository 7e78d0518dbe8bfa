import { delimiter } from 'path';
import { engineEnv } from './engine';
import { ensureToolVenv } from './python-tools';
import { DEFAULTS } from '../../../src/defaults';

/**
 * The real Pipenv and uv from PyPI, in a virtualenv of their own under `.tmp/tools`
 * (reused across runs), pinned to the versions the generated Dockerfile uses (the `install`
 * task runs both). Returns the folder to put on the PATH.
 */
export function ensurePipenv(): string {
  const pins = [`pipenv==${DEFAULTS.pipenvVersion}`, `uv==${DEFAULTS.uvVersion}`];
  return ensureToolVenv(`pipenv-${DEFAULTS.pipenvVersion}-uv-${DEFAULTS.uvVersion}`, pins, ['pipenv', 'uv']);
}

/** The environment of a user's shell with Pipenv installed (and the engine settings). */
export function withPipenv(pipenvBin: string): NodeJS.ProcessEnv {
  const env = engineEnv();
  env.PATH = `${pipenvBin}${delimiter}${env.PATH}`;
  return env;
}
