import { existsSync, readdirSync } from 'fs';
import { PyStreamlitDevstackProject } from '../src';
import { tempDir } from './util';

/** Options that must be refused, each with the option the error must name. */
const BAD: Array<[string, Record<string, unknown>]> = [
  ['port', { port: 80 }],
  ['port', { port: 0 }],
  ['port', { port: 70000 }],
  ['port', { port: 8501.5 }],
  ['port', { port: '8501' }],
  ['appEntrypoint', { appEntrypoint: '../outside.py' }],
  ['appEntrypoint', { appEntrypoint: '/abs/main.py' }],
  ['appEntrypoint', { appEntrypoint: 'app/main.txt' }],
  ['appEntrypoint', { appEntrypoint: 'app/../../x.py' }],
  ['appEntrypoint', { appEntrypoint: '.hidden/main.py' }],
  ['packages', { packages: { 'bad name': '*' } }],
  ['packages.pandas', { packages: { pandas: 'latest' } }],
  ['packages.pandas', { packages: { pandas: '>=2; rm -rf /' } }],
  ['devPackages.pytest', { devPackages: { pytest: '8' } }],
  ['aptPackages', { aptPackages: ['Curl'] }],
  ['aptPackages', { aptPackages: ['curl && rm -rf /'] }],
  ['devAptPackages', { devAptPackages: ['x'] }],
  ['vscodeExtensions', { vscodeExtensions: ['python'] }],
  ['imageName', { imageName: 'My App' }],
  ['imageName', { imageName: 'app@sha256:' + 'a'.repeat(64) }],
  ['baseImage', { baseImage: 'python:3.11-slim\nRUN echo pwned' }],
  ['baseImage', { baseImage: 'Python:3.11' }],
  ['pipenvVersion', { pipenvVersion: 'latest' }],
  ['containerEngine', { containerEngine: 'nerdctl' }],
  ['devcontainer', { devcontainer: 'yes' }],
  ['name', { name: 'a"b' }],
  ['devDeps', { devDeps: ['left-pad; rm -rf /'] }],
];

describe('option validation', () => {
  test.each(BAD)('%s: %j is refused with the option, the rule and an example', (option, options) => {
    expect(() => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: tempDir(), ...(options as any) })).toThrow(
      new RegExp(`invalid option "${option.replace('.', '\\.')}": .+\\. .+\\. Example: `),
    );
  });

  test('a misspelt option name is refused with the closest real one (the rc is not type-checked)', () => {
    expect(() => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: tempDir(), prot: 8502 } as any)).toThrow(
      /invalid option "prot": .*There is no option "prot"; did you mean "port"\?.*Example: port: \.\.\./,
    );
    expect(() => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: tempDir(), aptPackage: ['curl'] } as any)).toThrow(/did you mean "aptPackages"/);
  });

  test('a refused option writes nothing', () => {
    const dir = tempDir();
    expect(() => new PyStreamlitDevstackProject({ name: 'demo-app', outdir: dir, port: 80 }).synth()).toThrow();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(`${dir}/Dockerfile`)).toBe(false);
  });

  test('good values of every kind are accepted', () => {
    expect(
      () =>
        new PyStreamlitDevstackProject({
          name: 'My Dashboard',
          outdir: tempDir(),
          pythonVersion: '3.12',
          port: 1024,
          appEntrypoint: 'src/pages/home_page.py',
          packages: { 'scikit-learn': '~=1.5', 'zope.interface': '==6.*', 'pandas': '>=2.2, <3' },
          devPackages: { mypy: '*' },
          aptPackages: ['libgomp1', 'libstdc++6', 'fonts-noto-cjk'],
          vscodeExtensions: ['ms-toolsai.jupyter'],
          imageName: 'registry.example.com:5000/team/dash:v1.2',
          baseImage: 'python:3.12-slim@sha256:' + '0123456789abcdef'.repeat(4),
        }),
    ).not.toThrow();
  });
});
