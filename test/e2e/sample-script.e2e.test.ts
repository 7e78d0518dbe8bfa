import { mkdirSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { cleanUpWorkDirs, REPO_ROOT, run, runOk, userEnv, workDir } from './harness/generated-project';
import { describeWithCheckers } from './harness/python-tools';
import { DEFAULTS } from '../../src/defaults';

jest.setTimeout(20 * 60 * 1000);
afterAll(cleanUpWorkDirs);

/**
 * README command 1, run as a new user runs it: a home of its own (git identity set, as
 * on any developer's machine; no Pipenv; ~/.local/bin not on the PATH) and a PATH
 * without Pipenv. npm's and pip's caches stay the machine's, for speed only.
 */
function newUserEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return userEnv({ HOME: home, npm_config_cache: join(homedir(), '.npm'), XDG_CACHE_HOME: join(homedir(), '.cache'), ...extra });
}

describeWithCheckers('README command 1: scripts/sample.sh generates, locks, commits the lock and tests a sample; its tasks then work from a new shell', () => {
  let home: string;
  let sample: string;
  let output: string;

  beforeAll(() => {
    home = workDir('devstack-home-');
    writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Sample User\n\temail = sample@example.com\n[init]\n\tdefaultBranch = main\n');
    sample = join(workDir('devstack-sample-'), 'my-streamlit-app');
    mkdirSync(sample);
    output = runOk('bash', ['scripts/sample.sh', sample, '--no-serve'], REPO_ROOT, newUserEnv(home)).output;
  });

  test('the sample\'s tests passed and Pipfile.lock is committed, leaving a clean tree', () => {
    expect(output).toMatch(/2 passed/);
    expect(runOk('git', ['ls-files', 'Pipfile.lock'], sample).output.trim()).toBe('Pipfile.lock');
    expect(runOk('git', ['status', '--porcelain'], sample).output.trim()).toBe('');
    expect(runOk('git', ['log', '--format=%s'], sample).output).toContain('chore: lock Python dependencies (Pipfile.lock)');
  });

  test('Pipenv and uv landed in ~/.local/bin, at the versions the images and tasks pin, and the script says exactly which line puts them on the PATH', () => {
    expect(output).toContain(`Pipenv and uv are in ${home}/.local/bin, which is not on your PATH: in a new shell, run  export PATH="${home}/.local/bin:$PATH"`);
    expect(output).toContain(`python3 -m pip install --user pipenv==${DEFAULTS.pipenvVersion}\n`);
    expect(output).toContain(`python3 -m pip install --user uv==${DEFAULTS.uvVersion}\n`);
    expect(runOk(join(home, '.local', 'bin', 'uv'), ['--version'], sample).output).toMatch(/^uv \d/);
  });

  test('in a new shell the task says what to do, and after doing exactly that, the task works', () => {
    const newShell = run('bash', ['-c', 'npx projen test'], sample, newUserEnv(home));
    expect(newShell.status).not.toBe(0);
    expect(newShell.output).toContain('Pipenv is installed in ~/.local/bin, which is not on your PATH: run  export PATH="$HOME/.local/bin:$PATH"');
    const fixed = run('bash', ['-c', 'export PATH="$HOME/.local/bin:$PATH"\nnpx projen test'], sample, newUserEnv(home));
    expect(fixed.output).toMatch(/2 passed/);
    expect(fixed.status).toBe(0);
  });
});
