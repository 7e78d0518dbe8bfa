/**
 * Where Pipenv keeps the environment.
 *
 * In the dev container it is the image's `/opt/venv`, outside the workspace mount
 * (WORKON_HOME and PIPENV_CUSTOM_VENV_NAME, set by the Dockerfile). On the host, Pipenv
 * keeps its own environment outside the workspace too (PIPENV_VENV_IN_PROJECT=0 ignores a
 * `.venv` folder), so a host run never picks up, or breaks on, an environment whose
 * interpreter exists elsewhere.
 */
export const VENV_IN_PROJECT = 'PIPENV_VENV_IN_PROJECT';

/**
 * An activated environment (VS Code's terminals activate the interpreter it uses) would
 * otherwise become Pipenv's for that one command: the tasks always mean the project's.
 */
export const IGNORE_VIRTUALENVS = 'PIPENV_IGNORE_VIRTUALENVS';

/**
 * Task environment: keep the caller's settings, else no `.venv` and no activated
 * environment. Give each task a copy: projen's `Task.env()` changes the object it was given.
 */
export const PIPENV_TASK_ENV: Readonly<Record<string, string>> = {
  [VENV_IN_PROJECT]: `$(echo \${${VENV_IN_PROJECT}:-0})`,
  [IGNORE_VIRTUALENVS]: `$(echo \${${IGNORE_VIRTUALENVS}:-1})`,
};

/** Environment for running Pipenv from the synth: the same rule as the tasks. */
export function pipenvProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // an empty value is no setting to Pipenv (it then takes any .venv folder): the same as unset here
  return { ...env, [VENV_IN_PROJECT]: env[VENV_IN_PROJECT] || '0', [IGNORE_VIRTUALENVS]: env[IGNORE_VIRTUALENVS] || '1' };
}
