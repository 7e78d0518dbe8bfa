import { spawn } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { parse } from 'smol-toml';
import { lockMessage } from '../../src/pipenv/pipenv-commands';
import { DOCKER_WITHOUT_ENGINE, writeCommand } from '../util';
import { cleanUpWorkDirs, packThisPackage, projenNew, run, runOk, treeHashes, userEnv, workDir } from './harness/generated-project';

jest.setTimeout(10 * 60 * 1000);
afterAll(cleanUpWorkDirs);

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

describe('projen new --from <packed tarball>, then npx projen', () => {
  let tarball: string;
  let dir: string;
  let newOutput: string;

  beforeAll(() => {
    tarball = packThisPackage();
    const created = projenNew(tarball, ['--python-version', '3.10']);
    dir = created.dir;
    newOutput = created.result.output;
    console.log(`projen new --from <tarball>: ${created.result.seconds.toFixed(1)} s`);
  });

  test('creates the whole stack, with Python 3.10 kept as 3.10', () => {
    for (const path of ['Dockerfile', '.dockerignore', 'Pipfile', '.devcontainer/devcontainer.json', 'package.json', '.projenrc.ts', 'app/main.py', 'tests/test_app.py', '.streamlit/config.toml', 'README.md', 'node_modules/typescript/package.json']) {
      expect(() => readFileSync(join(dir, path))).not.toThrow();
    }
    expect(read(dir, '.projenrc.ts')).toContain('pythonVersion: "3.10",');
    expect((parse(read(dir, 'Pipfile')) as any).requires.python_version).toBe('3.10');
    expect(read(dir, 'Dockerfile')).toContain('FROM python:3.10-slim AS base');
  });

  test('tells the user the next steps and how to create the lock', () => {
    expect(newOutput).toMatch(/Next steps/);
    expect(newOutput).toMatch(/npx projen lock/);
    expect(newOutput).toMatch(/Reopen in Container/);
  });

  test("an edited .projenrc.ts regenerates every file, keeps the user's files, and a second run changes nothing", () => {
    const userFiles = ['app/main.py', 'tests/test_app.py', '.streamlit/config.toml', 'README.md'];
    writeFileSync(join(dir, 'app/main.py'), read(dir, 'app/main.py') + "\nst.write('my change')\n");
    const before = treeHashes(dir);

    const rc = read(dir, '.projenrc.ts')
      .replace('port: 8501,', 'port: 8600,')
      .replace('packages: {},', 'packages: { pandas: ">=2.2" },\n  devcontainer: false,');
    writeFileSync(join(dir, '.projenrc.ts'), rc);
    const synth = runOk('npx', ['projen'], dir);
    console.log(`npx projen after an edit: ${synth.seconds.toFixed(2)} s`);

    expect(read(dir, 'Dockerfile')).toContain('EXPOSE 8600');
    expect(read(dir, 'Dockerfile')).toContain('127.0.0.1:8600/_stcore/health');
    expect((parse(read(dir, 'Pipfile')) as any).packages).toEqual({ pandas: '>=2.2', streamlit: '*' });
    expect(JSON.parse(read(dir, '.projen/tasks.json')).tasks['docker:run'].steps.at(-1).execArgs).toContain('8600:8600');
    const after = treeHashes(dir);
    expect(after).not.toHaveProperty(['.devcontainer/devcontainer.json']);
    for (const path of userFiles) expect(after[path]).toBe(before[path]);
    expect(synth.output).toMatch(/Pipfile.lock does not exist yet .*npx projen lock/);

    const again = runOk('npx', ['projen'], dir);
    console.log(`npx projen with nothing changed: ${again.seconds.toFixed(2)} s`);
    expect(treeHashes(dir)).toEqual(after);
  });

  test('a bad value in .projenrc.ts fails with the option named and leaves every file as it was', () => {
    const before = treeHashes(dir);
    const rc = read(dir, '.projenrc.ts');
    writeFileSync(join(dir, '.projenrc.ts'), rc.replace(/port: \d+,/, 'port: 80,'));
    const result = run('npx', ['projen'], dir);
    writeFileSync(join(dir, '.projenrc.ts'), rc);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/invalid option "port": 80\. Ports below 1024/);
    expect(result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // the message, not a stack trace

    writeFileSync(join(dir, '.projenrc.ts'), rc.replace(/port: (\d+),/, 'prot: $1,'));
    const typo = run('npx', ['projen'], dir);
    writeFileSync(join(dir, '.projenrc.ts'), rc);
    expect(typo.status).not.toBe(0);
    expect(typo.output).toMatch(/There is no option "prot"; did you mean "port"\?/);
    const { ['.projenrc.ts']: _rcBefore, ...restBefore } = before;
    const { ['.projenrc.ts']: _rcAfter, ...restAfter } = treeHashes(dir);
    expect(restAfter).toEqual(restBefore);
  });

  test('a missing Pipenv, Pipfile.lock or container engine is one clear sentence with the fix, never a stack trace', () => {
    // no Pipenv on the PATH, and a home of its own: a pip --user Pipenv of this machine's ~/.local would change the advice
    const lock = run('npx', ['projen', 'lock'], dir, userEnv({ HOME: workDir('devstack-home-'), npm_config_cache: join(homedir(), '.npm') }));
    expect(lock.status).not.toBe(0);
    // the hint names the project's own pinned Pipenv
    const pipenvVersion = /pipenv==([\d.]+)/.exec(read(dir, 'Dockerfile'))![1];
    expect(lock.output).toContain(
      `py-streamlit-devstack: Pipenv is not installed here: install it with "python3 -m pip install --user pipenv==${pipenvVersion}" (or "pipx install pipenv==${pipenvVersion}"), or run this task in the dev container.`,
    );

    const build = run('npx', ['projen', 'docker:build'], dir);
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(`py-streamlit-devstack: ${lockMessage('missing')}`);

    // a docker client without a running engine, as on these machines
    const bin = workDir('devstack-fake-docker-');
    writeCommand(bin, 'docker', DOCKER_WITHOUT_ENGINE);
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    const env = userEnv();
    env.PATH = `${bin}:${env.PATH}`;
    const engine = run('npx', ['projen', 'docker:build'], dir, env);
    expect(engine.status).not.toBe(0);
    expect(engine.output).toMatch(/py-streamlit-devstack: docker is installed but its engine does not answer/);

    for (const result of [lock, build, engine]) expect(result.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  test('watch re-synthesizes when .projenrc.ts is saved', async () => {
    const rc = read(dir, '.projenrc.ts');
    // its own process group, so the whole tree (npx, projen, node --watch) stops at the end
    const watcher = spawn('npx', ['projen', 'watch'], { cwd: dir, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    watcher.stdout.on('data', (chunk) => (output += chunk));
    watcher.stderr.on('data', (chunk) => (output += chunk));
    const synths = () => output.split("Completed running 'node_modules/projen/bin/projen'").length - 1;
    const waitFor = async (count: number) => {
      for (let i = 0; i < 120 && synths() < count; i++) await new Promise((r) => setTimeout(r, 250));
      expect(synths()).toBeGreaterThanOrEqual(count);
    };
    try {
      await waitFor(1);
      writeFileSync(join(dir, '.projenrc.ts'), rc.replace(/port: \d+,/, 'port: 8777,'));
      await waitFor(2);
      expect(read(dir, 'Dockerfile')).toContain('EXPOSE 8777');
    } finally {
      process.kill(-watcher.pid!, 'SIGTERM');
      writeFileSync(join(dir, '.projenrc.ts'), rc);
    }
  });
});
