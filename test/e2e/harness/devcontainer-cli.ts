import { chmodSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { engineEnv, podman } from './engine';
import { REPO_ROOT, run, RunResult, workDir } from './generated-project';

const CLI = join(REPO_ROOT, 'node_modules', '.bin', 'devcontainer');

/**
 * A `--docker-path` for the Dev Containers CLI: podman, minus `--userns=keep-id`,
 * which the CLI adds for a non-root remote user and rootful podman refuses.
 */
function podmanWrapper(): string {
  const path = join(workDir('devstack-podman-wrapper-'), 'podman');
  writeFileSync(
    path,
    [
      '#!/usr/bin/env bash',
      'args=()',
      'for arg in "$@"; do [ "$arg" = "--userns=keep-id" ] || args+=("$arg"); done',
      'exec podman "${args[@]}"',
      '',
    ].join('\n'),
  );
  chmodSync(path, 0o755);
  return path;
}

let wrapper: string | undefined;

/** The command line of the real `devcontainer` CLI for a workspace, with podman as the engine. */
export function devcontainerCommand(subcommand: string, workspace: string, rest: string[] = []): [string, string[]] {
  wrapper ??= podmanWrapper();
  return [CLI, [subcommand, '--workspace-folder', workspace, '--docker-path', wrapper, ...rest]];
}

/** `devcontainer up` (or another subcommand without a command to run). */
export function devcontainer(subcommand: string, workspace: string): RunResult {
  return run(...devcontainerCommand(subcommand, workspace), workspace, engineEnv());
}

/** `devcontainer exec` of one command inside the workspace's container. */
export function devcontainerExec(workspace: string, command: string[]): RunResult {
  return run(...devcontainerCommand('exec', workspace, command), workspace, engineEnv());
}

/** Removes a workspace's dev container and the image the CLI built for it (named after the folder). */
export function removeDevContainer(workspace: string): void {
  const ids = podman(['ps', '--all', '--quiet', '--filter', `label=devcontainer.local_folder=${workspace}`]).output.split('\n').filter(Boolean);
  if (ids.length) podman(['rm', '--force', '--time', '0', ...ids]);
  const images = podman(['images', '--quiet', '--filter', `reference=vsc-${basename(workspace).toLowerCase()}-*`]).output.split('\n').filter(Boolean);
  if (images.length) podman(['rmi', '--force', ...images]);
}
