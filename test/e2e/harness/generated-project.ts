import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join, relative, resolve } from 'path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SELF = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf-8'));
/** The projen this package is built and tested against. */
export const PROJEN_VERSION: string = SELF.devDependencies.projen;

export interface RunResult {
  status: number;
  output: string;
  seconds: number;
}

const workDirs: string[] = [];

/** A temporary folder removed by `cleanUpWorkDirs` (call it in afterAll). */
export function workDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  workDirs.push(dir);
  return dir;
}

export function cleanUpWorkDirs(): void {
  for (const dir of workDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The environment variable naming the folder this jest run made for its packed tarballs (test/setup/global-setup.ts). */
export const PACK_CACHE_ENV = 'DEVSTACK_PACK_CACHE';

/** What goes into the npm package besides lib/ (package.json's `files`, the .jsii, the docs). */
const PACKED_FILES = ['package.json', '.npmignore', '.jsii', 'README.md', 'API.md', 'LICENSE'];

/** A hash of everything `npm pack` puts in the tarball: the compiled lib/ (names and bytes) and the files beside it. */
function packedContentHash(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(REPO_ROOT, path);
    if (!existsSync(full)) return hash.update(`${path}\0absent\0`);
    if (lstatSync(full).isDirectory()) {
      for (const entry of readdirSync(full).sort()) add(join(path, entry));
      return hash;
    }
    const bytes = readFileSync(full);
    return hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  };
  for (const path of ['lib', ...PACKED_FILES]) add(path);
  return hash.digest('hex').slice(0, 32);
}

function packInto(dest: string): string {
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: REPO_ROOT, encoding: 'utf-8' }).trim();
  const tarball = join(dest, name.split('\n').pop()!);
  if (!existsSync(tarball)) throw new Error(`npm pack did not produce ${tarball}`);
  return tarball;
}

/**
 * `npm pack` of this checkout (compiled by the test task first), the spec users pass to --from.
 * Packed once per jest run and content: the tarball is kept in the folder the run's globalSetup
 * made (removed by its globalTeardown), under a hash of the compiled lib/ and the packed files,
 * so every e2e file of the run shares it and a rebuilt lib/ is packed again, never a stale one.
 * Outside such a run (no folder), each call packs anew into a folder of its own.
 */
export function packThisPackage(): string {
  const cache = process.env[PACK_CACHE_ENV];
  if (!cache || !existsSync(cache)) return packInto(workDir('devstack-pack-'));
  const packed = join(cache, packedContentHash());
  if (!existsSync(packed)) {
    const staging = mkdtempSync(join(cache, 'staging-'));
    packInto(staging);
    try {
      renameSync(staging, packed); // whole or not at all: a parallel worker sees no half-written tarball
    } catch (error) {
      if (!existsSync(packed)) throw error; // another worker packed the same content first: its tarball is as good
    }
  }
  const tarballs = readdirSync(packed).filter((entry) => entry.endsWith('.tgz'));
  if (tarballs.length !== 1) throw new Error(`expected one tarball in ${packed}, found ${tarballs.join(', ') || 'none'}`);
  return join(packed, tarballs[0]);
}

/**
 * The environment of a user's shell without Pipenv (so the lock is not refreshed),
 * without CI (projen would use `npm ci`, which needs a lock file), without jest's
 * NODE_ENV=test (projen then hides its log), and with npm preferring its cache
 * (the tests run offline with a warm cache).
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_yes: 'true', ...extra };
  delete env.CI;
  delete env.NODE_ENV;
  delete env.JEST_WORKER_ID;
  env.PATH = (env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => dir && !existsSync(join(dir, 'pipenv')))
    .join(delimiter);
  return env;
}

export function run(command: string, args: string[], cwd: string, env = userEnv()): RunResult {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, seconds };
}

/** Runs a command and fails with its output when it does not succeed. */
export function runOk(command: string, args: string[], cwd: string, env = userEnv()): RunResult {
  const result = run(command, args, cwd, env);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status} in ${cwd}:\n${result.output}`);
  }
  return result;
}

/** The real `projen new --from <tarball>` in `dir` (a new empty folder unless given), without git unless asked. */
export function projenNew(
  tarball: string,
  args: string[] = [],
  dir = workDir('devstack-new-'),
  { git = false, mustSucceed = true, env = userEnv() }: { git?: boolean; mustSucceed?: boolean; env?: NodeJS.ProcessEnv } = {},
): { dir: string; result: RunResult } {
  mkdirSync(dir, { recursive: true });
  const argv = [`projen@${PROJEN_VERSION}`, 'new', '--from', tarball, ...(git ? [] : ['--no-git']), ...args];
  const result = mustSucceed ? runOk('npx', argv, dir, env) : run('npx', argv, dir, env);
  return { dir, result };
}

/**
 * `projen new` from a copy of the tarball inside the new project (`vendor/`), so that the
 * spec in package.json also resolves inside the dev container, where the workspace is
 * mounted and the host's /tmp is not.
 */
export function projenNewWithVendoredTarball(tarball: string, args: string[], dir: string): { dir: string; result: RunResult } {
  mkdirSync(join(dir, 'vendor'), { recursive: true });
  copyFileSync(tarball, join(dir, 'vendor', 'py-streamlit-devstack.tgz'));
  return projenNew('./vendor/py-streamlit-devstack.tgz', args, dir);
}

/** SHA-256 of every file under `dir` except node_modules and .git, by relative path; a symlink's is its target path's. */
export function treeHashes(dir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder).sort()) {
      if (entry === 'node_modules' || entry === '.git') continue;
      const full = join(folder, entry);
      const stat = lstatSync(full);
      // a symlink may point into a container (a dev container's .venv/bin/python): never follow it
      const content = stat.isSymbolicLink() ? `symlink:${readlinkSync(full)}` : stat.isDirectory() ? undefined : readFileSync(full);
      if (content === undefined) walk(full);
      else hashes[relative(dir, full)] = createHash('sha256').update(content).digest('hex');
    }
  };
  walk(dir);
  return hashes;
}
