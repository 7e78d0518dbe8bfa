import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { checkProjenNewSwitches, resolvePort } from '../../src/adoption/command-line';
import { checkGitignore } from '../../src/ignore/gitignore-option';
import { checkPort } from '../../src/streamlit/streamlit-input';
import { errorOf, synth, synthAsCreation, tempDir } from '../util';

/** projen's argv during `npx projen new --from <tarball> ...`. */
const projenNew = (...args: string[]) => ['/usr/bin/node', '/root/.npm/_npx/1/node_modules/.bin/projen', 'new', '--from', '/tmp/pkg.tgz', '--no-git', ...args];
const OPTIONS = ['name', 'outdir', 'pythonVersion', 'port', 'baseImage', 'devcontainer'];

describe('issue 18: projen new --port abc and --prot 8600 are refused, not turned into 8501', () => {
  test('--port abc (projen makes it NaN, which reaches the project as null) is refused with the text typed', () => {
    expect(errorOf(() => resolvePort(null, projenNew('--port', 'abc'))).message).toBe(
      'py-streamlit-devstack: invalid option "port": "abc". It must be a whole number from 1024 to 65535. Example: projen new --port 8501',
    );
    expect(errorOf(() => resolvePort(null, projenNew('--port=abc'))).message).toContain('"abc"');
  });

  test('--port 8600.7 (projen makes it 8600) is refused; --port 8600 is 8600', () => {
    expect(errorOf(() => resolvePort(8600, projenNew('--port', '8600.7'))).message).toContain('invalid option "port": "8600.7"');
    expect(resolvePort(8600, projenNew('--port', '8600'))).toBe(8600);
    expect(errorOf(() => resolvePort(80, projenNew('--port', '80'))).message).toContain('Ports below 1024');
  });

  test('outside projen new the value is the option: null is refused, not replaced by the default', () => {
    const rcRunner = ['/usr/bin/node', 'node_modules/.bin/devstack-projenrc', '.projenrc.ts', '--project', 'tsconfig.projen.json'];
    expect(resolvePort(undefined, rcRunner)).toBe(8501);
    expect(resolvePort(9000, rcRunner)).toBe(9000);
    expect(errorOf(() => resolvePort(null, rcRunner)).message).toBe(
      'py-streamlit-devstack: invalid option "port": null. It must be a whole number from 1024 to 65535. Example: port: 8501',
    );
  });

  test('--prot 8600 is refused with "did you mean --port?"; projen\'s own switches and the options pass', () => {
    expect(errorOf(() => checkProjenNewSwitches(projenNew('--prot', '8600'), OPTIONS)).message).toBe(
      'py-streamlit-devstack: projen new was given --prot, which is no option of this project type; did you mean --port? ' +
        'The options are --name, --outdir, --python-version, --port, --base-image, --devcontainer. Run projen new again with the right name (for example --port 8501); nothing was changed.',
    );
    expect(errorOf(() => checkProjenNewSwitches(projenNew('--pyhton-version=3.12'), OPTIONS)).message).toContain('did you mean --python-version?');
    expect(() =>
      checkProjenNewSwitches(projenNew('--port', '8600', '--python-version', '3.12', '--pythonVersion=3.12', '--no-devcontainer', '--no-synth', '--no-post', '--projen-version', '0.103.25', '--debug'), OPTIONS),
    ).not.toThrow();
  });

  test('only projen new is checked: the rc runner\'s and jest\'s arguments are not switches of projen new', () => {
    expect(() => checkProjenNewSwitches(['/usr/bin/node', 'devstack-projenrc', '.projenrc.ts', '--project', 'tsconfig.projen.json'], OPTIONS)).not.toThrow();
    expect(() => checkProjenNewSwitches(process.argv, OPTIONS)).not.toThrow();
  });
});

describe('issue 18: port: NaN is shown as NaN', () => {
  test('the message says NaN (and Infinity), not null', () => {
    expect(errorOf(() => checkPort(NaN)).message).toBe('py-streamlit-devstack: invalid option "port": NaN. It must be a whole number from 1024 to 65535. Example: port: 8501');
    expect(errorOf(() => checkPort(Infinity)).message).toContain('"port": Infinity.');
    expect(errorOf(() => synth({ port: NaN })).message).toContain('invalid option "port": NaN.');
  });
});

describe('issue 18: a .gitignore git accepts is adopted, not refused', () => {
  const hasGit = (() => {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  /** The paths git ignores in `dir`, among `paths`. */
  function gitIgnored(dir: string, paths: string[]): string[] {
    try {
      return execFileSync('git', ['check-ignore', '-z', '--stdin', '--no-index'], { cwd: dir, encoding: 'utf-8', input: `${paths.join('\0')}\0` })
        .split('\0')
        .filter(Boolean)
        .sort();
    } catch (error) {
      if ((error as { status?: number }).status === 1) return []; // none ignored
      throw error;
    }
  }

  const CANDIDATES = ['logs/app.log', 'a\tb.txt', 'a b.txt', 'trailing.txt', 'notes.tmp', 'keep/x.tmp', 'other.txt'];
  const ORIGINAL = '\uFEFFlogs/\na\tb.txt\ntrailing.txt   \n*.tmp\n!keep/x.tmp\n';

  test('a UTF-8 BOM and a tab: the adopted patterns ignore exactly what the original file did', () => {
    if (!hasGit) {
      if (process.env.CI) throw new Error('git is required under CI');
      console.warn('SKIPPED (git is not on the PATH): the .gitignore adoption test did not run.');
      return;
    }
    const original = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: original });
    writeFileSync(join(original, '.gitignore'), ORIGINAL);
    const before = gitIgnored(original, CANDIDATES);
    expect(before).toEqual(['a\tb.txt', 'logs/app.log', 'notes.tmp', 'trailing.txt']);

    const dir = tempDir();
    execFileSync('git', ['init', '-q'], { cwd: dir });
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, '.gitignore'), ORIGINAL);
    const files = synthAsCreation(dir);
    expect(files['.gitignore']).toContain('\na\tb.txt\n');
    expect(files['.gitignore']).not.toContain('\uFEFF');
    expect(gitIgnored(dir, CANDIDATES)).toEqual(before);
  });

  test('checkGitignore takes a tab, still refuses other control characters', () => {
    expect(checkGitignore(['a\tb.txt'])).toEqual(['a\tb.txt']);
    expect(errorOf(() => checkGitignore(['a\u0007b'])).message).toContain('without control or invisible characters other than a tab');
  });
});
