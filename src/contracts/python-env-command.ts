/** This package's `bin` that makes the Pipenv environment match the Pipfile and its lock (uv installs). */
export const PYTHON_ENV = 'devstack-python-env';

/** What a task asks of `devstack-python-env`: written by the tasks, read by the bin. */
export const PYTHON_ENV_MODES = {
  /** Bring the packages exactly in line with the lock (recreating the environment for another Python): `install`. */
  sync: ['sync'],
  /** Install only when the environment's Python is not the Pipfile's or the lock changed since it last installed: `test` and `dev`. */
  match: ['match'],
  /** The Pipfile's Python, no packages: `lock`. */
  interpreter: ['match', '--no-install'],
} as const;

export type PythonEnvMode = keyof typeof PYTHON_ENV_MODES;

/** The task step for a mode. */
export function pythonEnvCommand(mode: PythonEnvMode): string[] {
  return [PYTHON_ENV, ...PYTHON_ENV_MODES[mode]];
}

/** The mode the bin's arguments name, or undefined. */
export function decodePythonEnvMode(args: readonly string[]): PythonEnvMode | undefined {
  return (Object.keys(PYTHON_ENV_MODES) as PythonEnvMode[])
    .find((mode) => PYTHON_ENV_MODES[mode].length === args.length && PYTHON_ENV_MODES[mode].every((arg, index) => args[index] === arg));
}
