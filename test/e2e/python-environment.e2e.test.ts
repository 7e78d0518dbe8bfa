import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { cleanUpWorkDirs, packThisPackage, projenNew, RunResult, runOk, workDir } from './harness/generated-project';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { describeWhenAvailable, pypiAnswers } from './harness/prerequisites';
import { environmentPython } from '../../src/pipenv/python-environment';

jest.setTimeout(15 * 60 * 1000);

/** The Pythons the round trip uses; Pipenv finds them on the PATH or through pyenv, as on a developer's machine. */
const PYTHONS = ['3.13', '3.11'];

/** A Python Pipenv finds: one that runs from the PATH, or one of pyenv's versions (Pipenv looks there itself). */
function findable(version: string): boolean {
  if (spawnSync(`python${version}`, ['--version']).status === 0) return true;
  const versions = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions');
  return existsSync(versions) && readdirSync(versions).some((entry) => entry.startsWith(`${version}.`) && existsSync(join(versions, entry, 'bin', `python${version}`)));
}

function missing(): string | undefined {
  if (!pypiAnswers()) return 'PyPI (https://pypi.org) does not answer';
  const absent = PYTHONS.filter((version) => !findable(version));
  return absent.length ? `no ${absent.map((version) => `python${version}`).join(' or ')} on the PATH (pyenv install ${absent.join(' ')})` : undefined;
}

/** The project's own test of the interpreter it runs on, printing it (pytest -rA shows it). */
const VERSION_TEST = `import os
import sys


def test_python_is_the_pipfiles():
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    assert running == os.environ["EXPECTED_PYTHON"], f"ran on Python {running}"
`;

describeWhenAvailable('the Pipenv environment on the host: uv installs the lock, and the Python the project names is the Python it runs', {
  missing: missing(),
  kind: 'environment tests',
}, () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const npxProjen = (args: string[], extra: Record<string, string> = {}): RunResult => runOk('npx', ['projen', ...args], dir, { ...env, ...extra });
  const venv = () => runOk('pipenv', ['--venv'], dir, env).output.trim().split('\n').pop()!;

  beforeAll(() => {
    const pipenvBin = ensurePipenv();
    // a user's own WORKON_HOME: this run's environments never meet the machine's
    env = { ...withPipenv(pipenvBin), WORKON_HOME: workDir('devstack-workon-') };
    dir = projenNew(packThisPackage(), [], workDir('devstack-pyenv-')).dir;
    writeFileSync(join(dir, 'tests', 'test_python_version.py'), VERSION_TEST);
    // locked in a scratch WORKON_HOME (pipenv lock makes an environment): the tests start with none
    npxProjen(['lock'], { WORKON_HOME: workDir('devstack-lock-workon-') });
  });

  afterAll(() => cleanUpWorkDirs());

  test('install makes the environment with the Pipfile\'s Python and uv installs exactly the lock, dev packages included; a second install changes nothing', () => {
    const install = npxProjen(['install']);
    console.log(`npx projen install from no environment: ${install.seconds.toFixed(1)} s`);
    expect(install.output).toMatch(/made the Pipenv environment at .* \(there was none\)/);
    // uv did the installing, from the hash-checked export
    expect(install.output).toMatch(/Installed \d+ packages/);
    expect(environmentPython(venv())).toBe('3.13');
    // the environment is exactly the lock's export, markers evaluated by uv: a dry-run sync would change nothing
    const exported = join(workDir('devstack-export-'), 'requirements.txt');
    writeFileSync(exported, runOk('pipenv', ['requirements', '--dev', '--hash'], dir, env).output);
    expect(runOk('uv', ['pip', 'sync', '--dry-run', '--python', join(venv(), 'bin', 'python'), '--require-hashes', exported], dir, env).output).toMatch(/Would make no changes/);
    const lock = JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8'));
    const listed = runOk('uv', ['pip', 'list', '--python', join(venv(), 'bin', 'python'), '--format', 'json'], dir, env).output;
    const versions = new Map((JSON.parse(listed.split('\n').find((line) => line.startsWith('['))!) as Array<{ name: string; version: string }>).map((entry) => [entry.name.toLowerCase(), entry.version]));
    for (const [name, section] of [['streamlit', 'default'], ['pytest', 'develop'], ['ruff', 'develop']]) {
      expect([name, versions.get(name)]).toEqual([name, lock[section][name].version.replace(/^==/, '')]);
    }
    const again = npxProjen(['install']);
    expect(again.output).not.toMatch(/made the Pipenv environment/);
    expect(again.output).not.toMatch(/Installed \d+ packages/);
    // test runs without installing: the environment holds this lock
    const tests = npxProjen(['test'], { EXPECTED_PYTHON: '3.13' });
    expect(tests.output).not.toMatch(/Installed \d+ packages/);
    expect(tests.output).toMatch(/3 passed/);
  });

  test('3.13 -> 3.11 -> 3.13: after each pythonVersion change, the next synth locks with the new Python and test runs on it', () => {
    const rc = join(dir, '.projenrc.ts');
    for (const [from, to] of [['3.13', '3.11'], ['3.11', '3.13']]) {
      writeFileSync(rc, readFileSync(rc, 'utf-8').replace(`pythonVersion: "${from}"`, `pythonVersion: "${to}"`));
      // the synth's auto-lock remakes the environment with the new Python first
      const synth = npxProjen([]);
      expect(synth.output).toMatch(/Pipfile.lock is out of date/);
      expect(JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8'))._meta.requires.python_version).toBe(to);
      expect(environmentPython(venv())).toBe(to);
      const tests = npxProjen(['test'], { EXPECTED_PYTHON: to, PYTEST_ADDOPTS: '-rA' });
      const printed = /python (\d+\.\d+\.\d+) at (\S+)/.exec(tests.output);
      console.log(`pythonVersion ${from} -> ${to}: the tests ran on Python ${printed?.[1]} (${printed?.[2]})`);
      expect(printed?.[1]).toMatch(new RegExp(`^${to.replace('.', '\\.')}\\.`));
      expect(tests.output).toMatch(/3 passed/);
    }
  });
});
