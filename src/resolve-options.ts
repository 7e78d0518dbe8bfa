import { resolve as resolvePath } from 'path';
import { isProjectCreation } from './adoption/adoption';
import { checkProjenNewSwitches, resolvePort } from './adoption/command-line';
import { DEFAULTS } from './defaults';
import { ResolvedDevcontainerOptions, resolveDevcontainerOptions } from './devcontainer/devcontainer-options';
import { ContainerEngine } from './docker/container-engine';
import { ResolvedDockerfileOptions, resolveDockerfileOptions } from './docker/dockerfile-options';
import { checkImageName, splitImageName } from './docker/image-reference';
import { checkGitignore } from './ignore/gitignore-option';
import { ignoredBy } from './ignore/local-files';
import { ResolvedKubernetesManifestsOptions, resolveKubernetesManifestsOptions } from './kubernetes/kubernetes-options';
import { PyStreamlitDevstackProjectOptions } from './options';
import { ResolvedPipfileOptions, resolvePipfileOptions } from './pipenv/pipfile-options';
import { checkProjectName, slugOf } from './project-name';
import { checkDevDeps } from './projenrc/npm-spec';
import { resolveToolchain, ResolvedToolchain } from './projenrc/toolchain-options';
import { registryPackages, toolchainDependencies } from './projenrc/toolchain-package';
import { resolvePythonVersion } from './python-version';
import { checkBoolean, checkEnum, checkOptionNames, OptionError } from './validation';

/**
 * The project type's options with every default applied and every value checked: each
 * component's options as its own resolver returned them (the component takes that result
 * as it is), and the values several files share, taken from those results.
 */
export interface ResolvedDevstackOptions {
  readonly name: string;
  /** The Pipfile's `python_version`. */
  readonly pythonVersion: string;
  /** The Dockerfile's base image. */
  readonly baseImage: string;
  /** The port Streamlit listens on (the Dockerfile's). */
  readonly port: number;
  /** The base URL path without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
  readonly appEntrypoint: string;
  /** The production image with its tag (the default tag when `imageName` has none). */
  readonly imageName: string;
  readonly containerEngine: ContainerEngine;
  readonly pipenvVersion: string;
  readonly uvVersion: string;
  /** The Node.js of the dev container and CI. */
  readonly nodeVersion: string;
  readonly autoLock: boolean;
  /** The `devDeps` entries as the project records them (the project type's tarball as its copy in the project). */
  readonly devDeps: readonly string[];
  /** What the `.projenrc.ts` toolchain installs. */
  readonly toolchain: ResolvedToolchain;
  readonly gitignore: readonly string[];
  readonly githubActions: boolean;
  readonly dockerfile: ResolvedDockerfileOptions;
  readonly pipfile: ResolvedPipfileOptions;
  /** Whether `.devcontainer/devcontainer.json` is generated. */
  readonly devcontainer: boolean;
  /** The dev container's options (checked with `devcontainer: false` too). */
  readonly devcontainerOptions: ResolvedDevcontainerOptions;
  /** The Kubernetes component's options, or undefined when `kubernetes` is false. */
  readonly kubernetes?: ResolvedKubernetesManifestsOptions;
}

/** Every option name; the type keeps this list and the struct in step. */
const OPTION_NAMES: Record<keyof PyStreamlitDevstackProjectOptions, true> = {
  name: true,
  outdir: true,
  pythonVersion: true,
  baseImage: true,
  port: true,
  baseUrlPath: true,
  appEntrypoint: true,
  packages: true,
  devPackages: true,
  aptPackages: true,
  devAptPackages: true,
  vscodeExtensions: true,
  devcontainerFeatures: true,
  imageName: true,
  devcontainer: true,
  containerEngine: true,
  pipenvVersion: true,
  uvVersion: true,
  nodeVersion: true,
  autoLock: true,
  devDeps: true,
  pipfileSources: true,
  packageIndexes: true,
  pipfileScripts: true,
  pipenvSettings: true,
  gitignore: true,
  kubernetes: true,
  kubernetesOptions: true,
  githubActions: true,
};

/**
 * Merges the defaults into the options, in this one place, and hands each component's
 * options to that component's resolver, which checks them; nothing is written before.
 *
 * @param argv process arguments, used only to recover a `--python-version` or `--port`
 * that projen's command line parsed as a number
 */
export function resolveDevstackOptions(options: PyStreamlitDevstackProjectOptions, argv: readonly string[]): ResolvedDevstackOptions {
  checkOptionNames(Object.keys(options), Object.keys(OPTION_NAMES));
  checkProjenNewSwitches(argv, Object.keys(OPTION_NAMES));
  const name = checkProjectName(options.name);
  const gitignore = checkGitignore(options.gitignore ?? []);
  const pipfile = resolvePipfileOptions({
    pythonVersion: resolvePythonVersion(options.pythonVersion ?? DEFAULTS.pythonVersion, argv),
    packages: options.packages,
    devPackages: options.devPackages,
    sources: options.pipfileSources ?? [...DEFAULTS.pipfileSources],
    packageIndexes: options.packageIndexes,
    scripts: options.pipfileScripts,
    pipenvSettings: options.pipenvSettings,
  }, { packages: DEFAULTS.basePackages, devPackages: DEFAULTS.baseDevPackages });
  // at projen new, the first devDeps entry is the spec projen installed the project type from
  const { devDeps, toolchain } = resolveToolchain(checkDevDeps(options.devDeps ?? []), resolvePath(options.outdir ?? '.'), isProjectCreation() ? options.devDeps?.[0] : undefined);
  const dockerfile = resolveDockerfileOptions({
    baseImage: options.baseImage ?? `python:${pipfile.pythonVersion}-slim`,
    port: resolvePort(options.port, argv),
    appEntrypoint: options.appEntrypoint ?? DEFAULTS.appEntrypoint,
    pipenvVersion: options.pipenvVersion ?? DEFAULTS.pipenvVersion,
    uvVersion: options.uvVersion,
    nodeVersion: options.nodeVersion,
    baseUrlPath: options.baseUrlPath,
    aptPackages: options.aptPackages,
    devAptPackages: options.devAptPackages,
    devToolchainPackages: registryPackages(toolchainDependencies(toolchain.dependencies)),
  }, (path) => ignoredBy(path, gitignore));
  const devcontainer = checkBoolean('devcontainer', options.devcontainer ?? DEFAULTS.devcontainer);
  const devcontainerOptions = resolveDevcontainerOptions({
    name,
    port: dockerfile.port,
    vscodeExtensions: options.vscodeExtensions ?? [...DEFAULTS.vscodeExtensions],
    features: options.devcontainerFeatures,
  });
  refuseFeaturesWithoutDevcontainer(options.devcontainerFeatures, devcontainerOptions, devcontainer);
  const kubernetes = checkBoolean('kubernetes', options.kubernetes ?? DEFAULTS.kubernetes);
  const imageName = resolveImageName(options.imageName ?? slugOf(name), kubernetes);
  const containerEngine = checkEnum('containerEngine', options.containerEngine ?? DEFAULTS.containerEngine, Object.values(ContainerEngine), 'containerEngine: ContainerEngine.PODMAN');
  return {
    name,
    pythonVersion: pipfile.pythonVersion,
    baseImage: dockerfile.baseImage,
    port: dockerfile.port,
    baseUrlPath: dockerfile.baseUrlPath,
    appEntrypoint: dockerfile.appEntrypoint,
    imageName,
    containerEngine,
    pipenvVersion: dockerfile.pipenvVersion,
    uvVersion: dockerfile.uvVersion,
    nodeVersion: dockerfile.nodeVersion,
    autoLock: checkBoolean('autoLock', options.autoLock ?? DEFAULTS.autoLock),
    devDeps,
    toolchain,
    gitignore,
    githubActions: checkBoolean('githubActions', options.githubActions ?? DEFAULTS.githubActions),
    dockerfile,
    pipfile,
    devcontainer,
    devcontainerOptions,
    ...(kubernetes ? {
      kubernetes: resolveKubernetesManifestsOptions({
        appSlug: slugOf(name),
        imageName,
        port: dockerfile.port,
        baseUrlPath: dockerfile.baseUrlPath,
        containerEngine,
        kubernetesOptions: options.kubernetesOptions,
      }),
    } : {}),
  };
}

/** Features only make sense in a dev container: given with `devcontainer: false`, they are a mistake to point out. */
function refuseFeaturesWithoutDevcontainer(value: unknown, resolved: ResolvedDevcontainerOptions, devcontainer: boolean): void {
  if (!devcontainer && Object.keys(resolved.features).length) {
    throw new OptionError('devcontainerFeatures', value, 'Features are installed in the dev container, which devcontainer: false turns off', 'devcontainer: true');
  }
}

/** The image name with its tag; `latest` cannot be deployed as one build, so Kubernetes refuses it here. */
function resolveImageName(value: unknown, kubernetes: boolean): string {
  const name = checkImageName(value);
  const { repository, tag } = splitImageName(name);
  if (tag === 'latest' && kubernetes) {
    throw new OptionError(
      'imageName',
      value,
      'The tag "latest" names no particular build, so Kubernetes can neither roll back nor tell versions apart; give a version (or no tag, for the default), or set kubernetes: false',
      `imageName: "${repository}:1.0.0"`,
    );
  }
  return tag ? name : `${repository}:${DEFAULTS.imageTag}`;
}
