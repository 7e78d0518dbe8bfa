import { synth } from '../util';

const patterns = () =>
  synth()['.dockerignore']
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));

describe('.dockerignore', () => {
  test('keeps secrets, git, local environments and caches out of the build context', () => {
    // Docker anchors patterns to the context root: only a leading **/ reaches subfolders
    expect(patterns()).toEqual(
      expect.arrayContaining(['**/.git', '**/.venv', '**/node_modules', '**/.env', '**/.streamlit/secrets.toml', '**/__pycache__', '**/.pytest_cache', '**/.npmrc']),
    );
  });

  test('keeps the projen tooling and tests out of the app image', () => {
    expect(patterns()).toEqual(expect.arrayContaining(['.projenrc.ts', 'package.json', '.projen', '.devcontainer', 'tests', 'k8s']));
  });

  test('lets the Pipfile, the lock, the app and the Streamlit config through', () => {
    for (const needed of ['Pipfile', 'Pipfile.lock', 'app', 'app/main.py', '.streamlit', '.streamlit/config.toml']) {
      expect(patterns()).not.toContain(needed);
    }
  });
});
