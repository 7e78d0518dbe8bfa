import { IgnoreFile, Project } from 'projen';
import { LAYOUT, SECRET_FILES, TOOL_CACHE_DIRS } from '../settings';

/**
 * Keeps secrets, local environments and tooling out of the build context, so
 * `COPY . .` in the `app` stage copies only the application.
 */
export class DockerIgnore extends IgnoreFile {
  constructor(project: Project) {
    super(project, '.dockerignore');
    this.exclude(
      // secrets and local state
      ...SECRET_FILES,
      '.git',
      LAYOUT.devVenv,
      // caches
      '**/__pycache__',
      '**/*.py[cod]',
      ...TOOL_CACHE_DIRS,
      // development tooling, not needed at run time
      'node_modules',
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
