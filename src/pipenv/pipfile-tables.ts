import type { PipenvSettings } from '../options';
import type { ResolvedSource } from '../validation';

/** Public PyPI, the source a Pipfile has by default (and Pipenv assumes when it names none). */
export const PYPI_SOURCE: ResolvedSource = { name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true };

/** A source as the Pipfile's `[[source]]` table writes it. */
export function pipfileSourceTable({ name, url, verifySsl }: ResolvedSource): { url: string; verify_ssl: boolean; name: string } {
  return { url, verify_ssl: verifySsl, name };
}

/** The Pipfile's `[pipenv]` key of each `pipenvSettings` option. */
export const PIPENV_SETTING_KEYS: Record<keyof PipenvSettings, string> = {
  allowPrereleases: 'allow_prereleases',
  installSearchAllSources: 'install_search_all_sources',
  disablePipInput: 'disable_pip_input',
  sortPipfile: 'sort_pipfile',
};
