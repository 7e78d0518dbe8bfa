/**
 * `devcontainer up` from a fresh workspace (no container, no `.venv`), with the project's
 * environment created in `updateContentCommand` (now) against `postCreateCommand` (the
 * generated file before), run alternately on copies of one generated project so both see
 * the same image cache, network and load. The image build is the same for both (same
 * Dockerfile), so the difference is where, and how, the environment is made.
 */
import { cpSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { ensureStandInBaseImage } from '../test/e2e/harness/base-image';
import { devcontainer } from '../test/e2e/harness/devcontainer-cli';
import { podman } from '../test/e2e/harness/engine';
import { projenNewWithVendoredTarball, runOk, workDir } from '../test/e2e/harness/generated-project';

export interface DevcontainerUpResults {
  runs: number;
  /** Median seconds of `devcontainer up` with the environment made in updateContentCommand. */
  updateContentSeconds: number;
  /** The same with postCreateCommand, as generated before. */
  postCreateSeconds: number;
  ratio: number;
  /** Every run, in the order they ran (alternating), for the spread. */
  updateContentRuns: number[];
  postCreateRuns: number[];
}

const CONFIG = '.devcontainer/devcontainer.json';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A fresh copy of the project whose devcontainer.json makes the environment in `hook`. */
function workspaceWith(template: string, hook: 'updateContentCommand' | 'postCreateCommand'): string {
  const dir = join(workDir('devstack-bench-dc-'), 'project');
  cpSync(template, dir, { recursive: true });
  const [marker, ...json] = readFileSync(join(dir, CONFIG), 'utf-8').split('\n');
  const config = JSON.parse(json.join('\n'));
  const commands = config.updateContentCommand;
  delete config.updateContentCommand;
  config[hook] = commands;
  writeFileSync(join(dir, CONFIG), `${marker}\n${JSON.stringify(config, undefined, 2)}\n`);
  runOk('chown', ['-R', '1000:1000', dir], '/');
  return dir;
}

/** Removes a workspace's dev container and its image; `keepLayers` keeps the layers under the image, the cache a next run must find. */
export function removeDevContainer(workspace: string, { keepLayers = false } = {}): void {
  const ids = podman(['ps', '--all', '--quiet', '--filter', `label=devcontainer.local_folder=${workspace}`]).output.split('\n').filter(Boolean);
  if (ids.length) podman(['rm', '--force', '--time', '0', ...ids]);
  const images = podman(['images', '--quiet', '--filter', `reference=vsc-${basename(workspace).toLowerCase()}-*`]).output.split('\n').filter(Boolean);
  if (images.length) podman(['rmi', '--force', ...(keepLayers ? ['--no-prune'] : []), ...images]);
}

/** Seconds of a successful `devcontainer up` of `workspace`, whose container and image are removed after it. */
export function timedUp(workspace: string, { keepLayers = false } = {}): number {
  try {
    const up = devcontainer('up', workspace);
    if (!/"outcome":"success"/.test(up.output)) throw new Error(`devcontainer up failed:\n${up.output}`);
    return up.seconds;
  } finally {
    removeDevContainer(workspace, { keepLayers });
  }
}

export function measureDevcontainerUp(tarball: string, runs = 5): DevcontainerUpResults {
  ensureStandInBaseImage('3.13');
  const template = projenNewWithVendoredTarball(tarball, ['--container-engine', 'podman'], workDir('devstack-bench-dc-template-')).dir;
  // fill the layer cache once, so that neither variant pays for the first image build
  timedUp(workspaceWith(template, 'updateContentCommand'));

  const updateContent: number[] = [];
  const postCreate: number[] = [];
  for (let run = 0; run < runs; run++) {
    postCreate.push(timedUp(workspaceWith(template, 'postCreateCommand')));
    updateContent.push(timedUp(workspaceWith(template, 'updateContentCommand')));
  }
  const updateContentSeconds = median(updateContent);
  const postCreateSeconds = median(postCreate);
  return {
    runs,
    updateContentSeconds,
    postCreateSeconds,
    ratio: updateContentSeconds / postCreateSeconds,
    updateContentRuns: updateContent,
    postCreateRuns: postCreate,
  };
}
