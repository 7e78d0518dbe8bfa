import { SpawnSyncReturns } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { UV_SYNC_FLAGS } from '../../src/pipenv/pipenv-commands';
import { pipfileHash } from '../../src/pipenv/pipfile-hash';
import { environmentPython, EnvironmentError, requiredPython, Runner, syncEnvironment, SYNCED_LOCK_STAMP, SYNCED_REQUIREMENTS } from '../../src/pipenv/python-environment';
import { tempDir } from '../util';

/**
 * The environment's rules with Pipenv and uv played by an in-memory runner that behaves as
 * they do (`--venv`, `--python X` remaking the environment, `requirements`, `uv pip sync`).
 * The real tools run in test/e2e/python-environment.e2e.test.ts.
 */
interface FakeTools {
  readonly run: Runner;
  readonly calls: string[];
  /** What uv was asked to install, as the requirements file read at the time. */
  readonly synced: string[];
  /** The environment's folder. */
  readonly venv: string;
}

function project(pythonVersion: string, lock: 'current' | 'stale' | 'missing' = 'current'): string {
  const dir = tempDir();
  const pipfile = `[packages]\nstreamlit = "*"\n\n[requires]\npython_version = "${pythonVersion}"\n`;
  writeFileSync(join(dir, 'Pipfile'), pipfile);
  if (lock !== 'missing') {
    const hash = lock === 'current' ? pipfileHash(pipfile) : 'f'.repeat(64);
    writeFileSync(join(dir, 'Pipfile.lock'), JSON.stringify({ _meta: { hash: { sha256: hash } }, default: {}, develop: {} }));
  }
  return dir;
}

function fakeTools(projectDir: string, environment: { python?: string; creatable?: string[]; uvFails?: boolean } = {}): FakeTools {
  const venv = join(tempDir('fake-venv-'), 'env');
  if (environment.python) {
    mkdirSync(venv);
    writeFileSync(join(venv, 'pyvenv.cfg'), `home = /usr/bin\nversion = ${environment.python}.2\n`);
  }
  const calls: string[] = [];
  const synced: string[] = [];
  const result = (status: number, stdout = '', stderr = ''): SpawnSyncReturns<string> => ({ pid: 1, output: [], stdout, stderr, status, signal: null });
  const run: Runner = (command, args) => {
    calls.push([command, ...args].join(' '));
    if (command === 'pipenv' && args[0] === '--venv') return existsSync(venv) ? result(0, `${venv}\n`) : result(1, '', 'No virtualenv has been created for this project yet!');
    if (command === 'pipenv' && args[0] === '--python') {
      if (!(environment.creatable ?? []).includes(args[1])) return result(1, '', `Python ${args[1]} was not found on your system`);
      mkdirSync(venv, { recursive: true });
      // virtualenv writes version_info
      writeFileSync(join(venv, 'pyvenv.cfg'), `home = /usr/bin\nversion_info = ${args[1]}.7.final.0\n`);
      return result(0);
    }
    if (command === 'pipenv' && args[0] === 'lock') {
      writeFileSync(join(projectDir, 'Pipfile.lock'), JSON.stringify({ _meta: { hash: { sha256: pipfileHash(readFileSync(join(projectDir, 'Pipfile'), 'utf-8')) } } }));
      return result(0);
    }
    if (command === 'pipenv' && args[0] === 'requirements') return result(0, '-i https://pypi.org/simple\nstreamlit==1.67.0 --hash=sha256:aaaa\n');
    if (command === 'uv') {
      synced.push(readFileSync(args[args.length - 1], 'utf-8'));
      return environment.uvFails ? result(1, '', 'error: Hash mismatch for `streamlit==1.67.0`') : result(0);
    }
    return result(127, '', `unexpected ${command}`);
  };
  return { run, calls, synced, venv };
}

describe('the Pipenv environment: the Pipfile\'s Python, with what the lock pins installed by uv', () => {
  test('reads the Pipfile\'s python_version and an environment\'s Python from pyvenv.cfg (venv, virtualenv and uv spell it differently)', () => {
    expect(requiredPython(project('3.12'))).toBe('3.12');
    expect(requiredPython(tempDir())).toBeUndefined();
    const env = tempDir();
    for (const [line, expected] of [['version = 3.13.5', '3.13'], ['version_info = 3.11.7.final.0', '3.11'], ['version_info = 3.12.4', '3.12'], ['home = /usr/bin', undefined]]) {
      writeFileSync(join(env, 'pyvenv.cfg'), `home = /usr/bin\n${line}\n`);
      expect([line, environmentPython(env)]).toEqual([line, expected]);
    }
  });

  test('sync: an environment of the right Python is kept, and uv installs exactly the hash-checked export with the dev packages', () => {
    const dir = project('3.13');
    const tools = fakeTools(dir, { python: '3.13' });
    const report = syncEnvironment(dir, tools.run, { sync: true });
    expect(report.created).toBeUndefined();
    expect(report.synced).toBe(true);
    expect(tools.calls.filter((call) => !call.startsWith('pipenv --venv'))).toEqual([
      'pipenv requirements --dev --hash',
      `uv pip sync --python ${report.location}/bin/python ${UV_SYNC_FLAGS.join(' ')} ${join(report.location!, SYNCED_REQUIREMENTS)}`,
    ]);
    expect(tools.synced).toEqual(['-i https://pypi.org/simple\nstreamlit==1.67.0 --hash=sha256:aaaa\n']);
    // Pipenv is asked where the environment is once: it takes most of a second each time
    expect(tools.calls.filter((call) => call === 'pipenv --venv')).toHaveLength(1);
    // sync removes what the lock does not pin, resolves nothing, and requires a hash for every file
    expect(UV_SYNC_FLAGS).toContain('--require-hashes');
  });

  test('after a pythonVersion change, Pipenv remakes the environment with the new Python, and it is installed again', () => {
    const dir = project('3.11');
    const tools = fakeTools(dir, { python: '3.13', creatable: ['3.11', '3.13'] });
    const report = syncEnvironment(dir, tools.run, { sync: false });
    expect(report.created).toBe('it ran Python 3.13 and the Pipfile names 3.11');
    expect(environmentPython(report.location!)).toBe('3.11');
    expect(tools.calls).toContain('pipenv --python 3.11');
    expect(report.synced).toBe(true);
    // and back: the next run on 3.13 remakes it again
    writeFileSync(join(dir, 'Pipfile'), readFileSync(join(dir, 'Pipfile'), 'utf-8').replace('3.11', '3.13'));
    const back = syncEnvironment(dir, tools.run, { sync: false });
    expect(back.created).toBe('it ran Python 3.11 and the Pipfile names 3.13');
    expect(environmentPython(back.location!)).toBe('3.13');
  });

  test('match installs once per lock: test and dev start without installing while the environment holds this lock, and follow a changed one', () => {
    const dir = project('3.13');
    const tools = fakeTools(dir, { python: '3.13' });
    // an environment that never had this lock installed (the image's baked one, or one pipenv lock made)
    expect(syncEnvironment(dir, tools.run, { sync: false }).synced).toBe(true);
    const installs = () => tools.calls.filter((call) => call.startsWith('uv ')).length;
    expect(installs()).toBe(1);
    expect(syncEnvironment(dir, tools.run, { sync: false })).toEqual({ location: expect.any(String), created: undefined, synced: false });
    expect(installs()).toBe(1);
    // the lock changed (a pull, a pipenv lock): the next test or dev installs it
    const lock = join(dir, 'Pipfile.lock');
    writeFileSync(lock, readFileSync(lock, 'utf-8').replace('"default":{}', '"default":{"six":{"version":"==1.17.0"}}'));
    expect(syncEnvironment(dir, tools.run, { sync: false }).synced).toBe(true);
    expect(installs()).toBe(2);
    expect(readFileSync(join(syncEnvironment(dir, tools.run, { sync: false }).location!, SYNCED_LOCK_STAMP), 'utf-8')).toMatch(/^[0-9a-f]{64}$/);
    // install (sync) always brings the packages in line, from the export it kept for this lock
    const exports = () => tools.calls.filter((call) => call.startsWith('pipenv requirements')).length;
    expect(exports()).toBe(2);
    expect(syncEnvironment(dir, tools.run, { sync: true }).synced).toBe(true);
    expect([installs(), exports()]).toEqual([3, 2]);
    expect(tools.synced[2]).toBe(tools.synced[1]);
  });

  test('the image\'s baked environment counts as holding its lock: a stamp written by sha256sum and the export beside it', () => {
    const dir = project('3.13');
    const tools = fakeTools(dir, { python: '3.13' });
    const lockHash = createHash('sha256').update(readFileSync(join(dir, 'Pipfile.lock'))).digest('hex');
    writeFileSync(join(tools.venv, SYNCED_LOCK_STAMP), `${lockHash}  /tmp/devstack-lock/Pipfile.lock\n`);
    writeFileSync(join(tools.venv, SYNCED_REQUIREMENTS), 'streamlit==1.67.0 --hash=sha256:baked\n');
    expect(syncEnvironment(dir, tools.run, { sync: false }).synced).toBe(false);
    expect(syncEnvironment(dir, tools.run, { sync: true }).synced).toBe(true);
    expect(tools.calls.filter((call) => call.startsWith('pipenv requirements'))).toEqual([]);
    expect(tools.synced).toEqual(['streamlit==1.67.0 --hash=sha256:baked\n']);
    // a stamp of another lock, or none, is not trusted: Pipenv exports again
    for (const stamp of ['0'.repeat(64), undefined]) {
      const other = fakeTools(dir, { python: '3.13' });
      if (stamp) writeFileSync(join(other.venv, SYNCED_LOCK_STAMP), stamp);
      writeFileSync(join(other.venv, SYNCED_REQUIREMENTS), 'stale==1.0 --hash=sha256:old\n');
      expect(syncEnvironment(dir, other.run, { sync: false }).synced).toBe(true);
      expect(other.synced).toEqual(['-i https://pypi.org/simple\nstreamlit==1.67.0 --hash=sha256:aaaa\n']);
    }
  });

  test('for lock: the Python is fixed, no package is installed, and a missing environment is left for pipenv lock to make', () => {
    const dir = project('3.11');
    const wrong = fakeTools(dir, { python: '3.13', creatable: ['3.11'] });
    expect(syncEnvironment(dir, wrong.run, { sync: false, install: false })).toMatchObject({ created: expect.stringContaining('3.13'), synced: false });
    expect(wrong.calls.filter((call) => call.startsWith('uv') || call.startsWith('pipenv requirements'))).toEqual([]);
    const none = fakeTools(dir);
    expect(syncEnvironment(dir, none.run, { sync: false, install: false })).toEqual({ synced: false });
    expect(none.calls).toEqual(['pipenv --venv']);
  });

  test('a missing or stale lock is refreshed before the export, as pipenv install would', () => {
    for (const state of ['missing', 'stale'] as const) {
      const dir = project('3.13', state);
      const tools = fakeTools(dir, { python: '3.13' });
      syncEnvironment(dir, tools.run, { sync: true });
      const steps = tools.calls.filter((call) => !call.startsWith('pipenv --venv')).map((call) => call.split(' ').slice(0, 2).join(' '));
      expect([state, steps]).toEqual([state, ['pipenv lock', 'pipenv requirements', 'uv pip']]);
    }
  });

  test('a Python that is not installed is one sentence naming it and both ways out; the old environment is not removed', () => {
    const dir = project('3.11');
    const tools = fakeTools(dir, { python: '3.13', creatable: [] });
    let message = '';
    try {
      syncEnvironment(dir, tools.run, { sync: true });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvironmentError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Pipenv could not create the environment with Python 3\.11 \(it ran Python 3\.13 and the Pipfile names 3\.11\): install Python 3\.11 here .*rebuild it .*then run this task again\.$/);
    // the old environment is as it was: nothing ran after Pipenv refused
    expect(readFileSync(join(tools.venv, 'pyvenv.cfg'), 'utf-8')).toBe('home = /usr/bin\nversion = 3.13.2\n');
    expect(tools.calls.some((call) => call.startsWith('uv ') || call.startsWith('pipenv requirements'))).toBe(false);
  });

  test('uv refusing the lock (a hash that does not match) fails with uv\'s own reason, and leaves no stamp for the export it refused', () => {
    const dir = project('3.13');
    const tools = fakeTools(dir, { python: '3.13', uvFails: true });
    expect(() => syncEnvironment(dir, tools.run, { sync: true })).toThrow(/uv could not install exactly what Pipfile.lock pins .*Hash mismatch for `streamlit==1.67.0`/);
    expect(existsSync(join(tools.venv, SYNCED_LOCK_STAMP))).toBe(false);
  });

  test('a failed install leaves no stamp, so the next test or dev installs again', () => {
    const dir = project('3.13');
    const good = fakeTools(dir, { python: '3.13' });
    const { location } = syncEnvironment(dir, good.run, { sync: true });
    expect(existsSync(join(location!, SYNCED_LOCK_STAMP))).toBe(true);
    const failing: Runner = (command, args, options) => (command === 'uv' ? { ...good.run(command, args, options), status: 1, stderr: 'error: interrupted' } : good.run(command, args, options));
    expect(() => syncEnvironment(dir, failing, { sync: true })).toThrow(EnvironmentError);
    expect(existsSync(join(location!, SYNCED_LOCK_STAMP))).toBe(false);
    expect(syncEnvironment(dir, good.run, { sync: false }).synced).toBe(true);
  });

  test('a stale lock is refreshed before test or dev trust the stamp: the Pipfile changed, so the packages may have', () => {
    const dir = project('3.13');
    const tools = fakeTools(dir, { python: '3.13' });
    syncEnvironment(dir, tools.run, { sync: true });
    writeFileSync(join(dir, 'Pipfile'), readFileSync(join(dir, 'Pipfile'), 'utf-8').replace('[packages]\n', '[packages]\nsix = "*"\n'));
    const before = tools.calls.length;
    expect(syncEnvironment(dir, tools.run, { sync: false }).synced).toBe(true);
    expect(tools.calls.slice(before).filter((call) => !call.startsWith('pipenv --venv')).map((call) => call.split(' ').slice(0, 2).join(' '))).toEqual(['pipenv lock', 'pipenv requirements', 'uv pip']);
  });
});
