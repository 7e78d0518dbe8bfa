import { IgnoreFile, Project } from 'projen';
import { LAYOUT } from '../settings';

/**
 * Keeps secrets, local environments and tooling out of the build context, so
 * `COPY . .` in the `app` stage copies only the application.
 */
export class DockerIgnore extends IgnoreFile {
  constructor(project: Project) {
    super(project, '.dockerignore');
    this.exclude(
      // secrets and local state
      '.env',
      '.env.*',
      '.streamlit/secrets.toml',
      '.git',
      LAYOUT.devVenv,
      // caches
      '**/__pycache__',
      '**/*.py[cod]',
      '.pytest_cache',
      '.ruff_cache',
      '.mypy_cache',
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
      LAYOUT.appTestFile.split('/')[0],
    );
  }
}
