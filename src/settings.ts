import { ContainerEngine, PyStreamlitDevstackProjectOptions } from './options';
import { resolvePythonVersion } from './python-version';
import {
  checkAppEntrypoint,
  checkAptPackages,
  checkBaseImage,
  checkBoolean,
  checkDevDeps,
  checkEnum,
  checkImageName,
  checkOptionNames,
  checkPipenvVersion,
  checkPort,
  checkProjectName,
  checkPythonPackages,
  checkVscodeExtensions,
} from './validation';

const TESTS_DIR = 'tests';

/** Fixed layout shared by the Dockerfile, the dev container and the tasks. */
export const LAYOUT = {
  /** Working directory in every stage and the dev container's workspace mount. */
  workspace: '/workspace',
  /** Self-contained Python environment built in `builder` and copied to `app`. */
  venv: '/opt/venv',
  appUser: { name: 'app', uid: 10001 },
  /** Matches the usual uid of a single-user Linux host, so the mounted workspace is writable. */
  devUser: { name: 'vscode', uid: 1000 },
  /** Project-local Pipenv environment (PIPENV_VENV_IN_PROJECT). */
  devVenv: '.venv',
  testsDir: TESTS_DIR,
  appTestFile: `${TESTS_DIR}/test_app.py`,
  streamlitConfig: '.streamlit/config.toml',
} as const;

/** Every option with its default applied and its value validated. */
export interface DevstackSettings {
  readonly name: string;
  readonly pythonVersion: string;
  readonly baseImage: string;
  readonly port: number;
  readonly appEntrypoint: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly devPackages: Readonly<Record<string, string>>;
  readonly aptPackages: readonly string[];
  readonly devAptPackages: readonly string[];
  readonly vscodeExtensions: readonly string[];
  readonly imageName: string;
  readonly devcontainer: boolean;
  readonly containerEngine: ContainerEngine;
  readonly pipenvVersion: string;
  readonly autoLock: boolean;
  readonly devDeps: readonly string[];
}

export const DEFAULTS = {
  pythonVersion: '3.13',
  port: 8501,
  appEntrypoint: 'app/main.py',
  vscodeExtensions: ['ms-python.python', 'ms-python.vscode-pylance', 'charliermarsh.ruff'],
  devcontainer: true,
  containerEngine: ContainerEngine.DOCKER,
  pipenvVersion: '2026.10.3',
  autoLock: true,
  basePackages: { streamlit: '*' },
  baseDevPackages: { pytest: '*', ruff: '*' },
} as const;

/** Every option name; the type keeps this list and the struct in step. */
const OPTION_NAMES: Record<keyof PyStreamlitDevstackProjectOptions, true> = {
  name: true,
  outdir: true,
  pythonVersion: true,
  baseImage: true,
  port: true,
  appEntrypoint: true,
  packages: true,
  devPackages: true,
  aptPackages: true,
  devAptPackages: true,
  vscodeExtensions: true,
  imageName: true,
  devcontainer: true,
  containerEngine: true,
  pipenvVersion: true,
  autoLock: true,
  devDeps: true,
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
  const name = checkProjectName(options.name);
  const pythonVersion = resolvePythonVersion(options.pythonVersion ?? DEFAULTS.pythonVersion, argv);
  return {
    name,
    pythonVersion,
    baseImage: checkBaseImage(options.baseImage ?? `python:${pythonVersion}-slim`),
    port: checkPort(options.port ?? DEFAULTS.port),
    appEntrypoint: checkAppEntrypoint(options.appEntrypoint ?? DEFAULTS.appEntrypoint),
    packages: { ...DEFAULTS.basePackages, ...checkPythonPackages('packages', options.packages ?? {}) },
    devPackages: { ...DEFAULTS.baseDevPackages, ...checkPythonPackages('devPackages', options.devPackages ?? {}) },
    aptPackages: checkAptPackages('aptPackages', options.aptPackages ?? []),
    devAptPackages: checkAptPackages('devAptPackages', options.devAptPackages ?? []),
    vscodeExtensions: checkVscodeExtensions(options.vscodeExtensions ?? DEFAULTS.vscodeExtensions),
    imageName: checkImageName(options.imageName ?? slugOf(name)),
    devcontainer: checkBoolean('devcontainer', options.devcontainer ?? DEFAULTS.devcontainer),
    containerEngine: checkEnum(
      'containerEngine',
      options.containerEngine ?? DEFAULTS.containerEngine,
      Object.values(ContainerEngine),
      'containerEngine: ContainerEngine.PODMAN',
    ),
    pipenvVersion: checkPipenvVersion(options.pipenvVersion ?? DEFAULTS.pipenvVersion),
    autoLock: checkBoolean('autoLock', options.autoLock ?? DEFAULTS.autoLock),
    devDeps: checkDevDeps(options.devDeps ?? []),
  };
}

/** A lower-case slug of a project name ("My App" gives "my-app"): the default image and package name. */
export function slugOf(projectName: string): string {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'streamlit-app';
}
