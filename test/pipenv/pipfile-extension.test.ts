import { Testing } from 'projen/lib/testing';
import { parse } from 'smol-toml';
import { Pipfile } from '../../src';
import { bareProject, synth } from '../util';

/** The Pipfile component alone, on a bare projen project, parsed as TOML. */
function alone(customize: (pipfile: Pipfile) => void, options = {}): any {
  const project = bareProject();
  customize(new Pipfile(project, { pythonVersion: '3.12', packages: { streamlit: '*' }, ...options }));
  return parse(Testing.synth(project).Pipfile);
}

describe('project.pipfile: packages, sources and scripts from .projenrc.ts', () => {
  test('addPackage and addDevPackage join the tables, sorted by name; a name pip treats as the same replaces the entry', () => {
    const pipfile = alone((p) => {
      p.addPackage('pandas', '>=2.2,<3');
      p.addPackage('Streamlit', '~=1.50');
      p.addDevPackage('mypy', '*');
    });
    expect(pipfile.packages).toEqual({ pandas: '>=2.2,<3', Streamlit: '~=1.50' });
    expect(Object.keys(pipfile.packages)).toEqual(['pandas', 'Streamlit']);
    expect(pipfile['dev-packages']).toEqual({ mypy: '*' });
    expect(pipfile.requires).toEqual({ python_version: '3.12' });
  });

  test('addSource adds an index after PyPI, and addPackage can install from it', () => {
    const pipfile = alone((p) => {
      p.addSource({ name: 'internal', url: 'https://pypi.internal.example/simple' });
      p.addPackage('internal-lib', '==1.2.0', 'internal');
    });
    expect(pipfile.source).toEqual([
      { url: 'https://pypi.org/simple', verify_ssl: true, name: 'pypi' },
      { url: 'https://pypi.internal.example/simple', verify_ssl: true, name: 'internal' },
    ]);
    expect(pipfile.packages['internal-lib']).toEqual({ version: '==1.2.0', index: 'internal' });
  });

  test('addScript adds a [scripts] entry; without any the table is absent', () => {
    expect(alone((p) => p.addScript('serve', 'streamlit run app/main.py')).scripts).toEqual({ serve: 'streamlit run app/main.py' });
    expect(alone(() => {})).not.toHaveProperty('scripts');
  });

  test.each([
    ['a name pip cannot read', (p: Pipfile) => p.addPackage('pandas!', '*'), /invalid argument of project\.pipfile\.addPackage\(\): "pandas!"\. Package names must follow PEP 508/],
    ['a specifier that is not PEP 440', (p: Pipfile) => p.addDevPackage('mypy', '>>1'), /invalid argument of project\.pipfile\.addDevPackage\(\): ">>1"\. It must be "\*" or a PEP 440 specifier set.*Example: project\.pipfile\.addDevPackage\("mypy", ">=1\.2,<2"\)/],
    ['an index that is not a source yet', (p: Pipfile) => p.addPackage('lib', '*', 'internal'), /invalid argument of project\.pipfile\.addPackage\(\): "internal"\. It must name one of pipfileSources: "pypi"/],
    ['a second source of the same name', (p: Pipfile) => p.addSource({ name: 'pypi', url: 'https://mirror.example/simple' }), /invalid argument of project\.pipfile\.addSource\(\).*Each source needs its own name/],
    ['a source URL that is not http(s)', (p: Pipfile) => p.addSource({ name: 'files', url: 'file:///srv/wheels' }), /Each url must be an http\(s\) URL/],
    ['a script over two lines', (p: Pipfile) => p.addScript('x', 'a\nb'), /invalid argument of project\.pipfile\.addScript\(\): "a\\nb"\. It must be a one-line command/],
  ])('refuses %s, with the same rule as the option', (_what, call, message) => {
    expect(() => alone(call)).toThrow(message);
  });

  test('through the project type: added packages sit beside the built-in ones', () => {
    const pipfile = parse(synth({ packages: { altair: '*' } }, undefined, (project) => project.pipfile.addPackage('pandas', '>=2')).Pipfile) as any;
    expect(pipfile.packages).toEqual({ altair: '*', pandas: '>=2', streamlit: '*' });
    expect(pipfile['dev-packages']).toEqual({ pytest: '*', ruff: '*' });
  });
});

describe('the Pipfile component alone applies the options\' rules to its own options', () => {
  test.each([
    ['a Python out of range', { pythonVersion: '3.9' }, /invalid option "pythonVersion": "3\.9"/],
    ['a package name pip cannot read', { packages: { 'pandas!': '*' } }, /invalid option "packages": "pandas!"/],
    ['an index that is no source', { packages: { lib: '*' }, packageIndexes: { lib: 'internal' } }, /invalid option "packageIndexes\.lib"/],
  ])('refuses %s', (_what, options, message) => {
    expect(() => alone(() => {}, options)).toThrow(message);
  });
});
