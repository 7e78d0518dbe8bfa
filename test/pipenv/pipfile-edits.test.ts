import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PIPFILE_RECORD } from '../../src/pipenv/pipfile-edits';
import { treeState } from '../files/tree-state';
import { errorOf, synth, tempDir } from '../util';

const ONE_SENTENCE = /^py-streamlit-devstack: [^\n]+\.$/;

/** A project synthesized once, as every project is after its first synth. */
function synthesized(): string {
  const dir = tempDir();
  synth({}, dir);
  return dir;
}

/** Edits the Pipfile as Pipenv does (it is writable: pipenv install must be able to write it). */
function editPipfile(dir: string, edit: (text: string) => string): void {
  const path = join(dir, 'Pipfile');
  writeFileSync(path, edit(readFileSync(path, 'utf-8')));
}

const addSix = (text: string) => text.replace('[packages]\n', '[packages]\nsix = "*"\n');

describe('a change made with Pipenv (pipenv install X, uninstall, an edit) is never undone by the next synth', () => {
  test('the generated Pipfile is writable by its owner, so pipenv install can update it', () => {
    const dir = synthesized();
    expect(statSync(join(dir, 'Pipfile')).mode.toString(8).slice(-3)).toMatch(/^[67]/); // the owner may write (root's access() would pass a 0444 file too)
    expect(JSON.parse(readFileSync(join(dir, PIPFILE_RECORD), 'utf-8'))).toMatchObject({
      'packages': { streamlit: '*' },
      'dev-packages': { pytest: '*', ruff: '*' },
    });
  });

  test('pipenv install six: the synth refuses in one sentence naming the entry and the option that keeps it, and changes nothing', () => {
    const dir = synthesized();
    editPipfile(dir, addSix);
    const before = treeState(dir);

    const error = errorOf(() => synth({ port: 8600 }, dir));

    expect(error.message).toMatch(ONE_SENTENCE);
    expect(error.message).toContain('npx projen changed nothing, because the Pipfile was changed since the last synth');
    expect(error.message).toContain('[packages] six = "*" added');
    expect(error.message).toContain('packages: { "six": "*" }');
    expect(error.message).toContain('git checkout -- Pipfile Pipfile.lock');
    expect(treeState(dir)).toEqual(before);
  });

  test('once .projenrc.ts names the package too, the synth goes on and the Pipfile keeps it', () => {
    const dir = synthesized();
    editPipfile(dir, addSix);

    const files = synth({ port: 8600 }, dir, (project) => project.pipfile.addPackage('Six', '*'));

    expect(files.Pipfile).toMatch(/^Six = "\*"$/m);
    expect(files.Dockerfile).toContain('8600');
    // and the next synth has nothing to say
    expect(() => synth({ port: 8600 }, dir, (project) => project.pipfile.addPackage('Six', '*'))).not.toThrow();
  });

  test('pipenv uninstall pytest and a changed specifier: each named, with what .projenrc.ts would have to say', () => {
    const dir = synthesized();
    editPipfile(dir, (text) => text.replace('pytest = "*"\n', '').replace('streamlit = "*"', 'streamlit = ">=1.40"'));

    const error = errorOf(() => synth({}, dir));

    expect(error.message).toMatch(ONE_SENTENCE);
    expect(error.message).toContain('[packages] streamlit = ">=1.40" changed');
    expect(error.message).toContain('[dev-packages] pytest removed');
    expect(error.message).toContain('packages: { "streamlit": ">=1.40" }');
    expect(error.message).toContain('no "pytest" in devPackages');
  });

  test('a change of .projenrc.ts alone is never mistaken for one made with Pipenv', () => {
    const dir = synthesized();
    const files = synth({ devPackages: { pytest: '*', ruff: '*', mypy: '>=1' }, packages: { streamlit: '>=1.40' } }, dir);
    expect(files.Pipfile).toMatch(/^mypy = ">=1"$/m);
    expect(files.Pipfile).toMatch(/^streamlit = ">=1\.40"$/m);
    expect(() => synth({}, dir)).not.toThrow(); // back to the defaults: also a change of .projenrc.ts
  });

  test('Pipenv rewriting the file in its own format (a table for a version, reordered keys) is no change', () => {
    const dir = synthesized();
    editPipfile(dir, (text) => text.replace('ruff = "*"', 'ruff = { version = "*" }').replace('[packages]\nstreamlit = "*"', '[packages]\n"Streamlit" = "*"'));
    expect(() => synth({ port: 8600 }, dir)).not.toThrow();
  });

  test('without a record of the last synth (a project made before it existed) the synth goes on and writes one', () => {
    const dir = synthesized();
    rmSync(join(dir, PIPFILE_RECORD));
    editPipfile(dir, addSix);
    const files = synth({}, dir);
    expect(files.Pipfile).not.toContain('six');
    expect(existsSync(join(dir, PIPFILE_RECORD))).toBe(true);
  });

  test('a Pipfile that is no longer TOML is refused, not replaced', () => {
    const dir = synthesized();
    editPipfile(dir, (text) => `${text}\nsix = \n`);
    const before = treeState(dir);
    const error = errorOf(() => synth({}, dir));
    expect(error.message).toMatch(ONE_SENTENCE);
    expect(error.message).toContain('the Pipfile is not valid TOML');
    expect(treeState(dir)).toEqual(before);
  });
});
