import { Project, TomlFile } from 'projen';
import { PIPENV_SETTING_KEYS, pipfileSourceTable } from './pipfile-tables';
import { PipenvSettings } from '../options';
import { DevstackSettings } from '../settings';

/**
 * The Pipfile: Pipenv's list of libraries. `Pipfile.lock`, made from it by
 * `pipenv lock`, is the pinned truth the images install.
 */
export class Pipfile extends TomlFile {
  constructor(project: Project, settings: DevstackSettings) {
    const entries = (packages: Readonly<Record<string, string>>) =>
      Object.fromEntries(
        Object.entries(packages)
          .sort(([a], [b]) => a.localeCompare(b, 'en'))
          .map(([name, version]) => {
            const index = settings.packageIndexes[name];
            return [name, index ? { version, index } : version];
          }),
      );
    const scripts = Object.keys(settings.pipfileScripts).length ? { scripts: { ...settings.pipfileScripts } } : {};
    const pipenvEntries = Object.entries(settings.pipenvSettings).map(([key, value]) => [PIPENV_SETTING_KEYS[key as keyof PipenvSettings], value]);
    const pipenv = pipenvEntries.length ? { pipenv: Object.fromEntries(pipenvEntries) } : {};
    super(project, 'Pipfile', {
      obj: {
        'source': settings.pipfileSources.map(pipfileSourceTable),
        'packages': entries(settings.packages),
        'dev-packages': entries(settings.devPackages),
        'requires': { python_version: settings.pythonVersion },
        ...scripts,
        ...pipenv,
      },
    });
  }
}
