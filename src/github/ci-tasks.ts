import { preflightCommand } from '../contracts/preflight-protocol';
import { ContainerEngine } from '../docker/container-engine';
import { K8S_DIR } from '../kubernetes/manifest-file';
import { Component, Project, YamlFile } from '../projen-api';
import { servedPath, STREAMLIT_SERVER } from '../streamlit/streamlit-server';

/** This package's `bin` that runs the app image, waits for its health endpoint and stops it. */
export const SMOKE_BIN = 'devstack-smoke';
/** This package's `bin` that pushes the app image with its version tag and the commit's tag. */
export const PUBLISH_BIN = 'devstack-publish';
/** This package's `bin` that scans the files git tracks with secretlint's recommended rules. */
export const SECRET_SCAN_BIN = 'devstack-secret-scan';

/** The tasks CI runs, one per check, so a laptop runs exactly what the workflow runs. */
export const CI_TASKS = {
  secrets: 'ci:secrets',
  verify: 'ci:verify',
  lock: 'ci:lock',
  lint: 'ci:lint',
  smoke: 'ci:smoke',
  kubernetes: 'ci:k8s',
  publish: 'ci:publish',
} as const;

/** What the CI tasks check and run. */
export interface CiTasksOptions {
  readonly containerEngine: ContainerEngine;
  readonly pipenvVersion: string;
  readonly imageName: string;
  readonly port: number;
  /** Without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
}

/**
 * `ci:secrets` (no file git tracks holds a secret, by secretlint's recommended rules),
 * `ci:verify` (npx projen leaves no difference), `ci:lock` (pipenv verify), `ci:lint`
 * (ruff, hadolint), `ci:smoke` (the image answers on its health endpoint), `ci:k8s`
 * (kustomize build and kube-score) and `ci:publish` (the image to its registry).
 */
export class CiTasks extends Component {
  constructor(
    project: Project,
    options: CiTasksOptions,
    manifests: readonly YamlFile[],
  ) {
    super(project);
    const { tasks } = project;
    const engine = options.containerEngine;

    tasks
      .addTask(CI_TASKS.secrets, { description: 'Fail if a file git tracks holds a secret (secretlint\'s recommended rules)' })
      .execArgs([SECRET_SCAN_BIN]);

    const verify = tasks.addTask(CI_TASKS.verify, { description: 'Fail if npx projen changes any file: every generated file must match .projenrc.ts' });
    verify.spawn(tasks.tryFind('default')!);
    verify.execArgs(preflightCommand({ kind: 'unchanged' }));

    const lock = tasks.addTask(CI_TASKS.lock, { description: 'Fail if Pipfile.lock does not match the Pipfile (pipenv verify)' });
    lock.execArgs(preflightCommand({ kind: 'pipenv', version: options.pipenvVersion }));
    lock.execArgs(preflightCommand({ kind: 'lockfile' }));
    lock.execArgs(['pipenv', 'verify']);

    const lint = tasks.addTask(CI_TASKS.lint, { description: 'ruff (lint and format) on the Python code, hadolint on the Dockerfile' });
    lint.execArgs(preflightCommand({ kind: 'pipenv', version: options.pipenvVersion }));
    lint.execArgs(['pipenv', 'run', 'ruff', 'check', '.']);
    lint.execArgs(['pipenv', 'run', 'ruff', 'format', '--check', '.']);
    lint.execArgs(preflightCommand({ kind: 'tool', tool: 'hadolint' }));
    lint.execArgs(['hadolint', 'Dockerfile']);

    tasks
      .addTask(CI_TASKS.smoke, { description: `Run the image ${options.imageName} and wait until it is healthy, then stop it` })
      .execArgs([SMOKE_BIN, engine, options.imageName, String(options.port), servedPath(options.baseUrlPath, STREAMLIT_SERVER.healthPath)]);

    if (manifests.length) {
      const k8s = tasks.addTask(CI_TASKS.kubernetes, { description: `kustomize build ${K8S_DIR} and kube-score on the manifests (no CRITICAL finding)` });
      k8s.execArgs(preflightCommand({ kind: 'tool', tool: 'kustomize' }));
      k8s.execArgs(['kustomize', 'build', K8S_DIR, '--output', '/dev/null']);
      k8s.execArgs(preflightCommand({ kind: 'tool', tool: 'kube-score' }));
      k8s.execArgs(['kube-score', 'score', '--output-format', 'ci', ...manifests.map((manifest) => manifest.path)]);
    }

    tasks
      .addTask(CI_TASKS.publish, { description: `Push ${options.imageName} with its version tag and the commit's (GITHUB_SHA) tag` })
      .execArgs([PUBLISH_BIN, engine, options.imageName]);
  }
}
