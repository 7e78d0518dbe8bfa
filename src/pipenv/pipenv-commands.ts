/**
 * How uv installs what the lock pins, in the Dockerfile and the tasks alike: exactly the
 * exported packages (`uv pip sync`: nothing resolved, anything else removed), every file
 * hash-checked, a package taken from whichever of the Pipfile's indexes has the locked file,
 * as pip does (uv's own default takes a name from the first index that lists it; Pipenv's
 * export no longer says which index a package came from, and the locked hashes keep a
 * look-alike out).
 */
export const UV_SYNC_FLAGS = ['--require-hashes', '--index-strategy', 'unsafe-best-match'] as const;

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
