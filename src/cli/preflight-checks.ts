import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { CheckedTool, PreflightCheck } from '../contracts/preflight-protocol';
import { registryHost } from '../docker/image-reference';
import { lockMessage } from '../pipenv/pipenv-commands';
import { installCommand } from '../tool-pins';
import { onPath } from '../util/on-path';

/** The checkers CI runs, and how to install each: the versions CI pins (src/tool-pins.ts). */
const CI_TOOLS: Record<Exclude<CheckedTool, 'kubectl'>, string> = {
  'hadolint': `${installCommand('hadolint')}, or a binary from https://github.com/hadolint/hadolint/releases`,
  'kustomize': `${installCommand('kustomize')}, or https://kubectl.docs.kubernetes.io/installation/kustomize/`,
  'kube-score': installCommand('kube-score'),
};

/** Where `pip install --user` and pipx put commands on Linux and macOS. */
const USER_BIN = '.local/bin';

/**
 * What is missing for a task, as one sentence with the fix, or undefined.
 *
 * @param check what the task needs (see `preflightCommand`)
 * @param cwd the project folder
 * @param path the PATH to search
 * @param home the user's home folder
 */
export function preflightProblem(check: PreflightCheck, cwd: string, path = process.env.PATH ?? '', home = homedir()): string | undefined {
  switch (check.kind) {
    case 'pipenv':
    case 'uv':
      return onPath(check.kind, path) ? undefined : missingPythonTool(check.kind, check.version, home);
    case 'tool':
      if (onPath(check.tool, path)) return undefined;
      if (check.tool === 'kubectl') {
        return 'kubectl is not installed here: install it (https://kubernetes.io/docs/tasks/tools/) and point it at your cluster (kubectl config use-context NAME), then run this task again.';
      }
      return `${check.tool} is not installed here: install it (${CI_TOOLS[check.tool]}), then run this task again.`;
    case 'unchanged':
      return changedFiles(cwd);
    case 'secret':
      return missingSecret(check.name, path);
    case 'registry':
      if (!registryHost(check.image) && !check.image.includes('/')) {
        return `the image ${check.image} names no registry, so a push would go to Docker Hub's official library: set imageName to your registry's path in .projenrc.ts (for example imageName: "ghcr.io/OWNER/${check.image}"), run npx projen, then build and push again.`;
      }
      return undefined;
    case 'engine': {
      const engine = check.engine;
      if (!onPath(engine, path)) {
        return `${engine} is not installed here: install it, or choose the other engine with containerEngine in .projenrc.ts (ContainerEngine.DOCKER or ContainerEngine.PODMAN).`;
      }
      if (spawnSync(engine, ['info'], { stdio: 'ignore', timeout: 30_000, env: { ...process.env, PATH: path } }).status !== 0) {
        return `${engine} is installed but its engine does not answer ("${engine} info" fails): start it (for Docker: start Docker Desktop or the docker service), then run this task again.`;
      }
      return undefined;
    }
    case 'lockfile':
      return existsSync(join(cwd, 'Pipfile.lock')) ? undefined : lockMessage('missing');
  }
}

/** What each pinned Python tool is called in a sentence. */
const PYTHON_TOOL_NAMES = { pipenv: 'Pipenv', uv: 'uv' } as const;

/** Pipenv or uv installed by `pip install --user` but not found: ~/.local/bin is often not on the PATH. */
function missingPythonTool(tool: keyof typeof PYTHON_TOOL_NAMES, version: string, home: string): string {
  const name = PYTHON_TOOL_NAMES[tool];
  if (onPath(tool, join(home, USER_BIN))) {
    return `${name} is installed in ~/${USER_BIN}, which is not on your PATH: run  export PATH="$HOME/${USER_BIN}:$PATH"  (add that line to ~/.bashrc or ~/.profile to keep it), then run this task again.`;
  }
  return `${name} is not installed here: install it with "python3 -m pip install --user ${tool}==${version}" (or "pipx install ${tool}==${version}"), or run this task in the dev container.`;
}

/** The cookie Secret must exist before the Deployment that reads it, or its pods never start. */
function missingSecret(name: string, path: string): string | undefined {
  const result = spawnSync('kubectl', ['get', 'secret', name, '--ignore-not-found', '--output', 'name'], {
    encoding: 'utf-8',
    timeout: 60_000,
    env: { ...process.env, PATH: path },
  });
  if (result.status !== 0) {
    const reason = (result.stderr || result.error?.message || '').trim().split('\n')[0];
    return `kubectl cannot read Secrets in the current context (${reason}): check kubectl config current-context and your access, then run this task again.`;
  }
  if (!result.stdout.trim()) {
    return `the Secret ${name} (Streamlit's cookie secret, shared by every replica) does not exist in this namespace: run npx projen k8s:secret once, then run this task again.`;
  }
  return undefined;
}

/** After `npx projen`: any file it changed or added means a generated file was out of date (or edited). */
function changedFiles(cwd: string): string | undefined {
  const status = spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd, encoding: 'utf-8' });
  if (status.status !== 0) return `this folder is not a git repository, so what npx projen changed cannot be seen (${(status.stderr ?? '').trim().replace(/\s+/g, ' ')}): run git init and commit first.`;
  const changed = status.stdout.split('\n').filter(Boolean).map((line) => line.slice(3));
  if (!changed.length) return undefined;
  const shown = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  return `npx projen changed ${shown}: the committed files do not match .projenrc.ts. Run npx projen, review and commit the result (and edit .projenrc.ts, not generated files).`;
}
