import { execFileSync } from "child_process";
import { accessSync, constants, existsSync } from "fs";
import { delimiter, join } from "path";
import { Component, FileBase, Project } from "projen";

/** The command that refreshes the lock, as a user types it. */
export const LOCK_COMMAND = ["pipenv", "lock"] as const;

/**
 * After a synth that changed the Pipfile (or left no lock at all), refreshes
 * `Pipfile.lock` when Pipenv is on the PATH; otherwise says which command to run.
 * The lock itself is the user's file: it is never deleted or generated here.
 */
export class LockRefresh extends Component {
  constructor(
    project: Project,
    private readonly pipfile: FileBase,
    private readonly enabled: boolean,
  ) {
    super(project);
  }

  postSynthesize(): void {
    const lockExists = existsSync(join(this.project.outdir, "Pipfile.lock"));
    if (lockExists && !this.pipfile.changed) return;
    const reason = lockExists ? "Pipfile changed, so Pipfile.lock is out of date" : "Pipfile.lock does not exist yet";
    const advice = `run \`npx projen lock\` (or \`${LOCK_COMMAND.join(" ")}\`) and commit Pipfile.lock`;
    if (!this.enabled) {
      this.project.logger.warn(`${reason}: ${advice}.`);
      return;
    }
    if (!onPath(LOCK_COMMAND[0])) {
      this.project.logger.warn(`${reason} and Pipenv is not on the PATH here: ${advice} where Pipenv is installed (for example in the dev container).`);
      return;
    }
    this.project.logger.info(`${reason}: running \`${LOCK_COMMAND.join(" ")}\`...`);
    try {
      execFileSync(LOCK_COMMAND[0], LOCK_COMMAND.slice(1), {
        cwd: this.project.outdir,
        stdio: ["ignore", "inherit", "inherit"],
      });
    } catch {
      this.project.logger.warn(`\`${LOCK_COMMAND.join(" ")}\` failed (see its output above); Pipfile.lock is unchanged. Fix the cause, then ${advice}.`);
    }
  }
}

/** True when `command` is an executable file in one of the PATH folders. */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
