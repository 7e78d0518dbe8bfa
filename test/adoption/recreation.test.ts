import { existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { inspect } from 'util';
import { createContext, runInContext } from 'vm';
import { DevstackError } from '../../src/errors';
import { OptionError } from '../../src/validation';
import { errorOf, readTree, synth, synthAsCreation, tempDir } from '../util';

/** A .projenrc.ts of this project type, as projen new writes it. */
const PROJENRC = "import { PyStreamlitDevstackProject } from 'py-streamlit-devstack';\nconst project = new PyStreamlitDevstackProject({ name: 'demo-app' });\nproject.synth();\n";

describe('issue 18: re-running an interrupted projen new', () => {
  test('a folder an earlier projen new made is refused with one sentence naming it and the way out, and nothing is changed (an edited .projenrc.ts included)', () => {
    const dir = tempDir();
    synthAsCreation(dir);
    // the rc projen new wrote at the end of its synth, since edited by the user
    writeFileSync(join(dir, '.projenrc.ts'), `${PROJENRC}// my own edit\n`);
    // what projen new's npm install left in package.json before the project type ran
    const npmRewrote = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8'));
    npmRewrote.devDependencies['py-streamlit-devstack'] = 'file:../py-streamlit-devstack-0.0.0.tgz';
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(npmRewrote, undefined, 2)}\n`);
    const before = readTree(dir);

    expect(errorOf(() => synthAsCreation(dir)).message).toBe(
      `py-streamlit-devstack: ${dir} is already a py-streamlit-devstack project (its .projenrc.ts names it; an earlier projen new made it, perhaps interrupted): ` +
        'finish it there with npm install && npx projen, which synths from your .projenrc.ts; this projen new changed only what its npm install touches ' +
        "(package.json's devDependencies and node_modules), and npx projen puts those back.",
    );
    expect(readTree(dir)).toEqual(before);
  });

  test('outside projen new the same folder synthesizes as usual', () => {
    const dir = tempDir();
    synthAsCreation(dir);
    writeFileSync(join(dir, '.projenrc.ts'), PROJENRC);
    expect(() => synth({}, dir)).not.toThrow();
  });
});

describe('issue 18: a refusal prints as its sentence alone', () => {
  test('util.inspect (console.error, which yargs uses at projen new) shows the message: no code frame, brackets or { rule }', () => {
    const error = new OptionError('port', 'abc', 'It must be a whole number from 1024 to 65535', 'projen new --port 8501');
    expect(inspect(error)).toBe('py-streamlit-devstack: invalid option "port": "abc". It must be a whole number from 1024 to 65535. Example: projen new --port 8501');
    expect(inspect(new DevstackError('x is wrong: do y.'))).toBe('py-streamlit-devstack: x is wrong: do y.');
  });

  test('thrown out of vm.runInContext, as projen new runs the project type, it still prints as the sentence alone', () => {
    const thrown = errorOf(() => runInContext('fail()', createContext({ fail: () => { throw new DevstackError('x is wrong: do y.'); } })));
    // Node puts the source line before the stack; the message is untouched
    expect(thrown.stack).toMatch(/\^\n/);
    expect(inspect(thrown)).toBe('py-streamlit-devstack: x is wrong: do y.');
  });
});

describe("issue 18: projen's state under .projen/ is not backed up as the user's", () => {
  test('a torn .projen/files.json and tasks.json at projen new are rewritten, not kept as .pre-devstack', () => {
    const dir = tempDir();
    synthAsCreation(dir);
    for (const file of ['.projen/files.json', '.projen/tasks.json']) {
      writeFileSync(join(dir, file), readFileSync(join(dir, file), 'utf-8').slice(0, 40));
    }
    // an earlier projen new stopped before it wrote .projenrc.ts
    expect(existsSync(join(dir, '.projenrc.ts'))).toBe(false);
    const files = synthAsCreation(dir);
    expect(existsSync(join(dir, '.projen/files.json.pre-devstack'))).toBe(false);
    expect(existsSync(join(dir, '.projen/tasks.json.pre-devstack'))).toBe(false);
    expect(Object.keys(files).filter((path) => path.includes('.pre-devstack'))).toEqual([]);
    expect(() => JSON.parse(files['.projen/tasks.json'])).not.toThrow();
  });

  test('and at npx projen too', () => {
    const dir = tempDir();
    synth({}, dir);
    writeFileSync(join(dir, '.projen/tasks.json'), '{"tasks": {');
    synth({}, dir);
    expect(existsSync(join(dir, '.projen/tasks.json.pre-devstack'))).toBe(false);
  });
});
