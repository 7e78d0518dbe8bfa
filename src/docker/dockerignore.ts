import { dockerignorePatterns, dockerignoreRootEntries } from '../ignore/local-files';
import { IgnoreFile, Project } from '../projen-api';

/**
 * Keeps secrets, local environments and tooling out of the build context at any
 * depth, so `COPY . .` in the `app` stage copies only the application.
 *
 * @param toolchainPaths the `.projenrc.ts` toolchain's packages inside the project (`file:`
 * tarballs and folders, relative to it): Node tooling, never part of the app
 */
export class DockerIgnore extends IgnoreFile {
  constructor(project: Project, toolchainPaths: readonly string[] = []) {
    super(project, '.dockerignore');
    this.exclude(
      // secrets, credentials, local environments and caches, at any depth
      ...dockerignorePatterns(),
      // development tooling and tests at the root, not needed at run time
      ...dockerignoreRootEntries(),
      ...toolchainPaths.map(literalPattern),
    );
  }
}

/**
 * A path as a .dockerignore pattern that matches only itself: Go's filepath.Match reads `*`,
 * `?` and `[` as wildcards, and each becomes a one-character class (projen's ignore files turn
 * a backslash escape into a slash).
 */
function literalPattern(path: string): string {
  return path.replace(/^\.\//, '').replace(/[*?[]/g, (character) => `[${character}]`);
}
