import { execFileSync } from 'child_process';
import { Component, Project } from '../projen-api';
import { LOCK_FIX, PIPENV_LOCK } from './pipenv-commands';
import { lockState, LockState } from './pipfile-hash';
import { EnvironmentError, processRunner, syncEnvironment } from './python-environment';
import { pipenvProcessEnv } from './venv-location';
import { onPath } from '../util/on-path';

const WHY: Record<Exclude<LockState, 'current'>, string> = {
  missing: 'Pipfile.lock does not exist yet',
  unreadable: 'Pipfile.lock is not a lock Pipenv wrote (no _meta.hash.sha256)',
  stale: 'Pipfile.lock is out of date with the Pipfile (the Pipfile hash it records differs, as `pipenv verify` would say)',
};

/**
 * After a synth, checks `Pipfile.lock` against the Pipfile the way `pipenv verify` does
 * (the Pipfile hash the lock records). When it is missing or out of date, refreshes it
 * when Pipenv is on the PATH; otherwise says which command to run. The lock itself is
 * the user's file: it is never deleted or generated here.
 */
export class LockRefresh extends Component {
  constructor(
    project: Project,
    private readonly enabled: boolean,
  ) {
    super(project);
  }

  postSynthesize(): void {
    const state = lockState(this.project.outdir);
    if (state === 'current') return;
    const reason = WHY[state];
    const advice = LOCK_FIX;
    if (!this.enabled) {
      this.project.logger.warn(`${reason}: ${advice}.`);
      return;
    }
    if (!onPath(PIPENV_LOCK[0])) {
      this.project.logger.warn(`${reason} and Pipenv is not on the PATH here: ${advice} where Pipenv is installed (for example in the dev container).`);
      return;
    }
    this.project.logger.info(`${reason}: running \`${PIPENV_LOCK.join(' ')}\`...`);
    try {
      // Pipenv locks with the environment's interpreter: after a pythonVersion change, the new one
      syncEnvironment(this.project.outdir, processRunner(this.project.outdir), { sync: false, install: false });
      execFileSync(PIPENV_LOCK[0], PIPENV_LOCK.slice(1), {
        cwd: this.project.outdir,
        env: pipenvProcessEnv(process.env),
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (error) {
      if (error instanceof EnvironmentError) {
        this.project.logger.warn(`${error.message} Pipfile.lock is unchanged: ${advice} once that is done.`);
        return;
      }
      const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.project.logger.warn(`\`${PIPENV_LOCK.join(' ')}\` failed (${cause}); Pipfile.lock is unchanged. Fix the cause, then ${advice}.`);
    }
  }
}
