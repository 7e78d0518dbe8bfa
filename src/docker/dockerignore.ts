import { IgnoreFile, Project } from 'projen';
import { dockerignorePatterns } from '../ignore/local-files';
import { LAYOUT } from '../settings';

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
      // development tooling at the root, not needed at run time
      '.projen',
      '.projenrc.ts',
      'package.json',
      'package-lock.json',
      'tsconfig.projen.json',
      '.devcontainer',
      '.vscode',
      '.gitignore',
      '.gitattributes',
      '.dockerignore',
      'Dockerfile',
      'README.md',
      LAYOUT.testsDir,
    );
  }
}
