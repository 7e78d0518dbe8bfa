import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { DEFAULTS } from '../settings';
import { onPath } from '../util/on-path';

/**
 * What is missing for a task, as one sentence with the fix, or undefined.
 *
 * @param args e.g. ["tool", "pipenv"], ["engine", "docker"], ["lockfile"]
 * @param cwd the project folder
 * @param path the PATH to search
 */
export function preflightProblem(args: readonly string[], cwd: string, path = process.env.PATH ?? ''): string | undefined {
  const [kind, name] = args;
  switch (kind) {
    case 'tool':
      if (name === 'pipenv' && !onPath('pipenv', path)) {
        return `Pipenv is not installed here: install it with "python3 -m pip install --user pipenv==${DEFAULTS.pipenvVersion}", or run this task in the dev container.`;
      }
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
      return `unknown check "${args.join(' ')}" (expected: tool pipenv | engine docker|podman | lockfile).`;
  }
}
