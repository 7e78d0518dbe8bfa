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
 * Task environment: keep the caller's settings, else no `.venv` and no activated environment
 * (an empty setting counts as unset). Evaluated by Node, not by a shell expansion: projen's task
 * runtime runs a `$(...)` value in its own shell, which leaves `${NAME:-0}` as that literal text,
 * and Pipenv takes a value that is no boolean as unset (then any `.venv` folder is its environment).
 * Give each task a copy: projen's `Task.env()` changes the object the task was given.
 */
export const PIPENV_TASK_ENV: Readonly<Record<string, string>> = {
  [VENV_IN_PROJECT]: `$(node -p "process.env.${VENV_IN_PROJECT} || 0")`,
  [IGNORE_VIRTUALENVS]: `$(node -p "process.env.${IGNORE_VIRTUALENVS} || 1")`,
};

/** Environment for running Pipenv from the synth: the same rule as the tasks. */
export function pipenvProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, [VENV_IN_PROJECT]: env[VENV_IN_PROJECT] || '0', [IGNORE_VIRTUALENVS]: env[IGNORE_VIRTUALENVS] || '1' };
}
