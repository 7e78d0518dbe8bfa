import { spawnSync } from 'child_process';
import { symlinkSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { tempDir } from '../util';

const REPO = resolve(__dirname, '..', '..');

// These tests start Node processes (ts-node): a few seconds on a busy machine, more than jest's default 5 s.
jest.setTimeout(60_000);

/** Runs the rc runner in a project folder that has this repository's TypeScript and ts-node. */
function runRc(rc: string): { status: number | null; stderr: string; stdout: string } {
  const dir = tempDir('rc-');
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, '.projenrc.ts'), rc);
  return spawnSync(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), join(REPO, 'src', 'cli', 'projenrc-runner.ts'), '.projenrc.ts'], {
    cwd: dir,
    encoding: 'utf-8',
    env: { ...process.env, TS_NODE_PROJECT: join(REPO, 'test', 'tsconfig.json') },
  });
}

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
});
