import { existsSync } from 'fs';
import { join, resolve } from 'path';
import { Adoption, isProjectCreation } from './adoption/adoption';
import { Adopted, adoptedOptionNames, adoptExisting } from './adoption/creation';
import { FirstCommit } from './adoption/first-commit';
import { DevcontainerConfig } from './devcontainer/devcontainer-config';
import { ContainerEngine } from './docker/container-engine';
import { Dockerfile } from './docker/dockerfile';
import { DockerIgnore } from './docker/dockerignore';
import { baseImageMismatch } from './docker/image-reference';
import { NextSteps } from './docs/next-steps';
import { ProjectReadme, README_FILE } from './docs/project-readme';
import { MESSAGE_PREFIX } from './errors';
import { SynthTransaction } from './files/synth-transaction';
import { CiTasks } from './github/ci-tasks';
import { CiWorkflow } from './github/ci-workflow';
import { DependabotConfig } from './github/dependabot';
import { gitignorePatterns, SHARED_TEMPLATES } from './ignore/local-files';
import { KubernetesManifests } from './kubernetes/kubernetes-manifests';
import { LAYOUT } from './layout';
import { PyStreamlitDevstackProjectOptions } from './options';
import { LockRefresh } from './pipenv/lock-refresh';
import { Pipfile, pipfileEditProblemsOf } from './pipenv/pipfile';
import { Project } from './projen-api';
import { DevstackProjenrc } from './projenrc/projenrc-ts';
import { localPackagePaths, toolchainDependencies, ToolchainPackage } from './projenrc/toolchain-package';
import { resolveDevstackOptions } from './resolve-options';
import { StreamlitAppSamples } from './streamlit/app-samples';
import { DevstackTasks, DevstackTaskSet } from './tasks/devstack-tasks';

/**
 * A containerized Python/Streamlit project: multi-stage Dockerfile, dev
 * container, Pipfile and an app skeleton, all derived from `.projenrc.ts`.
 *
 * @pjid py-streamlit-devstack
 */
export class PyStreamlitDevstackProject extends Project {
  /** Python minor version of the images and the Pipfile. */
  public readonly pythonVersion: string;
  /** Port Streamlit listens on. */
  public readonly port: number;
  /** Path of the Streamlit script. */
  public readonly appEntrypoint: string;
  /** Name of the production image. */
  public readonly imageName: string;
  /** Base image of every Dockerfile stage. */
  public readonly baseImage: string;
  /** Engine used by the `docker:*` tasks. */
  public readonly containerEngine: ContainerEngine;
  /** The Dockerfile: add instructions, Debian packages, variables and labels to its stages. */
  public readonly dockerfile: Dockerfile;
  /** The Pipfile: add packages, sources and scripts. */
  public readonly pipfile: Pipfile;
  /** `.devcontainer/devcontainer.json`: extensions, Features, commands, ports; undefined when `devcontainer` is false. */
  public readonly devcontainer?: DevcontainerConfig;
  /** The Kubernetes manifests and their tasks; undefined when `kubernetes` is false. */
  public readonly kubernetes?: KubernetesManifests;
  /** The everyday tasks (`install`, `lock`, `dev`, `test`, `docker:build`, `docker:run`, `watch`). */
  public readonly devstackTasks: DevstackTaskSet;
  private readonly transaction: SynthTransaction;

  constructor(options: PyStreamlitDevstackProjectOptions) {
    // Adopting an existing project: what its Pipfile and .gitignore say are the starting
    // values; options given to projen new still win. Everything is validated before any
    // component exists, so a bad value writes nothing (and a refused projen new leaves the folder as it was).
    const { adopted, result: resolved } = adoptExisting(resolve(options.outdir ?? '.'), (found) =>
      resolveDevstackOptions(withAdopted(options, found), process.argv),
    );
    // The whole options object goes to Project: during `projen new` it also carries projen's creation data.
    super({ ...options, name: resolved.name });
    this.pythonVersion = resolved.pythonVersion;
    this.port = resolved.port;
    this.appEntrypoint = resolved.appEntrypoint;
    this.imageName = resolved.imageName;
    this.baseImage = resolved.baseImage;
    this.containerEngine = resolved.containerEngine;
    const mismatch = baseImageMismatch(resolved.baseImage, resolved.pythonVersion);
    if (mismatch) this.logger.warn(`${MESSAGE_PREFIX}${mismatch}`);

    // Before the components whose post-synth steps (npm install, pipenv lock) must not undo the files.
    const adoption = new Adoption(this, adopted);
    const userFiles = [resolved.appEntrypoint, LAYOUT.appTestFile, LAYOUT.streamlitConfig, README_FILE];
    // written only where missing: the user's files, and the rc at projen new
    const writtenWhenMissing = () => [...userFiles, ...(isProjectCreation() ? [LAYOUT.projenrc] : [])];
    this.transaction = new SynthTransaction(this, () => [
      ...writtenWhenMissing()
        .filter((path) => !existsSync(join(this.outdir, path)))
        .map((path) => ({ path, option: path === resolved.appEntrypoint ? 'appEntrypoint' : undefined })),
      ...adoption.plannedBackups().map(({ backup, text }) => ({ path: backup, bytes: Buffer.byteLength(text) })),
    ], (root) => pipfileEditProblemsOf(this, root));
    new DevstackProjenrc(this, resolved, adoptedOptionNames(adopted));
    new ToolchainPackage(this, resolved.toolchain);
    this.dockerfile = new Dockerfile(this, resolved.dockerfile);
    new DockerIgnore(this, localPackagePaths(toolchainDependencies(resolved.toolchain.dependencies)));
    this.pipfile = new Pipfile(this, resolved.pipfile);
    new LockRefresh(this, resolved.autoLock);
    if (resolved.devcontainer) this.devcontainer = new DevcontainerConfig(this, resolved.devcontainerOptions);
    if (resolved.kubernetes) this.kubernetes = new KubernetesManifests(this, resolved.kubernetes);
    const manifests = this.kubernetes?.manifests ?? [];
    new CiTasks(this, resolved, manifests);
    if (resolved.githubActions) {
      new CiWorkflow(this, resolved, manifests.length > 0);
      new DependabotConfig(this);
    }
    new StreamlitAppSamples(this, resolved);
    new ProjectReadme(this, { name: resolved.name, kubernetes: this.kubernetes !== undefined, githubActions: resolved.githubActions });
    this.devstackTasks = new DevstackTasks(this, resolved).tasks;
    new NextSteps(this, { ...resolved, kubernetes: this.kubernetes !== undefined });
    this.ignoreLocalFiles(resolved.gitignore);
    // Last: it arranges what projen new's git commands that follow may touch.
    new FirstCommit(this, writtenWhenMissing);
  }

  /**
   * Synthesize all project files into `outdir`.
   *
   * 1. Call "this.preSynthesize()"
   * 2. Delete all generated files
   * 3. Synthesize all subprojects
   * 4. Synthesize all components of this project
   * 5. Call "projectCreation()" for all components, only if the project is being created for the first time
   * 6. Call "postSynthesize()" for all components of this project
   * 7. Call "this.postSynthesize()"
   * 8. Call "postProjectCreation()" for all components, only if the project is being created for the first time
   */
  public synth(): void {
    // all or nothing: checked before the first write, undone on a failure while writing
    this.transaction.run(() => super.synth());
  }

  private ignoreLocalFiles(userPatterns: readonly string[]): void {
    this.gitignore.exclude(...gitignorePatterns(), '.DS_Store');
    this.gitignore.include(...SHARED_TEMPLATES);
    // the user's own lines, after ours: a later "!pattern" of theirs wins, as git reads the file
    for (const line of userPatterns) {
      if (line.startsWith('!')) this.gitignore.include(line.slice(1));
      else this.gitignore.exclude(line);
    }
  }
}

function withAdopted(options: PyStreamlitDevstackProjectOptions, adopted: Adopted): PyStreamlitDevstackProjectOptions {
  return { ...adopted.pipfile, ...(adopted.gitignore ? { gitignore: adopted.gitignore } : {}), ...withoutUndefined(options) };
}

/** Options without keys set to undefined, so they do not hide adopted values. */
function withoutUndefined(options: PyStreamlitDevstackProjectOptions): PyStreamlitDevstackProjectOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as PyStreamlitDevstackProjectOptions;
}
