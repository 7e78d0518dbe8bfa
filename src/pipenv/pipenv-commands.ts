/** Creates the environment with the dev packages: the `install` task and the dev container's first start. */
export const PIPENV_INSTALL_DEV = ['pipenv', 'install', '--dev'] as const;

/** Refreshes the lock from the Pipfile: the `lock` task and the refresh after a synth. */
export const PIPENV_LOCK = ['pipenv', 'lock'] as const;

/** The one fix for a missing or stale lock, in every message that needs it. */
export const LOCK_FIX = `run "npx projen lock" (or "${PIPENV_LOCK.join(' ')}") and commit Pipfile.lock`;

/** What is wrong with the lock, as the Dockerfile's build and the preflight say it. */
export const LOCK_PROBLEMS = {
  missing: 'Pipfile.lock is missing',
  stale: 'Pipfile.lock is out of date with Pipfile',
} as const;

/** The message for a lock problem: what is wrong, the fix, and what to do after. */
export function lockMessage(problem: keyof typeof LOCK_PROBLEMS, then = 'then build again'): string {
  return `${LOCK_PROBLEMS[problem]}: ${LOCK_FIX}, ${then}.`;
}
