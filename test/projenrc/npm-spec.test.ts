import { execFileSync } from 'child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { npmDependencyOf } from '../../src/projenrc/npm-spec';
import { SELF } from '../../src/self';
import { OptionError } from '../../src/validation';
import { errorOf, synth, tempDir } from '../util';

/** A folder package (and its npm-pack-style tarball) named `name`, inside `dir`. */
function localPackage(dir: string, folder: string, name?: string): string {
  mkdirSync(join(dir, folder, 'package'), { recursive: true });
  const manifest = JSON.stringify(name === undefined ? { version: '1.0.0' } : { name, version: '1.0.0' });
  writeFileSync(join(dir, folder, 'package.json'), manifest);
  writeFileSync(join(dir, folder, 'package', 'package.json'), manifest);
  execFileSync('tar', ['-czf', join(dir, `${folder}.tgz`), '-C', join(dir, folder), 'package']);
  return join(dir, folder);
}

function refusal(spec: string, dir = tempDir()): OptionError {
  const error = errorOf(() => npmDependencyOf(spec, dir));
  expect(error).toBeInstanceOf(OptionError);
  expect(error.message).toContain('invalid option "devDeps"');
  expect(error.message).toContain('Example: devDeps: [');
  return error as OptionError;
}

describe('devDeps, read by npm-package-arg', () => {
  test('"-g" is refused as a flag (npm read it as a package named -g and failed after every file was written)', () => {
    expect(refusal('-g').message).toContain('command-line flag');
    const outdir = tempDir();
    expect(() => synth({ devDeps: ['-g'] }, outdir)).toThrow(OptionError);
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('an entry with U+202E is refused, shown as an escape, before anything is written', () => {
    expect(refusal('\u202Ezod@^3').message).toContain('\\u202E');
    const outdir = tempDir();
    expect(() => synth({ devDeps: ['zod@^3\u202E'] }, outdir)).toThrow(OptionError);
    expect(readdirSync(outdir)).toEqual([]);
  });

  test('what npm itself cannot parse is refused with its reason', () => {
    expect(refusal('zod@%zz').message).toContain('npm cannot read it');
    expect(refusal('zod@ftp://example.com/zod.tgz').message).toContain('Unsupported URL Type');
  });

  test('"./my-helpers" is its own package, named by its package.json; it never replaces the project type', () => {
    const outdir = tempDir();
    localPackage(outdir, 'my-helpers', 'my-helpers');
    const pkg = JSON.parse(synth({ devDeps: ['./my-helpers'] }, outdir)['package.json']);
    expect(pkg.dependencies['my-helpers']).toBe('file:my-helpers');
    expect(pkg.devDependencies[SELF.name]).toBe(`^${SELF.version}`);
  });

  test('a folder or tarball whose name cannot be known is refused', () => {
    const dir = tempDir();
    localPackage(dir, 'nameless');
    expect(refusal('./nameless', dir).message).toContain('no readable package.json');
    expect(refusal('./nameless.tgz', dir).message).toContain('no readable package.json');
    expect(refusal('./missing', dir).message).toContain('no readable package.json');
  });

  test("another package cannot take this package's name, by path or by npm: alias", () => {
    const dir = tempDir();
    localPackage(dir, 'my-helpers', 'my-helpers');
    expect(refusal(`${SELF.name}@file:./my-helpers`, dir).message).toContain(`is "my-helpers", not "${SELF.name}"`);
    expect(refusal(`${SELF.name}@npm:left-pad@1`, dir).message).toContain('alias');
    expect(refusal(`${SELF.name}@github:someone/fork`, dir).message).toContain('only as projen new --from installed it');
  });

  test('a tarball of this package inside the project is the project type\'s own source', () => {
    const dir = tempDir();
    localPackage(dir, 'vendor', SELF.name);
    expect(npmDependencyOf('./vendor.tgz', dir)).toEqual({ name: SELF.name, spec: 'file:vendor.tgz' });
  });

  test('a path outside the project is refused: the dev container, CI and a clone cannot see it', () => {
    const outside = tempDir();
    localPackage(outside, 'tool', 'tool');
    expect(refusal(join(outside, 'tool.tgz')).message).toContain('outside the project');
  });

  test('a URL or git spec must say its name; with it, it is kept as npm saves it', () => {
    expect(refusal('https://example.com/tool-1.0.0.tgz').message).toContain('my-tool@https://');
    expect(npmDependencyOf('tool@https://example.com/tool-1.0.0.tgz', tempDir())).toEqual({ name: 'tool', spec: 'https://example.com/tool-1.0.0.tgz' });
    expect(npmDependencyOf('tool@github:someone/tool', tempDir())).toEqual({ name: 'tool', spec: 'github:someone/tool' });
  });

  test.each(['projen@0.100.0', 'constructs', 'typescript@^7'])('the pinned toolchain entry %s is refused', (spec) => {
    expect(refusal(spec).message).toContain('pinned by the toolchain');
  });

  test('registry specs are kept: ranges (spaces inside), tags, versions, aliases; a bare name is any version', () => {
    const dir = tempDir();
    expect(npmDependencyOf('zod@>=3 <4', dir)).toEqual({ name: 'zod', spec: '>=3 <4' });
    expect(npmDependencyOf('@scope/tool@1.2.3', dir)).toEqual({ name: '@scope/tool', spec: '1.2.3' });
    expect(npmDependencyOf('zod@latest', dir)).toEqual({ name: 'zod', spec: 'latest' });
    expect(npmDependencyOf('old-zod@npm:zod@3', dir)).toEqual({ name: 'old-zod', spec: 'npm:zod@3' });
    expect(npmDependencyOf('constructor', dir)).toEqual({ name: 'constructor', spec: '*' });
  });

  test('two entries for one package are refused', () => {
    expect(errorOf(() => synth({ devDeps: ['zod@^3', 'zod@^4'] })).message).toContain('"zod@^3" is the same package (zod)');
  });
});
