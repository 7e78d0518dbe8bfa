import { PortableYamlFile } from '../files/yaml-file';
import { Project } from '../projen-api';

/**
 * The ecosystems of a generated project, each watched by Dependabot: Pipenv's Pipfile and
 * lock (the `pip` ecosystem reads both), the Dockerfile's base image, the dev container's
 * features, the workflows' actions and the `.projenrc.ts` toolchain.
 */
export const DEPENDABOT_ECOSYSTEMS = ['pip', 'docker', 'devcontainers', 'github-actions', 'npm'] as const;

/** `.github/dependabot.yml`: weekly update pull requests for every ecosystem of the project. */
export class DependabotConfig extends PortableYamlFile {
  constructor(project: Project) {
    super(project, '.github/dependabot.yml', {
      marker: true,
      obj: {
        version: 2,
        updates: DEPENDABOT_ECOSYSTEMS.map((ecosystem) => ({
          'package-ecosystem': ecosystem,
          'directory': '/',
          'schedule': { interval: 'weekly' },
          // the Pipfile is generated from .projenrc.ts: a version bump there is read from Pipfile.lock
          ...(ecosystem === 'pip' ? { 'versioning-strategy': 'lockfile-only' } : {}),
          'open-pull-requests-limit': 5,
        })),
      },
    });
  }
}
