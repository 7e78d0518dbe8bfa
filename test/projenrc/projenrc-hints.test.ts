import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';
import * as devstack from '../../src';
import { PROJENRC_TSCONFIG } from '../../src/projenrc/projenrc-ts';
import { renderProjenrc } from '../../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { parseJsonc, synth, tempDir } from '../util';

/** The package's entry point, which the rc imports as "py-streamlit-devstack". */
const PACKAGE_ENTRY = join(__dirname, '..', '..', 'src', 'index.ts');

/** One way of uncommenting the rendered rc: which line, and the rc with it uncommented. */
interface Variant {
  readonly name: string;
  readonly source: string;
}

/** A commented line that is code: an option hint (`  // key: value, // text`) or a call (`// project.x...`). */
const OPTION_HINT = /^( {2})\/\/ ([A-Za-z]+): (.*), \/\/ (.*)$/;
const COMMENTED_CALL = /^\/\/ (project\..*;)$/;

/**
 * Every commented line of `rc` that is code, uncommented one at a time; an option hint also
 * with each alternative its text names (`ContainerEngine.PODMAN`) and, for a switch, the other value.
 */
function variantsOf(rc: string): Variant[] {
  const lines = rc.split('\n');
  const variants: Variant[] = [];
  const withLine = (index: number, line: string) => lines.map((original, at) => (at === index ? line : original)).join('\n');
  lines.forEach((line, index) => {
    const hint = OPTION_HINT.exec(line);
    if (hint) {
      const [, indent, key, value, text] = hint;
      const alternatives = new Set([value, ...(text.match(/\bContainerEngine\.[A-Z]+\b/g) ?? []), ...(value === 'true' ? ['false'] : value === 'false' ? ['true'] : [])]);
      for (const alternative of alternatives) {
        variants.push({ name: `${key}: ${alternative}`, source: withLine(index, `${indent}${key}: ${alternative}, // ${text}`) });
      }
      return;
    }
    const call = COMMENTED_CALL.exec(line);
    if (call) variants.push({ name: call[1], source: withLine(index, call[1]) });
  });
  return variants;
}

/** The compiler options of the rc's own tsconfig (as a new project writes it), with the package mapped to src/. */
function rcCompilerOptions(dir: string): ts.CompilerOptions {
  const tsconfig = parseJsonc(synth()[PROJENRC_TSCONFIG]);
  const { options, errors } = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, dir);
  expect(errors).toEqual([]);
  return {
    ...options,
    baseUrl: dir,
    paths: { 'py-streamlit-devstack': [PACKAGE_ENTRY] },
    typeRoots: [join(__dirname, '..', '..', 'node_modules', '@types')],
  };
}

/** The compiler's errors for each file, as `file:line: message`. */
function typeErrors(files: readonly string[], options: ts.CompilerOptions): string[] {
  const program = ts.createProgram(files, options);
  return files.flatMap((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? `:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}` : '';
    return `${file}${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  }));
}

/**
 * Runs an rc as `npx projen` would (transpiled, then evaluated), with "py-streamlit-devstack"
 * resolved to this package's src and the project put in a temporary folder; returns its files.
 */
function runRc(source: string): Record<string, string> {
  const outdir = tempDir();
  let project: devstack.PyStreamlitDevstackProject | undefined;
  class InTempFolder extends devstack.PyStreamlitDevstackProject {
    constructor(options: devstack.PyStreamlitDevstackProjectOptions) {
      super({ ...options, outdir });
      project = this;
    }
  }
  const packageModule = { ...devstack, PyStreamlitDevstackProject: InTempFolder };
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const requireShim = (name: string) => {
    if (name !== 'py-streamlit-devstack') throw new Error(`the rc requires ${name}`);
    return packageModule;
  };
  // the rc's own project.synth(), without the post-synth steps (npm install, pipenv lock)
  const previous = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    new Function('require', 'exports', 'module', outputText)(requireShim, {}, { exports: {} });
  } finally {
    if (previous === undefined) delete process.env.PROJEN_DISABLE_POST;
    else process.env.PROJEN_DISABLE_POST = previous;
  }
  expect(project).toBeDefined();
  return Object.fromEntries(['.projen/tasks.json', 'Pipfile', '.devcontainer/devcontainer.json'].map((path) => [path, readIfThere(join(outdir, path))]));
}

function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'utf-8');
  } catch {
    return '';
  }
}

describe('every commented suggestion in the rendered .projenrc.ts works uncommented', () => {
  const renders: ReadonlyArray<[string, string]> = [
    ['a new project', renderProjenrc(resolveDevstackOptions({ name: 'demo-app' }, []), [])],
    ['a project made with --kubernetes false --devcontainer false', renderProjenrc(resolveDevstackOptions({ name: 'demo-app', kubernetes: false, devcontainer: false }, []), ['kubernetes', 'devcontainer'])],
  ];
  const cases = renders.flatMap(([render, rc]) => variantsOf(rc).map((variant) => ({ render, ...variant })));

  test('the rendered files have option hints, the containerEngine alternatives and the component calls', () => {
    const names = cases.filter((c) => c.render === 'a new project').map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining([
      'containerEngine: ContainerEngine.DOCKER',
      'containerEngine: ContainerEngine.PODMAN',
      'project.pipfile.addPackage("humanize", ">=4");',
      'project.devcontainer?.addExtensions("ms-toolsai.jupyter");',
    ]));
    expect(names.some((name) => name.startsWith('kubernetesOptions: {'))).toBe(true);
    expect(names.length).toBeGreaterThan(15);
  });

  test('the TypeScript compiler, with the rc\'s own tsconfig, finds no error in any of them', () => {
    const dir = tempDir();
    const files = cases.map((variant, index) => {
      const file = join(dir, `rc-${index}.ts`);
      writeFileSync(file, variant.source);
      return file;
    });
    const errors = typeErrors(files, rcCompilerOptions(dir)).map((error) => {
      const index = Number(/rc-(\d+)\.ts/.exec(error)![1]);
      return `${cases[index].render}, ${cases[index].name}: ${error.replace(dir, '')}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);

  test.each(cases)('$render, uncommented $name: runs and synthesizes', ({ name, source }) => {
    const files = runRc(source);
    const tasks = JSON.stringify(JSON.parse(files['.projen/tasks.json']).tasks);
    if (name === 'containerEngine: ContainerEngine.PODMAN') expect(tasks).toContain('"podman"');
    if (name === 'containerEngine: ContainerEngine.DOCKER') expect(tasks).not.toContain('"podman"');
    if (name.startsWith('project.pipfile.addPackage')) expect(files.Pipfile).toContain('humanize = ">=4"');
    if (name.startsWith('project.devcontainer?.addExtensions') && files['.devcontainer/devcontainer.json']) {
      expect(files['.devcontainer/devcontainer.json']).toContain('ms-toolsai.jupyter');
    }
  });
});
