import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
import { Project } from 'projen/lib/project';
import { Testing } from 'projen/lib/testing';
import { GUARD_MESSAGE } from './temp-folder-guard';
import { bareProject, tempDir } from '../util';

/** A folder under the system's temp folder that this test file did not make with mkdtemp: a checkout cloned to /tmp. */
function foreignFolderUnderTmp(): string {
  const made = spawnSync('mktemp', ['-d', join(tmpdir(), 'foreign-checkout-XXXXXX')], { encoding: 'utf-8' });
  if (made.status !== 0) throw new Error(made.stderr);
  return made.stdout.trim();
}

/** Removes a folder the test made outside the guard's view (with mktemp), by a path checked first. */
function removeForeign(dir: string): void {
  if (!basename(dir).startsWith('foreign-checkout-')) throw new Error(`not a folder of this test: ${dir}`);
  spawnSync('rm', ['-rf', '--', dir]);
}

describe('the temp-folder guard of the test suite', () => {
  const home = process.cwd();
  afterEach(() => process.chdir(home));

  test('a project without outdir in a checkout under /tmp is refused before it writes, and the checkout survives', () => {
    const checkout = foreignFolderUnderTmp();
    try {
      writeFileSync(join(checkout, 'work-in-progress.py'), 'print("mine")\n');
      process.chdir(checkout);
      // projen takes the current directory as the outdir here; Testing.synth would write into it, then delete it
      const project = new Project({ name: 'bare' });
      expect(project.outdir).toBe(checkout);
      expect(() => project.synth()).toThrow(`${GUARD_MESSAGE}: refusing to synthesize into ${checkout}`);
      expect(() => Testing.synth(new Project({ name: 'bare' }))).toThrow(`${GUARD_MESSAGE}: refusing to delete ${checkout}`);
      process.chdir(home);
      expect(readdirSync(checkout)).toEqual(['work-in-progress.py']);
      expect(readFileSync(join(checkout, 'work-in-progress.py'), 'utf-8')).toBe('print("mine")\n');
    } finally {
      process.chdir(home);
      removeForeign(checkout);
    }
  });

  test('the same mistake fails in a checkout elsewhere too (projen\'s own fallback folder is not the test\'s)', () => {
    process.chdir('/'); // a checkout outside the temp folder
    const project = new Project({ name: 'bare' });
    expect(project.outdir.startsWith(join(tmpdir(), 'projen.'))).toBe(true);
    expect(() => project.synth()).toThrow(`${GUARD_MESSAGE}: refusing to synthesize into ${project.outdir}`);
    expect(readdirSync(project.outdir)).toEqual([]);
    spawnSync('rmdir', ['--', project.outdir]);
  });

  test('deleting outside the test\'s own temp folders is refused; inside them it works', () => {
    const checkout = foreignFolderUnderTmp();
    try {
      mkdirSync(join(checkout, 'src'));
      expect(() => rmSync(checkout, { recursive: true, force: true })).toThrow(`${GUARD_MESSAGE}: refusing to delete ${checkout}`);
      expect(() => rmSync(join(checkout, 'src'), { recursive: true })).toThrow(GUARD_MESSAGE);
      expect(existsSync(join(checkout, 'src'))).toBe(true);
    } finally {
      removeForeign(checkout);
    }
    const own = tempDir();
    mkdirSync(join(own, 'scratch'));
    rmSync(join(own, 'scratch'), { recursive: true });
    expect(existsSync(join(own, 'scratch'))).toBe(false);
  });

  test('a link from the test\'s folder to a folder outside does not open a way out', () => {
    const checkout = foreignFolderUnderTmp();
    try {
      const own = tempDir();
      spawnSync('ln', ['-s', checkout, join(own, 'link')]);
      writeFileSync(join(checkout, 'keep.txt'), 'keep\n');
      expect(() => rmSync(join(own, 'link', 'keep.txt'))).toThrow(GUARD_MESSAGE);
      expect(existsSync(join(checkout, 'keep.txt'))).toBe(true);
      // the link itself is the test's to remove (what it points to is not touched)
      rmSync(join(own, 'link'));
      expect(existsSync(join(own, 'link'))).toBe(false);
      expect(existsSync(join(checkout, 'keep.txt'))).toBe(true);
    } finally {
      removeForeign(checkout);
    }
  });

  test('bareProject() synthesizes into a temp folder of its own', () => {
    const project = bareProject();
    const files = Testing.synth(project);
    expect(Object.keys(files)).toContain('.gitignore');
    expect(project.outdir.startsWith(tmpdir())).toBe(true);
    expect(project.outdir).not.toBe(process.cwd());
  });
});
