import { execFileSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, FileBase, Project } from 'projen';
import { pipenvProcessEnv } from './venv-location';
import { onPath } from '../util/on-path';

/** The command that refreshes the lock, as a user types it. */
export const LOCK_COMMAND = ['pipenv', 'lock'] as const;

/**
 * After a synth that changed the Pipfile (or left no lock at all), refreshes
 * `Pipfile.lock` when Pipenv is on the PATH; otherwise says which command to run.
 * The lock itself is the user's file: it is never deleted or generated here.
 */
export class LockRefresh extends Component {
  private pipfileBefore?: string;

  constructor(
    project: Project,
    private readonly pipfile: FileBase,
    private readonly enabled: boolean,
  ) {
    super(project);
  }

  // FileBase.changed also reports a mere permission change (always, when running as root),
  // so compare the Pipfile's text before and after the synth.
  preSynthesize(): void {
    this.pipfileBefore = readIfExists(this.pipfile.absolutePath);
  }

  postSynthesize(): void {
    const lockExists = existsSync(join(this.project.outdir, 'Pipfile.lock'));
    const pipfileChanged = readIfExists(this.pipfile.absolutePath) !== this.pipfileBefore;
    if (lockExists && !pipfileChanged) return;
    const reason = lockExists ? 'Pipfile changed, so Pipfile.lock is out of date' : 'Pipfile.lock does not exist yet';
    const advice = `run \`npx projen lock\` (or \`${LOCK_COMMAND.join(' ')}\`) and commit Pipfile.lock`;
    if (!this.enabled) {
      this.project.logger.warn(`${reason}: ${advice}.`);
      return;
    }
    if (!onPath(LOCK_COMMAND[0])) {
      this.project.logger.warn(`${reason} and Pipenv is not on the PATH here: ${advice} where Pipenv is installed (for example in the dev container).`);
      return;
    }
    this.project.logger.info(`${reason}: running \`${LOCK_COMMAND.join(' ')}\`...`);
    try {
      execFileSync(LOCK_COMMAND[0], LOCK_COMMAND.slice(1), {
        cwd: this.project.outdir,
        env: pipenvProcessEnv(process.env),
        stdio: ['ignore', 'inherit', 'inherit'],
      });
    } catch (error) {
      const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
      this.project.logger.warn(`\`${LOCK_COMMAND.join(' ')}\` failed (${cause}); Pipfile.lock is unchanged. Fix the cause, then ${advice}.`);
    }
  }
}

function readIfExists(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf-8') : undefined;
}
