import { checkPythonPackages, withBuiltins } from './pep440';
import { checkPackageIndexes, checkPipfileScripts, checkPipfileSources } from './pipfile-input';
import { PYPI_SOURCE, ResolvedSource } from './pipfile-tables';
import { checkPythonVersion } from '../python-version';
import { checkBoolean, refuseUnknownKeys, requireObject, resolvedOnce } from '../validation';

/** Options of the Pipfile component (`PyStreamlitDevstackProject` derives them from its own). */
export interface PipfileOptions {
  /** `[requires] python_version`. */
  readonly pythonVersion: string;
  /**
   * `[packages]`: name to PEP 440 specifier.
   *
   * @default {}
   */
  readonly packages?: { [name: string]: string };
  /**
   * `[dev-packages]`: name to PEP 440 specifier.
   *
   * @default {}
   */
  readonly devPackages?: { [name: string]: string };
  /**
   * `[[source]]`: the package indexes.
   *
   * @default - PyPI
   */
  readonly sources?: PipfileSource[];
  /**
   * The index of a package, by source name, for packages that come from another source.
   *
   * @default {}
   */
  readonly packageIndexes?: { [name: string]: string };
  /**
   * `[scripts]`: name to command, run by `pipenv run NAME`.
   *
   * @default {}
   */
  readonly scripts?: { [name: string]: string };
  /**
   * `[pipenv]`: Pipenv's own settings.
   *
   * @default - none
   */
  readonly pipenvSettings?: PipenvSettings;
}

/** A package index of the Pipfile (`[[source]]`). */
export interface PipfileSource {
  /** The name packages refer to in `packageIndexes`. */
  readonly name: string;
  /**
   * The index's URL (its simple API, for example `https://pypi.org/simple`): https, or http
   * only for a loopback host. Credentials only as environment variables, which Pipenv
   * expands and the image build gets as build secrets:
   * `https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple`.
   */
  readonly url: string;
  /**
   * Verify the index's TLS certificate.
   *
   * @default true
   */
  readonly verifySsl?: boolean;
}

/** Pipenv's own settings, the Pipfile's `[pipenv]` table. */
export interface PipenvSettings {
  /**
   * Allow pre-release versions (`allow_prereleases`).
   *
   * @default false
   */
  readonly allowPrereleases?: boolean;
  /**
   * Search every source for a locked package's hashes (`install_search_all_sources`).
   *
   * @default false
   */
  readonly installSearchAllSources?: boolean;
  /**
   * Never let pip ask for input (`disable_pip_input`).
   *
   * @default false
   */
  readonly disablePipInput?: boolean;
  /**
   * Sort packages by name when Pipenv edits the Pipfile (`sort_pipfile`).
   *
   * @default false
   */
  readonly sortPipfile?: boolean;
}

/** The Pipfile's `[pipenv]` key of each `pipenvSettings` option. */
export const PIPENV_SETTING_KEYS: Record<keyof PipenvSettings, string> = {
  allowPrereleases: 'allow_prereleases',
  installSearchAllSources: 'install_search_all_sources',
  disablePipInput: 'disable_pip_input',
  sortPipfile: 'sort_pipfile',
};

export function checkPipenvSettings(value: unknown): Record<string, boolean> {
  const example = 'pipenvSettings: { allowPrereleases: true }';
  const settings = requireObject('pipenvSettings', value, example);
  refuseUnknownKeys('pipenvSettings', settings, Object.keys(PIPENV_SETTING_KEYS), example);
  return Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, checkBoolean(`pipenvSettings.${key}`, setting)]));
}

/** The Pipfile's options with every default applied and every value checked. */
export interface ResolvedPipfileOptions {
  readonly pythonVersion: string;
  readonly packages: Record<string, string>;
  readonly devPackages: Record<string, string>;
  readonly sources: ResolvedSource[];
  readonly packageIndexes: Record<string, string>;
  readonly scripts: Record<string, string>;
  readonly pipenvSettings: Record<string, boolean>;
}

/** Packages a Pipfile has unless the options name them: the project type's streamlit, pytest and ruff. */
export interface BuiltinPackages {
  readonly packages: Readonly<Record<string, string>>;
  readonly devPackages: Readonly<Record<string, string>>;
}

const NO_BUILTINS: BuiltinPackages = { packages: {}, devPackages: {} };

/**
 * The Pipfile component's options, checked once: the project type resolves them before
 * any component exists, and the component takes that result as it is.
 *
 * @param builtins packages added unless the options name them (compared by PEP 503 name)
 */
export const resolvePipfileOptions = resolvedOnce((options: PipfileOptions, builtins: BuiltinPackages = NO_BUILTINS): ResolvedPipfileOptions => {
  const packages = withBuiltins(builtins.packages, checkPythonPackages('packages', options.packages ?? {}));
  const devPackages = withBuiltins(builtins.devPackages, checkPythonPackages('devPackages', options.devPackages ?? {}));
  const sources = checkPipfileSources(options.sources ?? [PYPI_SOURCE]);
  return {
    pythonVersion: checkPythonVersion(options.pythonVersion),
    packages,
    devPackages,
    sources,
    packageIndexes: checkPackageIndexes(
      options.packageIndexes ?? {},
      [...Object.keys(packages), ...Object.keys(devPackages)],
      sources.map((source) => source.name),
    ),
    scripts: checkPipfileScripts(options.scripts ?? {}),
    pipenvSettings: checkPipenvSettings(options.pipenvSettings ?? {}),
  };
});
