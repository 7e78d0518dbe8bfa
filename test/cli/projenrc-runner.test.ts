import { spawnSync } from 'child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { compiledSrc } from '../setup/compiled-src';
import { tempDir } from '../util';

const REPO = resolve(__dirname, '..', '..');

// These tests start Node processes: a few seconds on a busy machine, more than jest's default 5 s.
jest.setTimeout(60_000);

/** The rc runner, as this run compiled it from src/ (../setup/compiled-src.ts): plain JavaScript, as the installed one is. */
const RUNNER = compiledSrc('cli/projenrc-runner.ts');

/** Runs the rc runner in a project folder that has this repository's TypeScript. */
function runRc(rc: string, dir = tempDir('rc-')): { status: number | null; stderr: string; stdout: string } {
  if (readdirSync(dir).length === 0) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.projenrc.ts'), rc);
  return runIn(dir);
}

/**
 * Runs the rc runner in `dir` as it is (no rc written). The runner's script lies outside `dir`,
 * as the installed runner's does (in node_modules), so Node itself never reads `dir`'s
 * package.json before the runner does.
 */
function runIn(dir: string): { status: number | null; stderr: string; stdout: string } {
  return spawnSync(process.execPath, [RUNNER, '.projenrc.ts'], { cwd: dir, encoding: 'utf-8' });
}

describe('issue 18: what stops .projenrc.ts from loading is one sentence naming the path and the way out', () => {
  const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

  test('a dangling .projenrc.ts symlink', () => {
    const dir = tempDir('rc-');
    symlinkSync('rc-gone.ts', join(dir, '.projenrc.ts'));
    const result = runIn(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'py-streamlit-devstack: .projenrc.ts is a symbolic link to rc-gone.ts, which does not exist: point it at your rc file (ln -sfn <file> .projenrc.ts) ' +
        'or restore the file (git checkout -- .projenrc.ts), then run npx projen again. No file was changed.\n',
    );
  });

  test('a missing .projenrc.ts', () => {
    const result = runIn(tempDir('rc-'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('py-streamlit-devstack: .projenrc.ts is missing: restore it (git checkout -- .projenrc.ts), then run npx projen again. No file was changed.\n');
  });

  test('a torn package.json', () => {
    const dir = tempDir('rc-');
    writeFileSync(join(dir, 'package.json'), '{\n  "name": "app",\n  "devDependencies": {\n    "projen": "0.');
    writeFileSync(join(dir, '.projenrc.ts'), 'console.log("synth ran");\n');
    const result = runIn(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^py-streamlit-devstack: package\.json is not valid JSON \(.+\), so Node cannot load \.projenrc\.ts: it is generated from \.projenrc\.ts, so restore it \(git checkout -- package\.json\) or delete it, then run npx projen again\. No file was changed\.\n$/);
    noStack(result.stderr);
  });
});

describe('devstack-projenrc, the default task that runs .projenrc.ts', () => {
  test('a syntax error is reported as file:line:column and the message, without a stack trace', () => {
    const result = runRc('const project = {\n  name: "x"\n  port: 8501,\n};\nconsole.log(project);\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      ".projenrc.ts:3:3 - error TS1005: ',' expected.\npy-streamlit-devstack: fix .projenrc.ts as above, then run npx projen again. No file was changed.\n",
    );
  });

  test("an error of this package prints its message alone; the rc's own output is unchanged", () => {
    const ok = runRc('console.log("synth ran");\n');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('synth ran\n');
    const refused = runRc('throw Object.assign(new Error("py-streamlit-devstack: invalid option \\"port\\": 80."), { stack: "deep frames" });\n');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('py-streamlit-devstack: invalid option "port": 80.\n');
  });

  test('any other error keeps its stack: that is where its cause is', () => {
    const result = runRc('function broken(): never { throw new TypeError("boom"); }\nbroken();\n');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/TypeError: boom\n\s+at broken/);
  });

  test('an unchanged rc runs from the cache without loading TypeScript; a changed one is transpiled again', () => {
    const dir = tempDir('rc-');
    mkdirSync(join(dir, 'node_modules'));
    const typescript = join(dir, 'node_modules', 'typescript');
    symlinkSync(join(REPO, 'node_modules', 'typescript'), typescript);
    const rc = 'import { helper } from "./helper";\nconsole.log(helper(2));\n';
    writeFileSync(join(dir, 'helper.ts'), 'export const helper = (n: number): string => `twice ${n * 2}`;\n');
    expect(runRc(rc, dir)).toMatchObject({ status: 0, stdout: 'twice 4\n' });

    // the same TypeScript (same version) made unloadable: the cached JavaScript of the rc and of what it imports still runs
    rmSync(typescript);
    const manifest = readFileSync(join(REPO, 'node_modules', 'typescript', 'package.json'), 'utf-8');
    const pkg = JSON.parse(manifest);
    mkdirSync(dirname(join(typescript, pkg.main)), { recursive: true });
    writeFileSync(join(typescript, 'package.json'), manifest);
    writeFileSync(join(typescript, pkg.main), 'throw new Error("TypeScript was loaded");\n');
    const cached = runRc(rc, dir);
    expect(cached.stderr).toBe('');
    expect(cached).toMatchObject({ status: 0, stdout: 'twice 4\n' });
    // a change misses the cache, so TypeScript is loaded again: the cache never serves stale code
    const changed = runRc(rc.replace('helper(2)', 'helper(3)'), dir);
    expect(changed.status).not.toBe(0);
    expect(changed.stderr).toContain('TypeScript was loaded');
    rmSync(typescript, { recursive: true });
    symlinkSync(join(REPO, 'node_modules', 'typescript'), typescript);
    expect(runRc(rc.replace('helper(2)', 'helper(3)'), dir)).toMatchObject({ status: 0, stdout: 'twice 6\n' });
  });
});
