import { spawnSync } from 'child_process';
import { join } from 'path';
import { run, RunResult, runOk, userEnv } from './generated-project';
import { describeWhenAvailable, pypiAnswers } from './prerequisites';

/** Environment that makes podman/buildah work here: the project's own config files. */
export const ENGINE_ENV = {
  CONTAINERS_CONF: join(__dirname, 'containers.conf'),
  CONTAINERS_STORAGE_CONF: join(__dirname, 'storage.conf'),
  BUILDAH_ISOLATION: 'chroot',
};

/** A user's environment (no Pipenv, no CI) plus the engine settings. */
export function engineEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return userEnv({ ...ENGINE_ENV, ...extra });
}

export function podman(args: string[], cwd = process.cwd()): RunResult {
  return run('podman', args, cwd, engineEnv());
}

export function podmanOk(args: string[], cwd = process.cwd()): RunResult {
  return runOk('podman', args, cwd, engineEnv());
}

/** What the tests read of `podman image inspect`. */
export interface ImageInspection {
  Size: number;
  Healthcheck: { Test: string[] };
  RootFS: { Layers: string[] };
  Config: { User: string; Entrypoint: string[]; Cmd?: string[]; Labels?: Record<string, string> };
}

/** `podman image inspect` of one image. */
export function inspectImage(image: string): ImageInspection {
  return JSON.parse(podmanOk(['image', 'inspect', image]).output)[0];
}

/**
 * Why the container tests cannot run here, or undefined when they can. In CI a
 * missing tool is an error, never a skip: `.ci/run` installs every one of them.
 */
export function missingPrerequisite(): string | undefined {
  const checks: Array<[string, () => boolean]> = [
    ['podman (apt-get install podman buildah runc)', () => spawnSync('podman', ['--version']).status === 0],
    ['debootstrap (apt-get install debootstrap), for the stand-in python base image', () => spawnSync('debootstrap', ['--version']).status === 0],
    ['chromium (apt-get install chromium)', () => spawnSync('/usr/bin/chromium', ['--version']).status === 0],
    ['PyPI (https://pypi.org)', pypiAnswers],
  ];
  const missing = checks.filter(([, available]) => !available()).map(([name]) => name);
  return missing.length ? `missing: ${missing.join('; ')}` : undefined;
}

/** `describe` that runs when the prerequisites exist, fails in CI when they do not, and skips loudly otherwise. */
export function describeWithContainers(name: string, body: () => void): void {
  describeWhenAvailable(
    name,
    {
      missing: missingPrerequisite(),
      kind: 'container tests',
      inCi: ' .ci/run (scripts/test-all.sh) must install them.',
      locally: '\n!!! Run scripts/test-all.sh (as root) to install them.',
    },
    body,
  );
}

/**
 * Removes the working containers that builds leave in the container store (a Dev Containers
 * CLI build with a Feature leaves one with podman 4.3): podman lists them only with
 * `--external`, and they keep their images from being pruned.
 */
export function removeBuildLeftovers(): void {
  const ids = (args: string[]) => podmanOk(['ps', '--all', '--quiet', '--no-trunc', ...args]).output.split('\n').filter(Boolean);
  const managed = new Set(ids([]));
  const leftovers = ids(['--external']).filter((id) => !managed.has(id));
  if (leftovers.length) podmanOk(['rm', '--force', ...leftovers]);
}
