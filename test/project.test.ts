import { execFileSync, spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { readTree, synth, tempDir } from './util';

describe('PyStreamlitDevstackProject', () => {
  /** The default project, synthesized once: each snapshot below is one of its files. */
  let defaultFiles: Record<string, string>;
  beforeAll(() => {
    defaultFiles = synth();
  });

  test('a second synth changes nothing, byte for byte', () => {
    const dir = tempDir();
    const first = synth({ packages: { pandas: '*' } }, dir);
    const second = synth({ packages: { pandas: '*' } }, dir);
    expect(second).toEqual(first);
  });

  test('the same options give the same files in two folders (no absolute paths, no timestamps)', () => {
    const [dirA, dirB] = [tempDir(), tempDir()];
    const a = synth({ port: 8600 }, dirA);
    const b = synth({ port: 8600 }, dirB);
    expect(a).toEqual(b);
    expect(Object.values(a).join('\n')).not.toContain(dirA);
  });

  test('one value, every file: the port reaches the Dockerfile, the dev container, the tasks', () => {
    const files = synth({ port: 8765 });
    expect(files.Dockerfile).toContain('EXPOSE 8765');
    expect(files.Dockerfile).toContain('--server.port=8765');
    expect(files.Dockerfile).toContain('127.0.0.1:8765/_stcore/health');
    expect(files['.devcontainer/devcontainer.json']).toContain('8765');
    expect(files['.projen/tasks.json']).toContain('--server.port=8765');
    expect(files['.projen/tasks.json']).toContain('8765:8765');
    expect(Object.values(files).join('\n')).not.toContain('8501');
  });

  test('the image name defaults to a slug of the project name', () => {
    expect(synth({ name: 'My Sales Dashboard!' })['.projen/tasks.json']).toContain('"my-sales-dashboard:0.1.0"');
  });

  test('changing options rewrites generated files and removes the ones no longer wanted', () => {
    const dir = tempDir();
    synth({}, dir);
    const after = synth({ devcontainer: false, pythonVersion: '3.12' }, dir);
    expect(after).not.toHaveProperty(['.devcontainer/devcontainer.json']);
    expect(after.Dockerfile).toContain('FROM python:3.12-slim AS base');
    expect(after.Pipfile).toContain('python_version = "3.12"');
    expect(readTree(dir)).toEqual(after);
  });

  test('Pipfile.lock and files of the user\'s beside generated ones survive any change of options', () => {
    const dir = tempDir();
    synth({}, dir);
    const lock = '{"_meta": {"hash": {"sha256": "user-lock"}}}\n';
    writeFileSync(join(dir, 'Pipfile.lock'), lock);
    writeFileSync(join(dir, '.devcontainer', 'notes.md'), '# my notes\n');
    const variants = [{ devcontainer: false }, { packages: { pandas: '*' } }, { pythonVersion: '3.13', port: 9000 }, { appEntrypoint: 'src/app.py' }, {}];
    for (const options of variants) {
      const files = synth(options, dir);
      expect(files['Pipfile.lock']).toBe(lock);
      expect(files['.devcontainer/notes.md']).toBe('# my notes\n');
      expect(files['app/main.py']).toBeDefined();
    }
  });

  test('git ignores secrets, local environments and caches, and keeps the sources and the lock', () => {
    const dir = tempDir();
    synth({}, dir);
    execFileSync('git', ['init', '--quiet'], { cwd: dir });
    const ignored = (path: string) => spawnSync('git', ['check-ignore', '--quiet', path], { cwd: dir }).status === 0;
    for (const path of ['.env', '.env.local', '.streamlit/secrets.toml', '.venv/bin/python', 'node_modules/projen/index.js', 'app/__pycache__/main.cpython-311.pyc', '.pytest_cache/v/x']) {
      expect(`${path} ignored: ${ignored(path)}`).toBe(`${path} ignored: true`);
    }
    for (const path of ['.env.example', 'app/main.py', 'Pipfile', 'Pipfile.lock', '.projenrc.ts', 'package-lock.json', 'Dockerfile', '.streamlit/config.toml']) {
      expect(`${path} ignored: ${ignored(path)}`).toBe(`${path} ignored: false`);
    }
  });

  test.each([
    'Dockerfile',
    '.dockerignore',
    'Pipfile',
    '.devcontainer/devcontainer.json',
    '.gitignore',
    'package.json',
    'tsconfig.projen.json',
    '.projen/tasks.json',
    'app/main.py',
    'tests/test_app.py',
    '.streamlit/config.toml',
    'README.md',
    'k8s/kustomization.yaml',
    'k8s/deployment.yaml',
    'k8s/service.yaml',
    'k8s/ingress.yaml',
    'k8s/network-policy.yaml',
    'k8s/autoscaler.yaml',
    'k8s/disruption-budget.yaml',
    '.github/workflows/ci.yml',
    '.github/dependabot.yml',
  ])('snapshot of %s', (path) => {
    expect(defaultFiles[path]).toMatchSnapshot();
  });
});
