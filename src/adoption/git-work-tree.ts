import { execFileSync } from 'child_process';

/** Runs git with `args` in `cwd` and returns its standard output; throws when git fails. */
export function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/** True when git is installed. */
export function gitAvailable(): boolean {
  try {
    git('/', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** True when `dir` is inside a git work tree already (its own repository, or a folder of a bigger one). */
export function insideWorkTree(dir: string): boolean {
  try {
    return git(dir, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

/** Paths (relative to `dir`) that `git ls-files` prints for `options`, NUL-separated so any file name survives. */
export function listFiles(dir: string, options: readonly string[], env?: NodeJS.ProcessEnv): string[] {
  return git(dir, ['ls-files', '-z', ...options], env).split('\0').filter(Boolean);
}

/** A path as a `.gitignore` line that matches exactly that file, anchored at the root. */
export function exactIgnorePattern(path: string): string {
  const escaped = path.replace(/[\\*?[]/g, (char) => `\\${char}`).replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '));
  return `/${escaped}`;
}

/**
 * Adds `key=value` to git's configuration for every later git command run with `env`,
 * through git's own `GIT_CONFIG_COUNT` variables (kept after any the user set).
 */
export function addGitConfig(env: NodeJS.ProcessEnv, entries: Record<string, string>): void {
  let count = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  for (const [key, value] of Object.entries(entries)) {
    env[`GIT_CONFIG_KEY_${count}`] = key;
    env[`GIT_CONFIG_VALUE_${count}`] = value;
    count++;
  }
  env.GIT_CONFIG_COUNT = String(count);
}
