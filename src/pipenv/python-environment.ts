import { spawnSync, SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as TOML from '@iarna/toml';
import { LOCK_FIX, PIPENV_LOCK, UV_SYNC_FLAGS } from './pipenv-commands';
import { lockState } from './pipfile-hash';
import { pipenvProcessEnv } from './venv-location';

/**
 * Written into the environment after uv installed a lock: the sha256 of that `Pipfile.lock`,
 * so `test` and `dev` install again only when the lock changed (a pull, a `pipenv lock`).
 */
export const SYNCED_LOCK_STAMP = '.devstack-synced-lock';

/**
 * Beside the stamp: the hash-checked export of that lock, as uv installed it, so `install` can
 * bring the packages back in line with an unchanged lock without asking Pipenv to export again.
 * Trusted only while the stamp names the lock on disk.
 */
export const SYNCED_REQUIREMENTS = '.devstack-synced-requirements.txt';

/** What `syncEnvironment` runs: Pipenv, uv and the environment's interpreter, in the project folder. */
export type Runner = (command: string, args: readonly string[], options?: { readonly inherit?: boolean }) => SpawnSyncReturns<string>;

/**
 * Runs a command in `cwd` with Pipenv's environment rule (see `pipenvProcessEnv`), never
 * waiting for an answer: Pipenv's "recreate the environment?" question is answered yes.
 */
export function processRunner(cwd: string, env: NodeJS.ProcessEnv = process.env): Runner {
  return (command, args, options = {}) => spawnSync(command, [...args], {
    cwd,
    env: { ...pipenvProcessEnv(env), PIPENV_YES: '1' },
    encoding: 'utf-8',
    stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : 'pipe',
  });
}

/** What became of the environment. */
export interface EnvironmentReport {
  /** The environment's folder; undefined when there was none and nothing asked for one. */
  readonly location?: string;
  /** Why it was (re)created, or undefined when the existing one was kept. */
  readonly created?: string;
  /** Whether its packages were brought in line with the lock. */
  readonly synced: boolean;
}

/** A step that failed, as one sentence with the way out. */
export class EnvironmentError extends Error {}

/** The Python the Pipfile names (`[requires] python_version`), or undefined when it names none. */
export function requiredPython(projectDir: string): string | undefined {
  const pipfile = join(projectDir, 'Pipfile');
  if (!existsSync(pipfile)) return undefined;
  const requires = TOML.parse(readFileSync(pipfile, 'utf-8')).requires as { python_version?: unknown } | undefined;
  return typeof requires?.python_version === 'string' ? requires.python_version : undefined;
}

/** The `major.minor` of the interpreter an environment was made with, from its `pyvenv.cfg`. */
export function environmentPython(location: string): string | undefined {
  const config = join(location, 'pyvenv.cfg');
  if (!existsSync(config)) return undefined;
  // venv writes "version", virtualenv and uv "version_info"
  const match = /^\s*version(?:_info)?\s*=\s*(\d+)\.(\d+)/m.exec(readFileSync(config, 'utf-8'));
  return match ? `${match[1]}.${match[2]}` : undefined;
}

/**
 * Makes the Pipenv environment the one the Pipfile names: recreated (by Pipenv, which finds
 * the new interpreter before it removes the old environment) when its interpreter is another
 * Python; then its packages brought exactly in line with the lock by uv, from Pipenv's
 * hash-checked export with the dev packages. While the environment holds this very lock (see
 * `SYNCED_LOCK_STAMP`), `match` installs nothing and `sync` re-applies the export it kept
 * (`SYNCED_REQUIREMENTS`), so only a changed lock costs a Pipenv export. A missing or stale
 * lock is refreshed first (as `pipenv install` does).
 *
 * @param sync bring the packages in line even when the environment already holds this lock
 * @param install whether to install packages at all (false for `lock`, which only needs the interpreter)
 */
export function syncEnvironment(projectDir: string, run: Runner, options: { readonly sync: boolean; readonly install?: boolean }): EnvironmentReport {
  const install = options.install ?? true;
  const required = requiredPython(projectDir);
  const existing = venvLocation(run);
  // without packages to install, a missing environment is Pipenv's to make (pipenv lock does)
  if (!existing && !install) return { synced: false };
  const current = existing ? environmentPython(existing) : undefined;
  let created: string | undefined;
  if (!existing) {
    created = 'there was none';
  } else if (required && current !== required) {
    created = `it ran Python ${current ?? 'of an unknown version'} and the Pipfile names ${required}`;
  }
  if (created) createEnvironment(run, required, created);
  // Pipenv takes most of a second to answer: asked again only when it made the environment
  const location = created ? venvLocation(run) : existing;
  if (!location) throw new EnvironmentError('Pipenv created no environment (pipenv --venv names none): run pipenv --python with the Pipfile\'s python_version and read its message.');
  if (!install) return { location, created, synced: false };
  const stamp = join(location, SYNCED_LOCK_STAMP);
  const requirements = join(location, SYNCED_REQUIREMENTS);
  const lockCurrent = lockState(projectDir) === 'current';
  const lockHash = lockFileHash(projectDir);
  const holdsLock = !created && lockCurrent && lockHash !== undefined && readStamp(stamp) === lockHash;
  if (holdsLock && !options.sync) return { location, created, synced: false };
  // an install that fails from here on must not leave the stamp of the lock it did not install
  rmSync(stamp, { force: true });
  if (!holdsLock || !existsSync(requirements)) {
    if (!lockCurrent) {
      must(run(PIPENV_LOCK[0], PIPENV_LOCK.slice(1), { inherit: true }), `\`${PIPENV_LOCK.join(' ')}\` failed: fix the Pipfile, then ${LOCK_FIX}`);
    }
    writeFileSync(requirements, must(run('pipenv', ['requirements', '--dev', '--hash']), 'pipenv requirements --dev --hash could not export Pipfile.lock').stdout);
  }
  must(
    run('uv', ['pip', 'sync', '--python', join(location, 'bin', 'python'), ...UV_SYNC_FLAGS, requirements], { inherit: true }),
    'uv could not install exactly what Pipfile.lock pins (its message is above)',
  );
  writeFileSync(stamp, lockFileHash(projectDir) ?? '');
  return { location, created, synced: true };
}

/** The lock hash a stamp names (its first word: the image's build writes sha256sum's line), or undefined. */
function readStamp(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf-8').trim().split(/\s+/)[0] : undefined;
}

/** The sha256 of Pipfile.lock as it is on disk, or undefined when there is none. */
function lockFileHash(projectDir: string): string | undefined {
  const lock = join(projectDir, 'Pipfile.lock');
  return existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : undefined;
}

function venvLocation(run: Runner): string | undefined {
  const result = run('pipenv', ['--venv']);
  const location = result.status === 0 ? result.stdout.trim().split('\n').pop()?.trim() : undefined;
  return location && existsSync(location) ? location : undefined;
}

function createEnvironment(run: Runner, required: string | undefined, why: string): void {
  const result = run('pipenv', ['--python', required ?? 'python3'], { inherit: true });
  if (result.status === 0) return;
  throw new EnvironmentError(
    `Pipenv could not create the environment with Python ${required ?? '3'} (${why}): ` +
    `install Python ${required ?? '3'} here (for example with pyenv), or, in the dev container, rebuild it ` +
    '(its base image follows pythonVersion: "Dev Containers: Rebuild Container"), then run this task again.',
  );
}

function must(result: SpawnSyncReturns<string>, message: string): SpawnSyncReturns<string> {
  if (result.status === 0) return result;
  const detail = (result.stderr ?? result.error?.message ?? '').trim().split('\n').slice(-3).join(' ');
  throw new EnvironmentError(detail ? `${message}: ${detail}` : message);
}
