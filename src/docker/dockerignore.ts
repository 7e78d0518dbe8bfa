import { dockerignorePatterns, dockerignoreRootEntries } from '../ignore/local-files';
import { IgnoreFile, Project } from '../projen-api';

/**
 * Keeps secrets, local environments and tooling out of the build context at any
 * depth, so `COPY . .` in the `app` stage copies only the application.
 */
export class DockerIgnore extends IgnoreFile {
  constructor(project: Project) {
    super(project, '.dockerignore');
    this.exclude(
      // secrets, credentials, local environments and caches, at any depth
      ...dockerignorePatterns(),
      // development tooling and tests at the root, not needed at run time
      ...dockerignoreRootEntries(),
    );
  }
}
