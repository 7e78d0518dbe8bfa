import { ContainerEngine } from './docker/container-engine';
import { PYPI_SOURCE } from './pipenv/pipfile-tables';

/**
 * The default of every option that has one, in one place: the project type's resolver
 * (src/resolve-options.ts) merges them, the validation messages take their examples from
 * them, and a test checks that each option's `@default` documentation says the same.
 */
export const DEFAULTS = {
  pythonVersion: '3.13',
  port: 8501,
  appEntrypoint: 'app/main.py',
  vscodeExtensions: ['ms-python.python', 'ms-python.vscode-pylance', 'charliermarsh.ruff'],
  devcontainer: true,
  containerEngine: ContainerEngine.DOCKER,
  pipenvVersion: '2026.10.3',
  uvVersion: '0.13.9',
  nodeVersion: '24',
  autoLock: true,
  pipfileSources: [PYPI_SOURCE],
  /** The tag of `imageName` when it has none: a version, never `latest`, so a deployment names one build. */
  imageTag: '0.1.0',
  kubernetes: true,
  githubActions: true,
  basePackages: { streamlit: '*' },
  baseDevPackages: { pytest: '*', ruff: '*' },
} as const;
