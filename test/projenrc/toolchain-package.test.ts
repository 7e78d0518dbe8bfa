import { readFileSync } from 'fs';
import { join } from 'path';
import { registryPackages, toolchainDependencies } from '../../src/projenrc/toolchain-package';
import { synth, tasksOf } from '../util';

const self = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf-8'));

describe("the generated project's Node toolchain", () => {
  test('package.json pins projen, constructs, this package and TypeScript 5 (the rc runner\'s transpiler), and no ts-node', () => {
    const pkg = JSON.parse(synth()['package.json']);
    expect(pkg.private).toBe(true);
    expect(pkg.dependencies).toEqual({
      constructs: self.peerDependencies.constructs,
      typescript: '~5.9.3',
    });
    expect(pkg.devDependencies).toEqual({
      'projen': self.peerDependencies.projen.replace('^', ''),
      'py-streamlit-devstack': `^${self.version}`,
    });
  });

  test('issue 18: devDependencies hold only projen and this package, the module a second projen new --from takes (its first entry that is not projen)', () => {
    const pkg = JSON.parse(synth({ devDeps: ['@aaa/first@^1', 'zod@^3'] })['package.json']);
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['projen', 'py-streamlit-devstack']);
    // projen's installPackage (lib/cli/util.js), after npm sorted the table
    expect(Object.keys(pkg.devDependencies).sort().find((name) => name !== 'projen')).toBe('py-streamlit-devstack');
    expect(Object.keys(pkg.dependencies)).toEqual(['@aaa/first', 'constructs', 'typescript', 'zod']);
  });

  test("the default task runs .projenrc.ts through this package's runner, which transpiles it with the local TypeScript (no npx download)", () => {
    const steps = tasksOf(synth()).default.steps;
    expect(steps).toEqual([{ execArgs: ['devstack-projenrc', '.projenrc.ts', '--project', 'tsconfig.projen.json'] }]);
  });

  test('an entry for this package replaces its default range; a bare name of it gets its version', () => {
    expect(toolchainDependencies([{ name: 'py-streamlit-devstack', spec: 'file:.devstack/vendor/py-streamlit-devstack-0.0.0.tgz' }])['py-streamlit-devstack'])
      .toBe('file:.devstack/vendor/py-streamlit-devstack-0.0.0.tgz');
    expect(toolchainDependencies([{ name: 'py-streamlit-devstack', spec: '*' }])['py-streamlit-devstack']).toBe(`^${self.version}`);
  });

  test('the registry entries are what the dev image bakes: a file:, git or URL entry is left to the workspace\'s install', () => {
    expect(registryPackages({
      'a-version': '1.2.3',
      'a-range': '^1 || >=2.0 <3',
      'a-tag': 'latest',
      'an-alias': 'npm:zod@^3',
      'a-file': 'file:.devstack/vendor/x.tgz',
      'a-folder': 'file:../helpers',
      'a-git': 'git+https://example.com/x.git',
      'a-url': 'https://example.com/x-1.0.0.tgz',
    })).toEqual(['a-version@1.2.3', 'a-range@^1 || >=2.0 <3', 'a-tag@latest', 'an-alias@npm:zod@^3']);
    // the project type passes them to the Dockerfile, sorted as package.json holds them
    const dockerfile = synth({ devDeps: ['zod@^3'] }).Dockerfile;
    expect(dockerfile).toMatch(/npm install --prefix \/opt\/devstack-toolchain .* 'constructs@[^']+' 'projen@[^']+' 'py-streamlit-devstack@[^']+' 'typescript@[^']+' 'zod@\^3' \\/);
  });

  test('name@range specs are kept, sorted by name', () => {
    const pkg = JSON.parse(synth({ devDeps: ['zod@^3', '@scope/tool@1.2.3', 'py-streamlit-devstack'] })['package.json']);
    const deps = pkg.dependencies;
    expect(deps.zod).toBe('^3');
    expect(deps['@scope/tool']).toBe('1.2.3');
    expect(pkg.devDependencies['py-streamlit-devstack']).toBe(`^${self.version}`);
    expect(Object.keys(deps)).toEqual([...Object.keys(deps)].sort((a, b) => a.localeCompare(b, 'en')));
  });
});
