import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { VENDOR_FOLDER } from '../../src/adoption/creation';
import { DevstackError } from '../../src/errors';
import { ignoredBy } from '../../src/ignore/local-files';
import { renderProjenrc } from '../../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { SELF } from '../../src/self';
import { errorOf, synth, tempDir } from '../util';

/** An npm-pack-style tarball of a package named like this one, outside the project. */
function projectTypeTarball(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'package'));
  writeFileSync(join(dir, 'package', 'package.json'), JSON.stringify({ name: SELF.name, version: SELF.version }));
  const tarball = join(dir, `${SELF.name}-${SELF.version}.tgz`);
  execFileSync('tar', ['-czf', tarball, '-C', dir, 'package']);
  return tarball;
}

/** Runs `action` as during `projen new` (projen sets PROJEN_CREATE_PROJECT for the project type). */
function duringProjenNew<T>(action: () => T): T {
  process.env.PROJEN_CREATE_PROJECT = 'true';
  try {
    return action();
  } finally {
    delete process.env.PROJEN_CREATE_PROJECT;
  }
}

describe('projen new --from <tarball>: the project keeps its own copy', () => {
  test('the tarball is copied into .devstack/vendor/ and package.json and the rc name it relative to the project', () => {
    const tarball = projectTypeTarball();
    const outdir = tempDir();
    const files = duringProjenNew(() => synth({ devDeps: [tarball] }, outdir));
    const vendored = `${VENDOR_FOLDER}/${SELF.name}-${SELF.version}.tgz`;
    expect(readFileSync(join(outdir, vendored))).toEqual(readFileSync(tarball));
    expect(JSON.parse(files['package.json']).devDependencies[SELF.name]).toBe(`file:${vendored}`);
    const rc = duringProjenNew(() => renderProjenrc(resolveDevstackOptions({ name: 'demo-app', outdir, devDeps: [tarball] }, []), ['devDeps']));
    expect(rc).toContain(`"${SELF.name}@file:${vendored}"`);
    expect(JSON.stringify(files)).not.toContain(tarball);
    // committed: .gitignore does not leave it out
    execFileSync('git', ['init', '-q'], { cwd: outdir });
    expect(() => execFileSync('git', ['check-ignore', '-q', vendored], { cwd: outdir })).toThrow();
    // tooling, like package.json: not in the image's build context
    expect(ignoredBy(vendored)).toEqual({ file: '.dockerignore', pattern: '.devstack' });
  });

  test('the next synth (no longer projen new) reads the recorded spec and keeps it', () => {
    const tarball = projectTypeTarball();
    const outdir = tempDir();
    duringProjenNew(() => synth({ devDeps: [tarball] }, outdir));
    const recorded = `${SELF.name}@file:${VENDOR_FOLDER}/${SELF.name}-${SELF.version}.tgz`;
    const files = synth({ devDeps: [recorded] }, outdir);
    expect(JSON.parse(files['package.json']).devDependencies[SELF.name]).toBe(`file:${VENDOR_FOLDER}/${SELF.name}-${SELF.version}.tgz`);
  });

  test('a folder as the project type is refused, with the npm pack way out, before anything is written', () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name: SELF.name, version: SELF.version }));
    const outdir = tempDir();
    const error = duringProjenNew(() => errorOf(() => synth({ devDeps: [folder] }, outdir)));
    expect(error).toBeInstanceOf(DevstackError);
    expect(error.message).toContain('npm pack');
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('outside projen new, the same absolute tarball path is refused: only this machine has it', () => {
    expect(errorOf(() => synth({ devDeps: [projectTypeTarball()] })).message).toContain('outside the project');
  });

  test('a registry spec of the project type stays as it is', () => {
    const outdir = tempDir();
    const files = duringProjenNew(() => synth({ devDeps: [`${SELF.name}@^${SELF.version}`] }, outdir));
    expect(JSON.parse(files['package.json']).devDependencies[SELF.name]).toBe(`^${SELF.version}`);
    expect(existsSync(join(outdir, VENDOR_FOLDER))).toBe(false);
  });
});
