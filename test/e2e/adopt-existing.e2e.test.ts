import { cpSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'smol-toml';
import { cleanUpWorkDirs, packThisPackage, projenNew, runOk, treeHashes, workDir } from './harness/generated-project';

jest.setTimeout(10 * 60 * 1000);
afterAll(cleanUpWorkDirs);

const SEED = join(__dirname, 'fixtures', 'seed-project');
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

describe('projen new --from <tarball> in an existing project laid out as in the seed post', () => {
  let dir: string;
  let output: string;

  beforeAll(() => {
    const tarball = packThisPackage();
    dir = workDir('devstack-adopt-');
    cpSync(SEED, dir, { recursive: true });
    output = projenNew(tarball, [], dir).result.output;
  });

  test('carries the Pipfile\'s packages, dev packages and Python version into .projenrc.ts', () => {
    const rc = read(dir, '.projenrc.ts');
    expect(rc).toContain('pythonVersion: "3.10",');
    expect(rc).toMatch(/packages: \{\n\s+"pandas": "==2\.2\.3"\n\s+\}/);
    expect(rc).toMatch(/devPackages: \{\n\s+"black": "\*"\n\s+\}/);
    const pipfile = parse(read(dir, 'Pipfile')) as any;
    expect(pipfile.packages).toEqual({ pandas: '==2.2.3', streamlit: '*' });
    expect(pipfile.requires.python_version).toBe('3.10');
  });

  test('keeps the app code, Pipfile.lock and README as they were', () => {
    for (const path of ['app/main.py', 'Pipfile.lock', 'README.md']) expect(read(dir, path)).toBe(read(SEED, path));
  });

  test('keeps the replaced files next to the generated ones and tells the user', () => {
    for (const path of ['Dockerfile', 'Pipfile', '.devcontainer/devcontainer.json']) {
      expect(read(dir, `${path}.pre-devstack`)).toBe(read(SEED, path));
      expect(output).toContain(`${path} -> ${path}.pre-devstack`);
    }
    expect(output).toMatch(/Adopted your Pipfile into \.projenrc\.ts/);
    expect(read(dir, 'Dockerfile')).toContain('FROM python:3.10-slim AS base');
  });

  test('a later npx projen changes nothing and keeps the backups', () => {
    const before = treeHashes(dir);
    runOk('npx', ['projen'], dir);
    expect(treeHashes(dir)).toEqual(before);
  });
});
