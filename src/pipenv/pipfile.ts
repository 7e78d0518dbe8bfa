import { Project, TomlFile } from 'projen';
import { DevstackSettings } from '../settings';

export const PYPI_SOURCE = { url: 'https://pypi.org/simple', verify_ssl: true, name: 'pypi' };

/**
 * The Pipfile: Pipenv's list of libraries. `Pipfile.lock`, made from it by
 * `pipenv lock`, is the pinned truth the images install.
 */
export class Pipfile extends TomlFile {
  constructor(project: Project, settings: DevstackSettings) {
    super(project, 'Pipfile', {
      obj: {
        'source': [PYPI_SOURCE],
        'packages': sortedByName(settings.packages),
        'dev-packages': sortedByName(settings.devPackages),
        'requires': { python_version: settings.pythonVersion },
      },
    });
  }
}

function sortedByName(packages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
}
