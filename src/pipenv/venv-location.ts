/**
 * Where Pipenv keeps the environment.
 *
 * In the dev container it lives in the workspace (`.venv`, PIPENV_VENV_IN_PROJECT=1,
 * set by the Dockerfile and devcontainer.json) so VS Code finds it at a fixed path.
 * On the host, Pipenv keeps its own environment outside the workspace
 * (PIPENV_VENV_IN_PROJECT=0 ignores `.venv`), so a host run never picks up, or
 * breaks on, the container's `.venv`, whose interpreter only exists in the container.
 */
export const VENV_IN_PROJECT = 'PIPENV_VENV_IN_PROJECT';

/**
 * Task environment: keep the caller's setting (1 in the dev container), else 0 (an empty
 * setting too). Evaluated by Node, not by a shell expansion: projen's task runtime runs a
 * `$(...)` value in its own shell, which leaves `${NAME:-0}` as that literal text, and Pipenv
 * takes a value that is no boolean as unset (then any `.venv` folder is its environment).
 * Give each task a copy: projen's `Task.env()` changes the object the task was given.
 */
export const PIPENV_TASK_ENV: Readonly<Record<string, string>> = { [VENV_IN_PROJECT]: `$(node -p "process.env.${VENV_IN_PROJECT} || 0")` };

/** Environment for running Pipenv from the synth: the same rule as the tasks. */
export function pipenvProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, [VENV_IN_PROJECT]: env[VENV_IN_PROJECT] || '0' };
}
