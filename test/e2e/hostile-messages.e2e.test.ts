import { execFileSync } from 'child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { cleanUpWorkDirs, packThisPackage, projenNew, run, RunResult, treeHashes, workDir } from './harness/generated-project';

jest.setTimeout(10 * 60 * 1000);
afterAll(cleanUpWorkDirs);

/** A stack frame as Node prints it. */
const STACK_FRAME = /^\s+at /m;

/** The lines this package printed: each a single sentence that names the path and the way out. */
function ourLines(result: RunResult): string[] {
  return result.output.split('\n').filter((line) => line.startsWith('py-streamlit-devstack: '));
}

/** Issue 18 point 3, through the real CLIs: `npx projen` in a generated project and `projen new`. */
describe('issue 18: messages, not stack traces', () => {
  let tarball: string;
  let template: string;

  beforeAll(() => {
    tarball = packThisPackage();
    template = projenNew(tarball).dir;
  });

  /** A copy of the generated project, node_modules included, changed by `damage`. */
  function damagedProject(damage: (dir: string) => void): string {
    const dir = workDir('devstack-hostile-');
    cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
    damage(dir);
    return dir;
  }

  /** `npx projen` refuses with one sentence and changes nothing. */
  function expectRefusal(dir: string, sentence: RegExp): RunResult {
    const before = treeHashes(dir);
    const result = run('npx', ['projen'], dir);
    expect(result.status).not.toBe(0);
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(ourLines(result)).toEqual([expect.stringMatching(sentence)]);
    expect(treeHashes(dir)).toEqual(before);
    return result;
  }

  test('EISDIR: a folder where a generated file goes', () => {
    const dir = damagedProject((d) => {
      rmSync(join(d, 'Dockerfile'));
      mkdirSync(join(d, 'Dockerfile'));
    });
    expectRefusal(dir, /^py-streamlit-devstack: npx projen changed nothing, because Dockerfile is a folder where the synth writes a file: move the folder away\.$/);
  });

  test('EACCES: a read-only .devcontainer/ (immutable: root writes through a mere chmod)', () => {
    const dir = damagedProject(() => {});
    const folder = join(dir, '.devcontainer');
    try {
      execFileSync('chattr', ['+i', folder], { stdio: 'pipe' });
    } catch (error) {
      if (process.env.CI) throw error;
      console.warn(`SKIPPED (chattr +i is not possible here: ${String(error).split('\n')[0]}): the read-only .devcontainer/ test did not run.`);
      return;
    }
    try {
      expectRefusal(dir, /^py-streamlit-devstack: npx projen changed nothing, because \.devcontainer\/ cannot be changed by this user \(uid \d+\), and the synth must replace \.devcontainer\/devcontainer\.json there: make \.devcontainer\/ writable \(chmod u\+w, chattr -i, or mount it read-write\)\.$/);
    } finally {
      execFileSync('chattr', ['-i', folder]);
    }
  });

  test('a torn package.json', () => {
    const dir = damagedProject((d) => writeFileSync(join(d, 'package.json'), readFileSync(join(d, 'package.json'), 'utf-8').slice(0, 100)));
    expectRefusal(dir, /^py-streamlit-devstack: package\.json is not valid JSON \(.+\), so Node cannot load \.projenrc\.ts: it is generated from \.projenrc\.ts, so restore it \(git checkout -- package\.json\) or delete it, then run npx projen again\. No file was changed\.$/);
    // the way out works: without it, npx projen writes it again
    rmSync(join(dir, 'package.json'));
    expect(run('npx', ['projen'], dir).status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8')).devDependencies.projen).toBeDefined();
  });

  test('a dangling .projenrc.ts symlink', () => {
    const dir = damagedProject((d) => {
      renameSync(join(d, '.projenrc.ts'), join(d, 'projenrc-moved.ts'));
      symlinkSync('projenrc-gone.ts', join(d, '.projenrc.ts'));
    });
    expectRefusal(dir, /^py-streamlit-devstack: \.projenrc\.ts is a symbolic link to projenrc-gone\.ts, which does not exist: point it at your rc file \(ln -sfn <file> \.projenrc\.ts\) or restore the file \(git checkout -- \.projenrc\.ts\), then run npx projen again\. No file was changed\.$/);
  });

  /** `projen new` in an empty folder with `args` is refused with one sentence, and the folder stays empty. */
  function expectProjenNewRefusal(args: string[], sentence: RegExp): void {
    const { dir, result } = projenNew(tarball, args, undefined, { mustSucceed: false });
    expect(result.status).not.toBe(0);
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(result.output).toMatch(sentence);
    expect(readdirSync(dir)).toEqual([]);
  }

  test('projen new --port abc is refused (projen made it NaN, and the project got 8501)', () => {
    expectProjenNewRefusal(['--port', 'abc'], /py-streamlit-devstack: invalid option "port": "abc"\. It must be a whole number from 1024 to 65535\. Example: projen new --port 8501/);
  });

  test('projen new --prot 8600 is refused with "did you mean --port?" (projen dropped it, and the project got 8501)', () => {
    expectProjenNewRefusal(['--prot', '8600'], /py-streamlit-devstack: projen new was given --prot, which is no option of this project type; did you mean --port\? .*; nothing was changed\./);
  });

  test('a .gitignore with a UTF-8 BOM and a tab is adopted, and ignores what it did before', () => {
    const dir = workDir('devstack-gitignore-');
    const original = '\uFEFFlogs/\na\tb.txt\n*.tmp\n';
    writeFileSync(join(dir, '.gitignore'), original);
    const candidates = ['logs/app.log', 'a\tb.txt', 'a b.txt', 'notes.tmp', 'other.txt'];
    const checkIgnore = (folder: string) =>
      execFileSync('git', ['check-ignore', '--no-index', '-z', '--stdin'], { cwd: folder, encoding: 'utf-8', input: `${candidates.join('\0')}\0` })
        .split('\0')
        .filter(Boolean)
        .sort();
    const reference = workDir('devstack-gitignore-ref-');
    execFileSync('git', ['init', '-q'], { cwd: reference });
    writeFileSync(join(reference, '.gitignore'), original);
    const before = checkIgnore(reference);
    expect(before).toEqual(['a\tb.txt', 'logs/app.log', 'notes.tmp']);

    const { result } = projenNew(tarball, [], dir, { git: true });
    expect(result.output).not.toMatch(STACK_FRAME);
    expect(readFileSync(join(dir, '.gitignore'), 'utf-8')).toContain('\na\tb.txt\n');
    expect(checkIgnore(dir)).toEqual(before);
  });
});
