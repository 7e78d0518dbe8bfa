import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PyStreamlitDevstackProject } from '../../src';
import { pipfileHash } from '../../src/pipenv/pipfile-hash';
import { ToolchainPackage } from '../../src/projenrc/toolchain-package';
import { tempDir, writeCommand } from '../util';

/**
 * A recording stand-in for the `pipenv` command: it appends its arguments and
 * working folder to a log. The real Pipenv is exercised by the end-to-end tests.
 */
function recordingPipenv(): { path: string; calls: () => string[] } {
  const bin = tempDir('fake-bin-');
  const log = join(bin, 'calls.log');
  writeCommand(bin, 'pipenv', `echo "$(pwd) $* in-project=$PIPENV_VENV_IN_PROJECT" >> "${log}"\n`);
  return { path: bin, calls: () => (existsSync(log) ? readFileSync(log, 'utf-8').trim().split('\n') : []) };
}

/** Synthesizes with post-synth steps on, except the npm install of the toolchain (covered end to end). */
function synthWithPost(outdir: string, options: { packages?: Record<string, string>; autoLock?: boolean }, pathEnv: string) {
  const project = new PyStreamlitDevstackProject({ name: 'demo-app', outdir, ...options });
  const logs: string[] = [];
  jest.spyOn(project.logger, 'warn').mockImplementation((...args: any[]) => void logs.push(args.join(' ')));
  synthWithPostSteps(project, pathEnv);
  return logs;
}

/** Synthesizes with the post-synth steps (the lock refresh) on `pathEnv`, the toolchain's npm install left out. */
function synthWithPostSteps(project: PyStreamlitDevstackProject, pathEnv: string): void {
  jest.spyOn(ToolchainPackage.prototype, 'postSynthesize').mockImplementation(() => undefined);
  const saved = { PATH: process.env.PATH, POST: process.env.PROJEN_DISABLE_POST };
  process.env.PATH = pathEnv;
  delete process.env.PROJEN_DISABLE_POST;
  try {
    project.synth();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.POST !== undefined) process.env.PROJEN_DISABLE_POST = saved.POST;
  }
}

/** A minimal lock recording the current Pipfile's hash, as `pipenv lock` would; returns its text. */
function writeLockFor(dir: string): string {
  const text = JSON.stringify({ _meta: { hash: { sha256: pipfileHash(readFileSync(join(dir, 'Pipfile'), 'utf-8')) } }, default: {}, develop: {} });
  writeFileSync(join(dir, 'Pipfile.lock'), text);
  return text;
}

describe('lock refresh after synth', () => {
  test('runs `pipenv lock` in the project when the Pipfile changed and Pipenv is on the PATH', () => {
    const pipenv = recordingPipenv();
    const dir = tempDir();
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    // on the host Pipenv keeps its environment outside the workspace (the dev container's .venv is not its own);
    // it first asks where the environment is (there is none: pipenv lock makes it)
    expect(pipenv.calls()).toEqual([`${dir} --venv in-project=0`, `${dir} lock in-project=0`]);
  });

  test('does nothing while the lock records the Pipfile\'s hash; refreshes it once the Pipfile changes', () => {
    const pipenv = recordingPipenv();
    const dir = tempDir();
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    writeLockFor(dir);
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toHaveLength(2);
    synthWithPost(dir, { packages: { pandas: '*' } }, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toHaveLength(4);
  });

  test('after a pythonVersion change, the environment is made with the new Python before Pipenv locks with it', () => {
    const bin = tempDir('fake-bin-');
    const venv = tempDir('fake-venv-');
    writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\nversion_info = 3.13.5\n');
    const log = join(bin, 'calls.log');
    // --venv names the environment; --python X remakes it with X, as Pipenv does
    writeCommand(bin, 'pipenv', [
      `echo "$*" >> "${log}"`,
      `if [ "$1" = --venv ]; then echo "${venv}"; fi`,
      `if [ "$1" = --python ]; then printf 'version = %s.0\\n' "$2" > "${venv}/pyvenv.cfg"; fi`,
      '',
    ].join('\n'));
    const dir = tempDir();
    const project = new PyStreamlitDevstackProject({ name: 'demo-app', outdir: dir, pythonVersion: '3.11' });
    synthWithPostSteps(project, `${bin}:/usr/bin:/bin`);
    expect(readFileSync(log, 'utf-8').trim().split('\n')).toEqual(['--venv', '--python 3.11', '--venv', 'lock']);
    expect(readFileSync(join(venv, 'pyvenv.cfg'), 'utf-8')).toContain('version = 3.11.0');
  });

  test('without Pipenv on the PATH, says exactly which command to run and leaves the lock alone', () => {
    const dir = tempDir();
    synthWithPost(dir, {}, '/nonexistent');
    const lock = writeLockFor(dir);
    const warnings = synthWithPost(dir, { packages: { pandas: '*' } }, '/nonexistent');
    expect(warnings.join('\n')).toMatch(/Pipfile.lock is out of date with the Pipfile .*npx projen lock.*pipenv lock/);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8')).toBe(lock);
  });

  test('a change that is reverted before locking leaves no stale-lock message (the lock still matches)', () => {
    const dir = tempDir();
    synthWithPost(dir, {}, '/nonexistent');
    writeLockFor(dir);
    expect(synthWithPost(dir, { packages: { pandas: '*' } }, '/nonexistent').join('\n')).toMatch(/out of date/);
    expect(synthWithPost(dir, {}, '/nonexistent')).toEqual([]);
  });

  test('a lock Pipenv did not write is reported as such, not as out of date', () => {
    const dir = tempDir();
    synthWithPost(dir, {}, '/nonexistent');
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    expect(synthWithPost(dir, {}, '/nonexistent').join('\n')).toMatch(/Pipfile.lock is not a lock Pipenv wrote/);
  });

  test('autoLock: false never runs Pipenv but still says the lock is stale', () => {
    const pipenv = recordingPipenv();
    const warnings = synthWithPost(tempDir(), { autoLock: false }, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/npx projen lock/);
  });
});
