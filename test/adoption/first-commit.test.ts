import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen/lib/project';
import { TextFile } from 'projen/lib/textfile';
import { gitIn, NPMRC_WITH_TOKEN, projenNewGitSteps, repositoryState, serviceAccountKey, usersRepositoryWithWork, write } from './git-fixtures';
import { collapseToFolders, describePlan, FirstCommit, projenNewRunsGit } from '../../src/adoption/first-commit';
import { exactIgnorePattern } from '../../src/adoption/git-work-tree';
import { bareProject, synthProject, tempDir } from '../util';

/** A FirstCommit on a bare project in `dir`'s place, as `projen new` would run it, with its own environment object. */
function firstCommitIn(samples: string[] = [], argv: string[] = ['node', 'projen', 'new']) {
  const project = bareProject();
  new TextFile(project, 'Dockerfile', { lines: ['FROM python:3.13-slim AS base'] });
  const env: NodeJS.ProcessEnv = {};
  const component = new FirstCommit(project, () => samples, env, argv);
  return { project, env, component };
}

const previous = process.env.PROJEN_CREATE_PROJECT;
beforeEach(() => (process.env.PROJEN_CREATE_PROJECT = 'true'));
afterEach(() => {
  if (previous === undefined) delete process.env.PROJEN_CREATE_PROJECT;
  else process.env.PROJEN_CREATE_PROJECT = previous;
});

describe('projen new in a git repository of the user\'s', () => {
  test('the user\'s branch, history, index, staged and unstaged work and untracked files stay exactly as they were', () => {
    const { project, env, component } = firstCommitIn(['app/main.py', 'tests/test_app.py']);
    const dir = project.outdir;
    usersRepositoryWithWork(dir);
    synthProject(project);
    write(dir, 'tests/test_app.py', 'def test_app():\n    pass\n'); // the sample, missing before the synth
    const before = repositoryState(dir);
    const bytesBefore = ['app/main.py', 'notes.txt', 'wip_experiment.py', '.npmrc', 'credentials.json'].map((path) => readFileSync(join(dir, path)));

    const plan = component.prepare();
    projenNewGitSteps(dir, env);

    expect(repositoryState(dir)).toEqual(before);
    expect(['app/main.py', 'notes.txt', 'wip_experiment.py', '.npmrc', 'credentials.json'].map((path) => readFileSync(join(dir, path)))).toEqual(bytesBefore);
    expect(gitIn(dir, ['status', '--porcelain', '--untracked-files=all']).split('\n')).toEqual(
      expect.arrayContaining(['A  notes.txt', ' M app/main.py', '?? wip_experiment.py', '?? .npmrc', '?? credentials.json', '?? Dockerfile']),
    );
    // the user is offered the generated files only: never their edit of app/main.py, never a secret
    expect(plan).toEqual({ kind: 'left-for-user', paths: ['.gitattributes', '.gitignore', '.projen/', 'Dockerfile', 'tests/'] });
    expect(describePlan(plan).join('\n')).toContain('git add -- .gitattributes .gitignore .projen/ Dockerfile tests/');
  });

  test('the commands it prints commit the generated files alone, and the user\'s staged work stays staged', () => {
    const { project, env, component } = firstCommitIn(['app/main.py']);
    const dir = project.outdir;
    usersRepositoryWithWork(dir);
    synthProject(project);
    const plan = component.prepare();
    projenNewGitSteps(dir, env);
    if (plan.kind !== 'left-for-user') throw new Error(plan.kind);
    gitIn(dir, ['add', '--', ...plan.paths]);
    gitIn(dir, ['commit', '-q', '-m', 'chore: adopt py-streamlit-devstack', '--', ...plan.paths]);
    expect(gitIn(dir, ['show', '--name-only', '--format=', 'HEAD']).trim().split('\n').sort()).toEqual(['.gitattributes', '.gitignore', '.projen/files.json', '.projen/tasks.json', 'Dockerfile']);
    expect(gitIn(dir, ['diff', '--cached', '--name-only']).trim()).toBe('notes.txt');
  });

  test('a folder inside a bigger repository counts as the user\'s repository: no nested repository, nothing staged', () => {
    const { project, env } = firstCommitIn();
    const root = project.outdir;
    usersRepositoryWithWork(root);
    const sub = join(root, 'dashboards');
    write(sub, 'keep.txt', 'x\n');
    const inner = new FirstCommit(new Project({ name: 'inner', outdir: sub }), () => [], env, ['node', 'projen', 'new']);
    const before = repositoryState(root);
    expect(inner.prepare().kind).toBe('left-for-user');
    projenNewGitSteps(sub, env);
    expect(repositoryState(root)).toEqual(before);
    expect(gitIn(sub, ['rev-parse', '--show-toplevel']).trim()).toBe(root);
  });
});

describe('projen new in a plain folder', () => {
  test('makes the first commit without the files secretlint flags, and names them with the rule', () => {
    const { project, env, component } = firstCommitIn();
    const dir = project.outdir;
    write(dir, 'app/main.py', 'import streamlit as st\n');
    write(dir, '.npmrc', NPMRC_WITH_TOKEN);
    write(dir, 'config/credentials.json', serviceAccountKey());
    write(dir, 'weird name [1].txt', 'password-free\n');

    const plan = component.prepare();
    projenNewGitSteps(dir, env);

    expect(plan.kind).toBe('first-commit');
    const committed = gitIn(dir, ['ls-files']).trim().split('\n').sort();
    expect(committed).toEqual(['app/main.py', 'weird name [1].txt']);
    expect(gitIn(dir, ['status', '--porcelain']).trim().split('\n').sort()).toEqual(['?? .npmrc', '?? config/']);
    const report = describePlan(plan).join('\n');
    expect(report).toContain('.npmrc (@secretlint/secretlint-rule-npm');
    expect(report).toContain('config/credentials.json (@secretlint/secretlint-rule-privatekey (PrivateKey))');
    expect(report).not.toContain('npm_A1b2');
  });

  test('with nothing secret, the first commit is projen\'s usual one and nothing is reported', () => {
    const { project, env, component } = firstCommitIn();
    write(project.outdir, 'app/main.py', 'import streamlit as st\n');
    const plan = component.prepare();
    projenNewGitSteps(project.outdir, env);
    expect(plan).toEqual({ kind: 'first-commit', leftOut: [] });
    expect(describePlan(plan)).toEqual([]);
    expect(env.GIT_CONFIG_COUNT).toBeUndefined();
    expect(gitIn(project.outdir, ['ls-files']).trim()).toBe('app/main.py');
  });

  test('--no-git: nothing is scanned or arranged', () => {
    const { env, component } = firstCommitIn([], ['node', 'projen', 'new', '--from', 'x.tgz', '--no-git']);
    expect(component.prepare()).toEqual({ kind: 'no-git' });
    expect(env).toEqual({});
  });
});

describe('helpers', () => {
  test('projenNewRunsGit reads projen new\'s --git switch', () => {
    expect(projenNewRunsGit(['new'])).toBe(true);
    expect(projenNewRunsGit(['new', '--no-git'])).toBe(false);
    expect(projenNewRunsGit(['new', '--git=false'])).toBe(false);
    expect(projenNewRunsGit(['new', '--git', 'false'])).toBe(false);
    expect(projenNewRunsGit(['new', '--git', 'true'])).toBe(true);
  });

  test('collapseToFolders stages a folder only when every change in it is generated', () => {
    const changed = ['.projen/tasks.json', '.projen/files.json', 'app/main.py', 'app/extra.py', 'Dockerfile', 'tests/test_app.py'];
    expect(collapseToFolders(['.projen/tasks.json', '.projen/files.json', 'app/extra.py', 'Dockerfile', 'tests/test_app.py'], changed))
      .toEqual(['.projen/', 'Dockerfile', 'app/extra.py', 'tests/']);
  });

  test.each(['a*b.txt', 'x[1].json', '#hash', '!bang', 'trailing ', 'back\\slash', 'sub dir/q?.env'])(
    'exactIgnorePattern(%j) makes git ignore that file and no other',
    (name) => {
      const dir = tempDir();
      gitIn(dir, ['init', '-q']);
      write(dir, name, 'x\n');
      write(dir, 'other.txt', 'x\n');
      writeFileSync(join(dir, '.git', 'info', 'exclude'), `${exactIgnorePattern(name)}\n`);
      expect(gitIn(dir, ['ls-files', '-z', '--others', '--exclude-standard']).split('\0').filter(Boolean).sort()).toEqual(['other.txt']);
    },
  );
});
