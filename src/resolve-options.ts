import { resolve as resolvePath } from 'path';
import { isProjectCreation } from './adoption/adoption';
import { checkProjenNewSwitches, resolvePort } from './adoption/command-line';
import { DEFAULTS } from './defaults';
import { checkFeatures } from './devcontainer/devcontainer-input';
import { splitImageName } from './docker/image-reference';
import { ignoredBy } from './ignore/local-files';
import { KubernetesSettings, resolveKubernetesSettings } from './kubernetes/kubernetes-settings';
import { ContainerEngine, PyStreamlitDevstackProjectOptions } from './options';
import { resolveToolchain, ToolchainSettings } from './projenrc/toolchain-settings';
import { resolvePythonVersion } from './python-version';
import {
  checkAppEntrypoint,
  checkAptPackages,
  checkBaseImage,
  checkBaseUrlPath,
  checkBoolean,
  checkDevDeps,
  checkEnum,
  checkImageName,
  checkOptionNames,
  checkPipenvVersion,
  checkProjectName,
  checkPythonPackages,
  checkVscodeExtensions,
  checkPipfileSources,
  checkPackageIndexes,
  checkPipfileScripts,
  checkPipenvSettings,
  checkGitignore,
  OptionError,
  ResolvedSource,
  withBuiltins,
} from './validation';


/** Every option with its default applied and its value validated. */
export interface DevstackSettings {
  readonly name: string;
  readonly pythonVersion: string;
  readonly baseImage: string;
  readonly port: number;
  /** The base URL path without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
  readonly appEntrypoint: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly devPackages: Readonly<Record<string, string>>;
  readonly aptPackages: readonly string[];
  readonly devAptPackages: readonly string[];
  readonly vscodeExtensions: readonly string[];
  readonly devcontainerFeatures: Readonly<Record<string, Readonly<Record<string, string | boolean>>>>;
  /** The production image with its tag (the default tag when `imageName` has none). */
  readonly imageName: string;
  readonly devcontainer: boolean;
  readonly containerEngine: ContainerEngine;
  readonly pipenvVersion: string;
  readonly autoLock: boolean;
  /** The `devDeps` entries as the project records them (the project type's tarball as its copy in the project). */
  readonly devDeps: readonly string[];
  /** What the `.projenrc.ts` toolchain installs. */
  readonly toolchain: ToolchainSettings;
  readonly pipfileSources: readonly ResolvedSource[];
  readonly packageIndexes: Readonly<Record<string, string>>;
  readonly pipfileScripts: Readonly<Record<string, string>>;
  readonly pipenvSettings: Readonly<Record<string, boolean>>;
  readonly gitignore: readonly string[];
  readonly githubActions: boolean;
  /** The Kubernetes manifests' settings, or undefined when `kubernetes` is false. */
  readonly kubernetes?: KubernetesSettings;
}

export { LAYOUT } from './layout';

export { DEFAULTS } from './defaults';

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
 * Merges the defaults into the options, in this one place, and validates every
 * value before anything is written.
 *
 * @param argv process arguments, used only to recover a `--python-version` that
 * projen's command line parsed as a number
 */
export function resolveSettings(options: PyStreamlitDevstackProjectOptions, argv: readonly string[]): DevstackSettings {
  checkOptionNames(Object.keys(options), Object.keys(OPTION_NAMES));
  checkProjenNewSwitches(argv, Object.keys(OPTION_NAMES));
  const name = checkProjectName(options.name);
  const pythonVersion = resolvePythonVersion(options.pythonVersion ?? DEFAULTS.pythonVersion, argv);
  const packages = withBuiltins(DEFAULTS.basePackages, checkPythonPackages('packages', options.packages ?? {}));
  const devPackages = withBuiltins(DEFAULTS.baseDevPackages, checkPythonPackages('devPackages', options.devPackages ?? {}));
  const pipfileSources = checkPipfileSources(options.pipfileSources ?? DEFAULTS.pipfileSources);
  const kubernetes = checkBoolean('kubernetes', options.kubernetes ?? DEFAULTS.kubernetes);
  const devcontainer = checkBoolean('devcontainer', options.devcontainer ?? DEFAULTS.devcontainer);
  const projectGitignore = checkGitignore(options.gitignore ?? []);
  // at projen new, the first devDeps entry is the spec projen installed the project type from
  const { devDeps, toolchain } = resolveToolchain(checkDevDeps(options.devDeps ?? []), resolvePath(options.outdir ?? '.'), isProjectCreation() ? options.devDeps?.[0] : undefined);
  return {
    imageName: resolveImageName(options.imageName ?? slugOf(name), kubernetes),
    ...(kubernetes ? { kubernetes: resolveKubernetesSettings(options.kubernetesOptions ?? {}, slugOf(name)) } : {}),
    name,
    pythonVersion,
    baseImage: checkBaseImage(options.baseImage ?? `python:${pythonVersion}-slim`),
    port: resolvePort(options.port, argv),
    baseUrlPath: checkBaseUrlPath(options.baseUrlPath ?? ''),
    appEntrypoint: checkAppEntrypoint(options.appEntrypoint ?? DEFAULTS.appEntrypoint, (path) => ignoredBy(path, projectGitignore)),
    packages,
    devPackages,
    aptPackages: checkAptPackages('aptPackages', options.aptPackages ?? []),
    devAptPackages: checkAptPackages('devAptPackages', options.devAptPackages ?? []),
    vscodeExtensions: checkVscodeExtensions(options.vscodeExtensions ?? DEFAULTS.vscodeExtensions),
    devcontainer,
    devcontainerFeatures: checkDevcontainerFeatures(options.devcontainerFeatures, devcontainer),
    containerEngine: checkEnum(
      'containerEngine',
      options.containerEngine ?? DEFAULTS.containerEngine,
      Object.values(ContainerEngine),
      'containerEngine: ContainerEngine.PODMAN',
    ),
    pipenvVersion: checkPipenvVersion(options.pipenvVersion ?? DEFAULTS.pipenvVersion),
    autoLock: checkBoolean('autoLock', options.autoLock ?? DEFAULTS.autoLock),
    devDeps,
    toolchain,
    pipfileSources,
    packageIndexes: checkPackageIndexes(
      options.packageIndexes ?? {},
      [...Object.keys(packages), ...Object.keys(devPackages)],
      pipfileSources.map((source) => source.name),
    ),
    pipfileScripts: checkPipfileScripts(options.pipfileScripts ?? {}),
    pipenvSettings: checkPipenvSettings(options.pipenvSettings ?? {}),
    gitignore: projectGitignore,
    githubActions: checkBoolean('githubActions', options.githubActions ?? DEFAULTS.githubActions),
  };
}

/** Features only make sense in a dev container: given with `devcontainer: false`, they are a mistake to point out. */
function checkDevcontainerFeatures(value: unknown, devcontainer: boolean): Record<string, Record<string, string | boolean>> {
  const features = checkFeatures('devcontainerFeatures', value ?? {});
  if (!devcontainer && Object.keys(features).length) {
    throw new OptionError('devcontainerFeatures', value, 'Features are installed in the dev container, which devcontainer: false turns off', 'devcontainer: true');
  }
  return features;
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

/** A lower-case slug of a project name ("My App" gives "my-app"): the default image and package name. */
export function slugOf(projectName: string): string {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'streamlit-app';
}
