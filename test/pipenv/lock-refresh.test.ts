import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PyStreamlitDevstackProject } from '../../src';
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
  const saved = { PATH: process.env.PATH, POST: process.env.PROJEN_DISABLE_POST };
  jest.spyOn(ToolchainPackage.prototype, 'postSynthesize').mockImplementation(() => undefined);
  const project = new PyStreamlitDevstackProject({ name: 'demo-app', outdir, ...options });
  const logs: string[] = [];
  jest.spyOn(project.logger, 'warn').mockImplementation((...args: any[]) => void logs.push(args.join(' ')));
  process.env.PATH = pathEnv;
  delete process.env.PROJEN_DISABLE_POST;
  try {
    project.synth();
  } finally {
    process.env.PATH = saved.PATH;
    if (saved.POST !== undefined) process.env.PROJEN_DISABLE_POST = saved.POST;
  }
  return logs;
}

describe('lock refresh after synth', () => {
  test('runs `pipenv lock` in the project when the Pipfile changed and Pipenv is on the PATH', () => {
    const pipenv = recordingPipenv();
    const dir = tempDir();
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    // on the host Pipenv keeps its environment outside the workspace (the dev container's .venv is not its own)
    expect(pipenv.calls()).toEqual([`${dir} lock in-project=0`]);
  });

  test('does nothing when the Pipfile is unchanged and the lock exists', () => {
    const pipenv = recordingPipenv();
    const dir = tempDir();
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    synthWithPost(dir, {}, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toHaveLength(1);
    synthWithPost(dir, { packages: { pandas: '*' } }, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toHaveLength(2);
  });

  test('without Pipenv on the PATH, says exactly which command to run and leaves the lock alone', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    const warnings = synthWithPost(dir, { packages: { pandas: '*' } }, '/nonexistent');
    expect(warnings.join('\n')).toMatch(/Pipfile changed, so Pipfile.lock is out of date .*npx projen lock.*pipenv lock/);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8')).toBe('{}');
  });

  test('autoLock: false never runs Pipenv but still says the lock is stale', () => {
    const pipenv = recordingPipenv();
    const warnings = synthWithPost(tempDir(), { autoLock: false }, `${pipenv.path}:/usr/bin:/bin`);
    expect(pipenv.calls()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/npx projen lock/);
  });
});
