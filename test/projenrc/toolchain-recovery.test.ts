import * as childProcess from 'child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen/lib/project';
import { PINNED_TOOLCHAIN } from '../../src/projenrc/npm-spec';
import { INSTALL_STAMP, ToolchainPackage } from '../../src/projenrc/toolchain-package';
import { SELF } from '../../src/self';
import { synthProject, tempDir } from '../util';

jest.setTimeout(120_000);

/** Small local stand-ins for the pinned toolchain and this package: the test installs only what it adds from the registry. */
function stubToolchain(dir: string): { name: string; spec: string }[] {
  return [...PINNED_TOOLCHAIN, SELF.name].map((name) => {
    mkdirSync(join(dir, 'stubs', name), { recursive: true });
    writeFileSync(join(dir, 'stubs', name, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
    return { name, spec: `file:stubs/${name}` };
  });
}

/** A project with only the toolchain component, with these extra registry packages. */
function toolchainProject(outdir: string, extra: { name: string; spec: string }[]): Project {
  const project = new Project({ name: 'toolchain', outdir });
  new ToolchainPackage(project, { dependencies: [...stubToolchain(outdir), ...extra] });
  return project;
}

/** Synthesizes it with its post-synth step (npm install). */
function synthToolchain(outdir: string, extra: { name: string; spec: string }[]): void {
  synthProject(toolchainProject(outdir, extra), { post: true });
}

/**
 * Runs `action` with CI set or unset as given: the toolchain runs `npm ci` under CI
 * (a fresh clone, lock frozen) and `npm install` on a developer's machine, so a test of
 * one path must not take the other from the environment it happens to run in.
 */
function withCi<T>(ci: boolean, action: () => T): T {
  const previous = process.env.CI;
  if (ci) process.env.CI = 'true';
  else delete process.env.CI;
  try {
    return action();
  } finally {
    if (previous === undefined) delete process.env.CI;
    else process.env.CI = previous;
  }
}

/** How many times a synth with its post-synth step ran the toolchain install, by npm command. */
function installsBy(project: Project): string[] {
  const info = jest.spyOn(project.logger, 'info');
  synthProject(project, { post: true });
  return info.mock.calls
    .map(([message]) => /^Installing the \.projenrc\.ts toolchain \(npm (\w+)\)/.exec(String(message))?.[1])
    .filter((command): command is string => command !== undefined);
}

/** Runs the real npm install and kills it as soon as it starts writing the new packages into node_modules. */
async function killedInstall(outdir: string, added: readonly string[]): Promise<void> {
  const npm = childProcess.spawn('npm', ['install', '--no-audit', '--no-fund'], { cwd: outdir, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((done) => npm.on('exit', () => done()));
  const writing = () => added.some((name) => existsSync(join(outdir, 'node_modules', name)));
  await new Promise<void>((ready, fail) => {
    const watch = setInterval(() => {
      if (writing()) {
        clearInterval(watch);
        process.kill(-npm.pid!, 'SIGKILL');
        ready();
      } else if (npm.exitCode !== null) {
        clearInterval(watch);
        fail(new Error('npm install ended before it wrote any added package'));
      }
    }, 5);
  });
  await exited;
}

/** The dependency every case starts with installed. */
const IS_NUMBER = { name: 'is-number', spec: '7.0.0' };

describe('the toolchain install recovers', () => {
  // a kill midway is a developer's machine: the next local synth runs npm install, which
  // also brings the lock in line (npm ci would refuse the lock the killed install left)
  let previousCi: string | undefined;
  beforeEach(() => {
    previousCi = process.env.CI;
    delete process.env.CI;
  });
  afterEach(() => {
    if (previousCi === undefined) delete process.env.CI;
    else process.env.CI = previousCi;
  });

  // one real install that every case starts from, as a copy (npm links the stubs relatively)
  let installed: string;
  beforeAll(() => {
    installed = tempDir();
    withCi(false, () => synthToolchain(installed, [IS_NUMBER]));
    expect(existsSync(join(installed, INSTALL_STAMP))).toBe(true);
  });
  function copyOfInstalled(): string {
    const outdir = tempDir();
    cpSync(installed, outdir, { recursive: true, verbatimSymlinks: true });
    return outdir;
  }

  test('after a kill during npm install, the next synth finishes the install, and the added dependency is there', async () => {
    const outdir = copyOfInstalled();
    expect(childProcess.spawnSync('npm', ['ls', '--depth=0'], { cwd: outdir, encoding: 'utf-8' }).status).toBe(0); // the copy is a complete install

    // the user adds a dependency; the synth writes package.json, and its npm install is killed
    const added = [IS_NUMBER, { name: 'big-typescript', spec: 'npm:typescript@5.9.3' }];
    synthProject(toolchainProject(outdir, added)); // package.json written, post-synth skipped: the install below stands for it
    await killedInstall(outdir, ['big-typescript']);
    const lsAfterKill = childProcess.spawnSync('npm', ['ls', '--depth=0'], { cwd: outdir, encoding: 'utf-8' });
    expect(lsAfterKill.status).not.toBe(0); // npm itself sees the install unfinished

    const started = Date.now();
    synthToolchain(outdir, added);
    const elapsed = Date.now() - started;
    expect(childProcess.spawnSync('npm', ['ls', '--depth=0'], { cwd: outdir, encoding: 'utf-8' }).status).toBe(0);
    expect(JSON.parse(readFileSync(join(outdir, 'node_modules', 'is-number', 'package.json'), 'utf-8')).version).toBe('7.0.0');
    expect(JSON.parse(readFileSync(join(outdir, 'node_modules', 'big-typescript', 'package.json'), 'utf-8')).version).toBe('5.9.3');
    console.log(`recovery synth (npm install of the interrupted toolchain) took ${elapsed} ms`);
  });

  test('nothing changed and the install complete: no npm run (the fast path)', () => {
    const outdir = copyOfInstalled();
    const stampWritten = statSync(join(outdir, INSTALL_STAMP)).mtimeMs;
    expect(installsBy(toolchainProject(outdir, [IS_NUMBER]))).toEqual([]);
    expect(statSync(join(outdir, INSTALL_STAMP)).mtimeMs).toBe(stampWritten);
    // the control: without the stamp (an unfinished install), the same synth runs npm once
    rmSync(join(outdir, INSTALL_STAMP));
    expect(installsBy(toolchainProject(outdir, [IS_NUMBER]))).toEqual(['install']);
    expect(existsSync(join(outdir, INSTALL_STAMP))).toBe(true);
  });

  test('a fresh clone under CI (lock committed, no node_modules) installs with npm ci, exactly the lock', () => {
    const outdir = copyOfInstalled();
    const lock = readFileSync(join(outdir, 'package-lock.json'), 'utf-8');
    rmSync(join(outdir, 'node_modules'), { recursive: true });
    const commands = withCi(true, () => installsBy(toolchainProject(outdir, [IS_NUMBER])));
    expect(commands).toEqual(['ci']);
    expect(readFileSync(join(outdir, 'package-lock.json'), 'utf-8')).toBe(lock);
    expect(existsSync(join(outdir, INSTALL_STAMP))).toBe(true);
    expect(JSON.parse(readFileSync(join(outdir, 'node_modules', 'is-number', 'package.json'), 'utf-8')).version).toMatch(/^7\./);
  });
});
