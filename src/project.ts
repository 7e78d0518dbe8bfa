import { resolve } from 'path';
import { Project } from 'projen';
import { Adoption, isProjectCreation } from './adoption/adoption';
import { DevcontainerConfig } from './devcontainer/devcontainer-config';
import { Dockerfile } from './docker/dockerfile';
import { DockerIgnore } from './docker/dockerignore';
import { NextSteps } from './docs/next-steps';
import { ProjectReadme } from './docs/project-readme';
import { gitignorePatterns, SHARED_TEMPLATES } from './ignore/local-files';
import { ContainerEngine, PyStreamlitDevstackProjectOptions } from './options';
import { ExistingPipfile, readExistingPipfile } from './pipenv/existing-pipfile';
import { LockRefresh } from './pipenv/lock-refresh';
import { Pipfile } from './pipenv/pipfile';
import { DevstackProjenrc } from './projenrc/projenrc-ts';
import { ToolchainPackage } from './projenrc/toolchain-package';
import { resolveSettings } from './settings';
import { StreamlitAppSamples } from './streamlit/app-samples';
import { DevstackTasks } from './tasks/devstack-tasks';

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

  constructor(options: PyStreamlitDevstackProjectOptions) {
    // Adopting an existing project: its hand-made Pipfile's packages and Python version
    // are the starting values; options given to projen new still win.
    const existingPipfile = isProjectCreation() ? readExistingPipfile(resolve(options.outdir ?? '.')) : undefined;
    // Validate everything before any component exists, so a bad value writes nothing.
    const settings = resolveSettings(withExisting(options, existingPipfile), process.argv);
    // The whole options object goes to Project: during `projen new` it also carries projen's creation data.
    super({ ...options, name: settings.name });
    this.pythonVersion = settings.pythonVersion;
    this.port = settings.port;
    this.appEntrypoint = settings.appEntrypoint;
    this.imageName = settings.imageName;
    this.baseImage = settings.baseImage;
    this.containerEngine = settings.containerEngine;

    new Adoption(this, existingPipfile);
    new DevstackProjenrc(this, settings, existingPipfile ? Object.keys(existingPipfile) : []);
    new ToolchainPackage(this, settings.devDeps);
    new Dockerfile(this, settings);
    new DockerIgnore(this);
    new Pipfile(this, settings);
    new LockRefresh(this, settings.autoLock);
    if (settings.devcontainer) {
      new DevcontainerConfig(this, settings);
    }
    new StreamlitAppSamples(this, settings);
    new ProjectReadme(this, settings);
    new DevstackTasks(this, settings);
    new NextSteps(this, settings);
    this.ignoreLocalFiles();
  }

  private ignoreLocalFiles(): void {
    this.gitignore.exclude(...gitignorePatterns(), '.DS_Store');
    this.gitignore.include(...SHARED_TEMPLATES);
  }
}

function withExisting(options: PyStreamlitDevstackProjectOptions, existing?: ExistingPipfile): PyStreamlitDevstackProjectOptions {
  if (!existing) return options;
  return {
    ...options,
    packages: options.packages ?? existing.packages,
    devPackages: options.devPackages ?? existing.devPackages,
    pythonVersion: options.pythonVersion ?? existing.pythonVersion,
  };
}
