/**
 * This version's stack against the previous version's, side by side in one run (part of
 * `npx projen bench`, `--only previous`). The previous version is the last commit before
 * issue 20's first change (pip installs, Pipenv's environment made in the dev container,
 * Debian's Node.js), checked out as a git worktree and packed; both projects are made the
 * same way, get the same Pipfile.lock, and every measurement alternates between them so
 * both see the same caches, network and load:
 * - a cold image build (no layer cache; the download caches warm, as on any machine that built once);
 * - `devcontainer up` on a fresh workspace of the locked project, the image's layers cached;
 * - `npx projen install` on the host from no environment (the download caches warm);
 * - the app image's size over base plus dependencies, and its time to the first healthy answer;
 * - this version's app image without bytecode, for what compiling it at build time costs and saves.
 */
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { timedUp } from './devcontainer-up';
import { APP_BYTECODE } from '../src/docker/dockerfile';
import { ensureStandInBaseImage, standInBaseImage } from '../test/e2e/harness/base-image';
import { engineEnv, inspectImage, podman, podmanOk, removeBuildLeftovers } from '../test/e2e/harness/engine';
import { projenNewWithVendoredTarball, REPO_ROOT, runOk, workDir } from '../test/e2e/harness/generated-project';
import { ensurePipenv, withPipenv } from '../test/e2e/harness/pipenv';

/** The last commit before issue 20's first change. */
export const PREVIOUS_COMMIT = '3275928';
const PYTHON_VERSION = '3.13';
const PORT = 8501;

type Side = 'previous' | 'current';
const SIDES: readonly Side[] = ['previous', 'current'];

/** Samples of one measurement on both sides, in the order they ran (alternating). */
export interface Paired {
  readonly previous: number[];
  readonly current: number[];
}

export interface PreviousVersionResults {
  readonly runs: number;
  readonly coldBuildSeconds: Paired;
  readonly devcontainerUpSeconds: Paired;
  readonly installSeconds: Paired;
  readonly firstHealthySeconds: Paired;
  readonly imageMb: { readonly previous: number; readonly current: number; readonly currentWithoutBytecode: number };
  /** Size over the base image plus the installed environment (/opt/venv). */
  readonly overheadMb: { readonly previous: number; readonly current: number };
  readonly withoutBytecodeFirstHealthySeconds: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The previous version, packed from a worktree of its commit (this checkout's node_modules serve its build). */
function packPrevious(): string {
  const tree = join(workDir('devstack-bench-previous-'), 'tree');
  runOk('git', ['worktree', 'add', '--detach', tree, PREVIOUS_COMMIT], REPO_ROOT);
  try {
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(tree, 'node_modules'));
    runOk('npx', ['jsii', '--silence-warnings=reserved-word'], tree);
    const out = workDir('devstack-bench-previous-pack-');
    const name = runOk('npm', ['pack', '--silent', '--pack-destination', out], tree).output.trim().split('\n').pop()!;
    return join(out, name);
  } finally {
    runOk('git', ['worktree', 'remove', '--force', tree], REPO_ROOT);
  }
}

const MB = 1e6;

/** Seconds from `podman run` to the first 200 from /_stcore/health (the readiness signal is the answer itself). */
async function firstHealthy(image: string): Promise<number> {
  const name = `devstack-bench-health-${process.pid}`;
  const started = Date.now();
  podmanOk(['run', '--detach', '--name', name, image]);
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/_stcore/health`)).ok) return (Date.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      if (podman(['inspect', '--format', '{{.State.Running}}', name]).output.trim() !== 'true') throw new Error(`${image} stopped:\n${podman(['logs', name]).output}`);
      if (Date.now() - started > 180_000) throw new Error(`${image} was not healthy within 180 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    podman(['rm', '--force', '--time', '0', name]);
  }
}

/**
 * What the installed environment takes in an image: its files as a tar stream (a layer is one),
 * so a header and block padding for each of its thousands of files count as the dependencies'
 * size, not as overhead (`du` leaves them out: about 7 MB for this lock).
 */
function venvBytes(image: string): number {
  return Number(podmanOk(['run', '--rm', '--user', '0', '--entrypoint', 'sh', image, '-c', 'tar -cf - /opt/venv 2>/dev/null | wc -c']).output.trim().split(/\s+/).pop());
}

/** A fresh workspace of a locked project, as a clone gives it: no node_modules, no environment. */
function freshWorkspace(template: string): string {
  const dir = join(workDir('devstack-bench-fresh-'), 'workspace');
  cpSync(template, dir, { recursive: true, filter: (path) => !/\/(node_modules|\.venv)(\/|$)/.test(path.slice(template.length)) });
  runOk('chown', ['-R', '1000:1000', dir], '/');
  return dir;
}

function timedFreshUp(template: string): number {
  const workspace = freshWorkspace(template);
  try {
    return timedUp(workspace, { keepLayers: true });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

export async function measurePreviousVersion(tarball: string, runs = 3): Promise<PreviousVersionResults> {
  ensureStandInBaseImage(PYTHON_VERSION);
  const pipenvBin = ensurePipenv();
  const tarballs: Record<Side, string> = { previous: packPrevious(), current: tarball };
  removeBuildLeftovers();

  const projects = {} as Record<Side, string>;
  for (const side of SIDES) {
    projects[side] = projenNewWithVendoredTarball(tarballs[side], ['--container-engine', 'podman', '--image-name', `devstack-bench-${side}`], workDir(`devstack-bench-${side}-`)).dir;
  }
  if (readFileSync(join(projects.previous, 'Pipfile'), 'utf-8') !== readFileSync(join(projects.current, 'Pipfile'), 'utf-8')) {
    throw new Error('the two versions generate different Pipfiles: the comparison would install different packages');
  }
  // one lock for both, made once
  const pipenvEnv = { ...withPipenv(pipenvBin), WORKON_HOME: workDir('devstack-bench-workon-') };
  runOk('pipenv', ['lock'], projects.current, pipenvEnv);
  copyFileSync(join(projects.current, 'Pipfile.lock'), join(projects.previous, 'Pipfile.lock'));

  const image = (side: Side) => `devstack-bench-${side}:0.1.0`;
  const build = (side: Side, extra: string[] = []) => runOk('podman', ['build', '--format', 'docker', '--target', 'app', ...extra, '--tag', image(side), '.'], projects[side], engineEnv()).seconds;
  const paired = (): { previous: number[]; current: number[] } => ({ previous: [], current: [] });
  const cold = paired();
  const healthy = paired();
  const up = paired();
  const install = paired();

  // warm the download caches (pip's and uv's mounts) and the dev images' layers once per side
  for (const side of SIDES) build(side);
  for (const side of SIDES) timedFreshUp(projects[side]);

  for (let index = 0; index < runs; index++) {
    for (const side of index % 2 ? [...SIDES].reverse() : SIDES) {
      cold[side].push(build(side, ['--no-cache']));
      healthy[side].push(await firstHealthy(image(side)));
    }
  }
  for (let index = 0; index < runs; index++) {
    for (const side of index % 2 ? [...SIDES].reverse() : SIDES) up[side].push(timedFreshUp(projects[side]));
  }
  // the host's install task from no environment: its own WORKON_HOME each time, the download caches warm
  for (let index = 0; index <= runs; index++) {
    for (const side of index % 2 ? [...SIDES].reverse() : SIDES) {
      const home = workDir('devstack-bench-workon-');
      const result = runOk('npx', ['projen', 'install'], projects[side], { ...pipenvEnv, WORKON_HOME: home });
      if (index > 0) install[side].push(result.seconds); // the first pair fills both caches
      rmSync(home, { recursive: true, force: true });
    }
  }

  // this version without bytecode: the same Dockerfile with the compile flag taken out
  const dockerfile = join(projects.current, 'Dockerfile');
  const original = readFileSync(dockerfile, 'utf-8');
  // the app stage's compile step only: the development stage, before it in the file, compiles too
  const appStage = original.indexOf('\nFROM base AS app');
  const compileStep = ` \\\n && { ${APP_BYTECODE.join(' ')} || true; }`;
  if (appStage < 0 || !original.slice(appStage).includes(compileStep)) throw new Error('the app stage no longer compiles bytecode as APP_BYTECODE says: update bench/previous-version.ts');
  const withoutBytecode = 'devstack-bench-current-no-bytecode:0.1.0';
  writeFileSync(dockerfile, original.slice(0, appStage) + original.slice(appStage).replace(compileStep, ''));
  const withoutBytecodeFirstHealthySeconds: number[] = [];
  try {
    runOk('podman', ['build', '--format', 'docker', '--target', 'app', '--tag', withoutBytecode, '.'], projects.current, engineEnv());
    for (let index = 0; index < runs; index++) withoutBytecodeFirstHealthySeconds.push(await firstHealthy(withoutBytecode));
  } finally {
    writeFileSync(dockerfile, original);
  }

  const base = inspectImage(standInBaseImage(PYTHON_VERSION)).Size;
  const size = (name: string) => inspectImage(name).Size;
  const results: PreviousVersionResults = {
    runs,
    coldBuildSeconds: cold,
    devcontainerUpSeconds: up,
    installSeconds: install,
    firstHealthySeconds: healthy,
    imageMb: { previous: size(image('previous')) / MB, current: size(image('current')) / MB, currentWithoutBytecode: size(withoutBytecode) / MB },
    overheadMb: {
      previous: (size(image('previous')) - base - venvBytes(image('previous'))) / MB,
      current: (size(image('current')) - base - venvBytes(image('current'))) / MB,
    },
    withoutBytecodeFirstHealthySeconds,
  };
  for (const name of [image('previous'), image('current'), withoutBytecode]) podman(['rmi', '--force', name]);
  if (existsSync(pipenvEnv.WORKON_HOME!)) rmSync(pipenvEnv.WORKON_HOME!, { recursive: true, force: true });
  return results;
}
