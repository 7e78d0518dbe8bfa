import { writeFileSync } from 'fs';
import { join } from 'path';
import { preflightProblem } from '../../src/cli/preflight-checks';
import { DOCKER_WITHOUT_ENGINE, tempDir, writeCommand } from '../util';

function binWith(...names: string[]): string {
  const bin = tempDir('bin-');
  for (const name of names) writeCommand(bin, name, 'exit 0\n');
  return bin;
}

describe('devstack-preflight', () => {
  test('a missing Pipenv is one sentence with the install command and the dev container alternative', () => {
    const problem = preflightProblem(['tool', 'pipenv'], tempDir(), binWith());
    expect(problem).toMatch(/^Pipenv is not installed here: install it with "python3 -m pip install --user pipenv==[\d.]+", or run this task in the dev container\.$/);
    expect(preflightProblem(['tool', 'pipenv'], tempDir(), binWith('pipenv'))).toBeUndefined();
  });

  test('a missing container engine names the engine and the option to switch', () => {
    expect(preflightProblem(['engine', 'podman'], tempDir(), binWith())).toMatch(/^podman is not installed here: .*containerEngine in \.projenrc\.ts/);
  });

  test('an engine whose daemon does not answer is told apart from a missing one', () => {
    // a docker client without an engine, as on these machines: `docker info` fails
    const bin = tempDir('bin-');
    writeCommand(bin, 'docker', DOCKER_WITHOUT_ENGINE);
    expect(preflightProblem(['engine', 'docker'], tempDir(), `${bin}:/usr/bin:/bin`)).toMatch(/^docker is installed but its engine does not answer/);
  });

  test('a missing Pipfile.lock at docker:build says how to create it', () => {
    const dir = tempDir();
    expect(preflightProblem(['lockfile'], dir)).toBe('Pipfile.lock is missing: run "npx projen lock", commit Pipfile.lock, then build again.');
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    expect(preflightProblem(['lockfile'], dir)).toBeUndefined();
  });
});
