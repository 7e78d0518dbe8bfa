import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { DEFAULTS } from '../settings';
import { onPath } from '../util/on-path';

/** Where `pip install --user` and pipx put commands on Linux and macOS. */
const USER_BIN = '.local/bin';

/**
 * What is missing for a task, as one sentence with the fix, or undefined.
 *
 * @param args e.g. ["tool", "pipenv", "2026.10.3"], ["engine", "docker"], ["lockfile"]
 * @param cwd the project folder
 * @param path the PATH to search
 * @param home the user's home folder
 */
export function preflightProblem(args: readonly string[], cwd: string, path = process.env.PATH ?? '', home = homedir()): string | undefined {
  const [kind, name] = args;
  switch (kind) {
    case 'tool':
      if (name === 'pipenv' && !onPath('pipenv', path)) return missingPipenv(args[2] ?? DEFAULTS.pipenvVersion, home);
      return undefined;
    case 'engine':
      if (!onPath(name, path)) {
        return `${name} is not installed here: install it, or choose the other engine with containerEngine in .projenrc.ts (ContainerEngine.DOCKER or ContainerEngine.PODMAN).`;
      }
      if (spawnSync(name, ['info'], { stdio: 'ignore', timeout: 30_000, env: { ...process.env, PATH: path } }).status !== 0) {
        return `${name} is installed but its engine does not answer ("${name} info" fails): start it (for Docker: start Docker Desktop or the docker service), then run this task again.`;
      }
      return undefined;
    case 'lockfile':
      if (!existsSync(join(cwd, 'Pipfile.lock'))) {
        return 'Pipfile.lock is missing: run "npx projen lock", commit Pipfile.lock, then build again.';
      }
      return undefined;
    default:
      return `unknown check "${args.join(' ')}" (expected: tool pipenv VERSION | engine docker|podman | lockfile).`;
  }
}

/** Pipenv installed by `pip install --user` but not found: ~/.local/bin is often not on the PATH. */
function missingPipenv(version: string, home: string): string {
  if (onPath('pipenv', join(home, USER_BIN))) {
    return `Pipenv is installed in ~/${USER_BIN}, which is not on your PATH: run  export PATH="$HOME/${USER_BIN}:$PATH"  (add that line to ~/.bashrc or ~/.profile to keep it), then run this task again.`;
  }
  return `Pipenv is not installed here: install it with "python3 -m pip install --user pipenv==${version}" (or "pipx install pipenv==${version}"), or run this task in the dev container.`;
}
