import * as ts from 'typescript';
import { ContainerEngine } from '../../src';
import { renderProjenrc } from '../../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { synth } from '../util';

function render(options: Record<string, unknown>, given: string[] = []): string {
  return renderProjenrc(resolveDevstackOptions({ name: 'demo-app', ...options } as any, []), given);
}

function syntaxErrors(source: string): readonly ts.Diagnostic[] {
  const output = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  return output.diagnostics ?? [];
}

describe('the initial .projenrc.ts', () => {
  test('shows the main options with their values and the rest as commented hints', () => {
    const rc = render({});
    // ContainerEngine always, so the containerEngine hint works uncommented (test/projenrc/projenrc-hints.test.ts)
    expect(rc).toContain('import { ContainerEngine, PyStreamlitDevstackProject } from "py-streamlit-devstack";');
    expect(rc).toContain('  name: "demo-app",');
    expect(rc).toContain('  pythonVersion: "3.13",');
    expect(rc).toContain('  port: 8501,');
    expect(rc).toContain('  appEntrypoint: "app/main.py",');
    expect(rc).toContain('  packages: {},');
    expect(rc).toMatch(/^ {2}\/\/ aptPackages: \[\], \/\/ /m);
    expect(rc).toContain('project.synth();');
    expect(syntaxErrors(rc)).toEqual([]);
  });

  test('writes the Python version as a string, whatever form it arrived in', () => {
    const fromCommandLine = renderProjenrc(resolveDevstackOptions({ name: 'x', pythonVersion: 3.1 as any }, ['projen', 'new', '--python-version', '3.10']), ['pythonVersion']);
    expect(fromCommandLine).toContain('pythonVersion: "3.10",');
  });

  test('options given to projen new are written as values, and the enum import is added when needed', () => {
    const rc = render({ containerEngine: ContainerEngine.PODMAN, devcontainer: false, devDeps: ['zod@^3'] }, ['containerEngine', 'devcontainer', 'devDeps', 'outdir']);
    expect(rc).toContain('import { ContainerEngine, PyStreamlitDevstackProject } from "py-streamlit-devstack";');
    expect(rc).toContain('  containerEngine: ContainerEngine.PODMAN,');
    expect(rc).toContain('  devcontainer: false,');
    expect(rc).toContain('"zod@^3"');
    expect(rc).not.toContain('outdir');
    expect(syntaxErrors(rc)).toEqual([]);
  });

  test('packages are written without the implicit streamlit/pytest/ruff entries', () => {
    const rc = render({ packages: { pandas: '>=2' }, devPackages: { mypy: '*' } }, ['packages', 'devPackages']);
    expect(rc).toMatch(/packages: \{\n\s+"pandas": ">=2"\n\s+\}/);
    expect(rc).toMatch(/devPackages: \{\n\s+"mypy": "\*"\n\s+\}/);
    expect(rc).not.toContain('streamlit":');
  });

  test('adopted Pipfile sources, indexes, scripts, Pipenv settings and .gitignore lines are written as options', () => {
    const rc = render(
      {
        packages: { 'internal-lib': '==1.2.3' },
        pipfileSources: [{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'internal', url: 'https://pypi.internal.example/simple' }],
        packageIndexes: { 'internal-lib': 'internal' },
        pipfileScripts: { serve: 'streamlit run app/main.py' },
        pipenvSettings: { allowPrereleases: true },
        gitignore: ['logs/', 'credentials.json'],
      },
      ['pipfileSources', 'packageIndexes', 'pipfileScripts', 'pipenvSettings', 'gitignore'],
    );
    expect(syntaxErrors(rc)).toEqual([]);
    expect(rc).toContain('"url": "https://pypi.internal.example/simple"');
    expect(rc).toMatch(/packageIndexes: \{\n {4}"internal-lib": "internal"\n {2}\}/);
    expect(rc).toContain('pipfileScripts: {');
    expect(rc).toContain('"allowPrereleases": true');
    expect(rc).toMatch(/gitignore: \[\n {4}"logs\/",\n {4}"credentials.json"\n {2}\]/);
  });
});

describe('the component examples in the rendered .projenrc.ts', () => {
  test('are real calls: uncommented, they run against the project and reach the files', () => {
    const rc = renderProjenrc(resolveDevstackOptions({ name: 'demo' }, []), []);
    const calls = rc.split('\n').filter((line) => line.startsWith('// project.')).map((line) => line.slice(3));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const files = synth({}, undefined, (project) => new Function('project', calls.join('\n'))(project));
    expect(files.Pipfile).toContain('humanize = ">=4"');
    expect(files['.devcontainer/devcontainer.json']).toContain('ms-toolsai.jupyter');
  });
});
