import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cleanUpWorkDirs, packThisPackage, projenNew, runOk, userEnv, workDir } from './harness/generated-project';
import { ADOPTION_COMMIT_MESSAGE } from '../../src/adoption/first-commit';
import { GIT_IDENTITY, gitIn, NPMRC_WITH_TOKEN, repositoryState, serviceAccountKey, usersRepositoryWithWork, write } from '../adoption/git-fixtures';

jest.setTimeout(10 * 60 * 1000);
afterAll(cleanUpWorkDirs);

const USERS_FILES = ['app/main.py', 'app/charts.py', 'README.md', 'notes.txt', 'wip_experiment.py', '.npmrc', 'credentials.json'];
const bytesOf = (dir: string, paths: readonly string[]) => Object.fromEntries(paths.map((path) => [path, readFileSync(join(dir, path)).toString('base64')]));
const scratchFolders = () => readdirSync(tmpdir()).filter((entry) => entry.startsWith('devstack-git-')).sort();

let tarball: string;
beforeAll(() => {
  tarball = packThisPackage();
});

describe('the real projen new (with git) in a repository of the user\'s, with history and work in progress', () => {
  let dir: string;
  let before: Record<string, string>;
  let bytesBefore: Record<string, string>;
  let output: string;
  let scratchBefore: string[];

  beforeAll(() => {
    dir = workDir('devstack-adopt-git-');
    usersRepositoryWithWork(dir);
    before = repositoryState(dir);
    bytesBefore = bytesOf(dir, USERS_FILES);
    scratchBefore = scratchFolders();
    output = projenNew(tarball, [], dir, { git: true }).result.output;
  });

  test('branch, history, index, staged and unstaged changes are exactly as before: projen made no commit', () => {
    expect(repositoryState(dir)).toEqual(before);
    expect(gitIn(dir, ['symbolic-ref', '--short', 'HEAD']).trim()).toBe('feature/charts');
    expect(gitIn(dir, ['log', '--format=%s']).trim().split('\n')).toEqual(['feat: charts', 'feat: first page']);
  });

  test('every file of the user\'s has the same bytes, and the untracked ones are still untracked', () => {
    expect(bytesOf(dir, USERS_FILES)).toEqual(bytesBefore);
    const status = gitIn(dir, ['status', '--porcelain', '--untracked-files=all']).split('\n');
    expect(status).toEqual(expect.arrayContaining(['A  notes.txt', ' M app/main.py', '?? wip_experiment.py', '?? .npmrc']));
    // credentials.json is git-ignored by name now, so git status hides it; it is there, untouched
    expect(gitIn(dir, ['check-ignore', 'credentials.json']).trim()).toBe('credentials.json');
  });

  test('it says so, and prints the command that commits the generated files and nothing of the user\'s', () => {
    expect(output).toContain('projen new staged and committed nothing');
    const addLine = /^ {2}git add -- (.*)$/m.exec(output)?.[1];
    expect(addLine).toBeDefined();
    const paths = addLine!.split(' ');
    expect([...paths].sort()).toEqual(paths); // printed in order, once each
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toEqual(expect.arrayContaining(['.projenrc.ts', 'Dockerfile', 'Pipfile', '.devcontainer/', '.projen/', 'package.json', 'package-lock.json']));
    for (const path of ['app/', 'app/main.py', 'notes.txt', 'wip_experiment.py', '.npmrc', 'credentials.json']) expect(paths).not.toContain(path);

    gitIn(dir, ['add', '--', ...paths]);
    gitIn(dir, ['commit', '-q', '-m', ADOPTION_COMMIT_MESSAGE, '--', ...paths]);
    const committed = gitIn(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n');
    expect(committed).toEqual(expect.arrayContaining(['.projenrc.ts', 'Dockerfile', '.devcontainer/devcontainer.json']));
    for (const path of ['app/main.py', 'notes.txt', 'wip_experiment.py', '.npmrc', 'credentials.json']) expect(committed).not.toContain(path);
    expect(gitIn(dir, ['diff', '--cached', '--name-only']).trim()).toBe('notes.txt');
    expect(gitIn(dir, ['diff', '--name-only']).trim()).toBe('app/main.py');
  });

  test('the scratch repository that took projen\'s commit is gone', () => {
    expect(scratchFolders()).toEqual(scratchBefore);
  });
});

describe('the real projen new (with git) in a plain folder holding secrets', () => {
  let dir: string;
  let output: string;

  beforeAll(() => {
    dir = workDir('devstack-first-commit-');
    write(dir, 'app/main.py', 'import streamlit as st\n\nst.title("Hello")\n');
    write(dir, '.npmrc', NPMRC_WITH_TOKEN);
    write(dir, 'deploy/gcp-deployer.json', serviceAccountKey());
    write(dir, 'deploy/README.md', 'How we deploy\n');
    output = projenNew(tarball, [], dir, { git: true, env: userEnv(GIT_IDENTITY) }).result.output;
  });

  test('the first commit holds the project and none of the files with secrets', () => {
    expect(gitIn(dir, ['log', '--format=%s']).trim()).toBe('chore: project created with projen');
    const committed = gitIn(dir, ['ls-files']).trim().split('\n');
    expect(committed).toEqual(expect.arrayContaining(['.projenrc.ts', 'Dockerfile', 'Pipfile', 'app/main.py', 'deploy/README.md', 'package-lock.json']));
    expect(committed).not.toContain('.npmrc');
    expect(committed).not.toContain('deploy/gcp-deployer.json');
    expect(gitIn(dir, ['status', '--porcelain']).trim().split('\n').sort()).toEqual(['?? .npmrc', '?? deploy/gcp-deployer.json']);
  });

  test('it names each file left out, with the rule that matched, and no secret value', () => {
    expect(output).toContain('Left out of the first commit');
    expect(output).toMatch(/^ {2}\.npmrc \(@secretlint\/secretlint-rule-npm/m);
    expect(output).toMatch(/^ {2}deploy\/gcp-deployer\.json \(@secretlint\/secretlint-rule-privatekey/m);
    expect(output).not.toContain('npm_A1b2');
    expect(output).not.toContain('BEGIN PRIVATE KEY');
  });

  test('the project works afterwards: npx projen changes nothing that git tracks', () => {
    runOk('npx', ['projen'], dir, userEnv(GIT_IDENTITY));
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf-8' }).trim().split('\n').sort()).toEqual(['?? .npmrc', '?? deploy/gcp-deployer.json']);
  });
});
