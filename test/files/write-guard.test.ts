import { spawnSync } from 'child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { writeProblems } from '../../src/files/write-guard';
import { compiledSrc } from '../setup/compiled-src';
import { readTree, synth, tempDir } from '../util';

const NOBODY = 65534;

// These tests start Node processes (on the run's compiled src/): a few seconds on a busy machine, more than jest's default 5 s.
jest.setTimeout(60_000);

describe('nothing is written through a symbolic link that leaves the project', () => {
  test('a symlinked Dockerfile pointing outside: the synth stops with one sentence, and the outside file keeps its content and mode', () => {
    const dir = tempDir();
    synth({}, dir);
    const outside = join(tempDir('outside-'), 'precious.txt');
    writeFileSync(outside, 'not yours\n');
    chmodSync(outside, 0o640);
    const before = readTree(dir);
    rmSync(join(dir, 'Dockerfile'));
    symlinkSync(outside, join(dir, 'Dockerfile'));

    expect(() => synth({ port: 8600 }, dir)).toThrow(
      `py-streamlit-devstack: npx projen changed nothing, because Dockerfile is a symbolic link to ${outside}, outside the project: replace it with a regular file (remove the link).`,
    );
    expect(readFileSync(outside, 'utf-8')).toBe('not yours\n');
    expect(statSync(outside).mode.toString(8).slice(-3)).toBe('640');
    // and no other file changed either
    const after = readTree(dir);
    delete before.Dockerfile;
    delete after.Dockerfile;
    expect(after).toEqual(before);
  });

  test('a symlinked folder leading outside is refused; links that stay inside the project are fine', () => {
    const dir = tempDir();
    const elsewhere = tempDir('elsewhere-');
    symlinkSync(elsewhere, join(dir, '.devcontainer'));
    expect(writeProblems(dir, ['.devcontainer/devcontainer.json'])).toEqual([
      `.devcontainer is a symbolic link to ${elsewhere}, outside the project: replace it with a regular folder (remove the link)`,
    ]);
    mkdirSync(join(dir, 'real-app'));
    symlinkSync(join(dir, 'real-app'), join(dir, 'app'));
    expect(writeProblems(dir, ['app/main.py'])).toEqual([]);
  });

  test('a dangling link to outside is refused too (writing it would create the file elsewhere)', () => {
    const dir = tempDir();
    symlinkSync('/tmp/devstack-nonexistent-target/README.md', join(dir, 'README.md'));
    expect(writeProblems(dir, ['README.md'])[0]).toMatch(/^README\.md is a symbolic link to \/tmp\/devstack-nonexistent-target\/README\.md, outside the project/);
  });
});

describe('a folder this user cannot write is refused before anything is written', () => {
  test('as a non-root user in a folder it does not own: one sentence, no stack trace, no file touched', () => {
    const dir = tempDir();
    synth({}, dir);
    chmodSync(dir, 0o755);
    const before = readTree(dir);
    // the real synth, in a child process running as "nobody"
    const script = [
      "process.env.PROJEN_DISABLE_POST = 'true';",
      `const { PyStreamlitDevstackProject } = require(${JSON.stringify(compiledSrc())});`,
      `try { new PyStreamlitDevstackProject({ name: 'demo-app', outdir: ${JSON.stringify(dir)}, port: 8600 }).synth(); }`,
      'catch (error) { console.error(String(error.stack)); process.exit(1); }',
    ].join('\n');
    const home = tempDir('nobody-home-');
    chownSync(home, NOBODY, NOBODY);
    const child = spawnSync(process.execPath, ['-e', script], {
      uid: NOBODY,
      gid: NOBODY,
      encoding: 'utf-8',
      env: { ...process.env, HOME: home },
    });
    expect(child.status).toBe(1);
    expect(child.stderr.trim().split('\n')).toEqual([
      'DevstackError: py-streamlit-devstack: npx projen changed nothing, because this user (uid 65534) cannot write .devcontainer/devcontainer.json, ' +
        '.dockerignore, .gitattributes, .github/dependabot.yml and 18 more: run npx projen as the project\'s owner, or make the project yours (chown -R "$(id -u)" .).',
    ]);
    expect(readTree(dir)).toEqual(before);
  });
});
