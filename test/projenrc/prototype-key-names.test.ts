import { execFileSync } from 'child_process';
import * as ts from 'typescript';
import { renderProjenrc } from '../../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { synth } from '../util';

/** The Pipfile as Python's own TOML parser reads it (what Pipenv reads it with). */
function pythonReads(pipfile: string): any {
  return JSON.parse(execFileSync('python3', ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'], { input: pipfile, encoding: 'utf-8' }));
}

/** The object literal a rendered .projenrc.ts passes to the project type, evaluated. */
function rcOptions(rc: string): any {
  const js = ts.transpileModule(rc, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
  let options: any;
  const fake = { PyStreamlitDevstackProject: class { constructor(given: any) { options = given; } synth() {} }, ContainerEngine: {} };
  new Function('require', 'exports', js)(() => fake, {});
  return options;
}

// valid PEP 508 names (and script names) that are also names of Object.prototype's machinery
describe('packages: { constructor: "*" } and other names from Object.prototype', () => {
  test.each(['constructor', 'toJSON', 'toString', 'hasOwnProperty', 'valueOf'])('%s works in packages, devPackages and pipfileScripts', (name) => {
    const files = synth({ packages: { [name]: '*' }, devPackages: { [name]: '>=1' }, pipfileScripts: { [name]: 'streamlit run app/main.py' } });
    const pipfile = pythonReads(files.Pipfile);
    expect(Object.hasOwn(pipfile.packages, name) && pipfile.packages[name]).toBe('*');
    expect(Object.hasOwn(pipfile['dev-packages'], name) && pipfile['dev-packages'][name]).toBe('>=1');
    expect(Object.hasOwn(pipfile.scripts, name) && pipfile.scripts[name]).toBe('streamlit run app/main.py');
    expect(pipfile.packages.streamlit).toBeDefined();
  });

  test('the new .projenrc.ts keeps packages: { constructor: "*" }', () => {
    const settings = resolveDevstackOptions({ name: 'demo-app', packages: { constructor: '*', toString: '==1.0' } }, []);
    const options = rcOptions(renderProjenrc(settings, ['packages']));
    expect(Object.entries(options.packages)).toEqual([['constructor', '*'], ['toString', '==1.0']]);
  });

  test('"constructor" works as an npm devDep too (package.json)', () => {
    expect(JSON.parse(synth({ devDeps: ['constructor@^1'] })['package.json']).dependencies).toHaveProperty('constructor', '^1');
  });

  test('names that are no PEP 508 name ("__proto__") are refused, not crashed on', () => {
    expect(() => synth({ packages: JSON.parse('{"__proto__": "*"}') })).toThrow('Package names must follow PEP 508');
  });
});
