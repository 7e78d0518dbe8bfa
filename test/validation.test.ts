import { existsSync, readdirSync } from 'fs';
import { Logger } from 'projen/lib/logger';
import { PyStreamlitDevstackProject } from '../src';
import { synth, tempDir } from './util';
import { baseImageMismatch } from '../src/docker/image-reference';

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
  // invisible or reordering characters, and names of only spaces
  ['name', { name: 'dash\u202Eboard' }],
  ['name', { name: 'dash\u200Bboard' }],
  ['name', { name: 'dash\u0085board' }],
  ['name', { name: 'dash\u2028board' }],
  ['name', { name: 'dash\uD800board' }],
  ['name', { name: 'dash\uFEFFboard' }],
  ['name', { name: '   ' }],
  ['name', { name: '\t\u00A0' }],
  // the same package twice by PEP 503
  ['packages', { packages: { Pandas: '*', pandas: '>=2' } }],
  ['packages', { packages: { 'zope.interface': '*', 'Zope_Interface': '*' } }],
  ['devPackages', { devPackages: { 'pytest-cov': '*', 'pytest_cov': '*' } }],
  // an app where the image or pytest would not find it
  ['appEntrypoint', { appEntrypoint: 'tests/test_app.py' }],
  ['appEntrypoint', { appEntrypoint: 'tests/main.py' }],
  ['appEntrypoint', { appEntrypoint: 'app/__pycache__/main.py' }],
  ['appEntrypoint', { appEntrypoint: 'node_modules/app/main.py' }],
  ['appEntrypoint', { appEntrypoint: 'src/node_modules/main.py' }],
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

  test('a package given in another spelling of a built-in one replaces it (PEP 503 names), never doubles it', () => {
    const pipfile = synth({ packages: { Streamlit: '~=1.50' }, devPackages: { PyTest: '>=8' } }).Pipfile;
    expect(pipfile).toMatch(/^Streamlit = "~=1\.50"$/m);
    expect(pipfile).not.toMatch(/^streamlit = /m);
    expect(pipfile).toMatch(/^PyTest = ">=8"$/m);
    expect(pipfile).not.toMatch(/^pytest = /m);
  });

  test('an app in a nested folder named like a root-only exclusion is fine', () => {
    expect(synth({ appEntrypoint: 'app/tests/main.py' }).Dockerfile).toContain('"app/tests/main.py"');
  });

  test.each([
    ['python:3.9-slim', '3.12', 'baseImage "python:3.9-slim" is Python 3.9, but pythonVersion is "3.12"'],
    ['registry.example.com/mirror/python:3.11.9-bookworm@sha256:' + 'a'.repeat(64), '3.13', 'is Python 3.11, but pythonVersion is "3.13"'],
  ])('baseImage %s with pythonVersion %s: a warning names both', (baseImage, pythonVersion, expected) => {
    expect(baseImageMismatch(baseImage, pythonVersion)).toContain(expected);
    const warnings: string[] = [];
    const spy = jest.spyOn(Logger.prototype, 'warn').mockImplementation((...text: any[]) => void warnings.push(text.join(' ')));
    try {
      new PyStreamlitDevstackProject({ name: 'demo-app', outdir: tempDir(), baseImage, pythonVersion });
    } finally {
      spy.mockRestore();
    }
    expect(warnings.join('\n')).toContain(expected);
  });

  test.each([
    ['python:3.12-slim', '3.12'],
    ['python:3.12', '3.12'],
    ['python:3.12.4-slim-bookworm', '3.12'],
    ['registry.example.com/team/streamlit-base:2024.1', '3.12'],
    ['python:latest', '3.12'],
    ['mypython:3.9', '3.12'],
  ])('baseImage %s with pythonVersion %s: no warning', (baseImage, pythonVersion) => {
    expect(baseImageMismatch(baseImage, pythonVersion)).toBeUndefined();
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
