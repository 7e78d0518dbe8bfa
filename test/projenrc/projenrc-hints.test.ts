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

/**
 * The compiler options of the rc's own tsconfig (as a new project writes it), with the package
 * mapped to src/. `types` names node's alone: a new project has no @types package of its own
 * (its package.json holds projen, constructs, typescript and this package), and node's are what
 * this package's source, read here in place of its compiled declarations, needs; without it every
 * @types of this repository (jest's globals, babel's) would be visible to the rc, and parsed.
 */
function rcCompilerOptions(dir: string): ts.CompilerOptions {
  const tsconfig = parseJsonc(synth()[PROJENRC_TSCONFIG]);
  const { options, errors } = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, dir);
  expect(errors).toEqual([]);
  return {
    ...options,
    baseUrl: dir,
    paths: { 'py-streamlit-devstack': [PACKAGE_ENTRY] },
    typeRoots: [join(__dirname, '..', '..', 'node_modules', '@types')],
    types: ['node'],
  };
}

/**
 * The compiler's errors for each source, as `line: message`, from ONE program holding them all
 * as separate files (the lib files, @types/node, projen's declarations and src/ parsed and bound
 * once, not once per source). The host skips the JSDoc that no type error depends on, as `tsc`
 * itself does (the API's default parses all of it, for editors).
 */
function typeErrors(sources: readonly string[], options: ts.CompilerOptions, dir: string): string[][] {
  const files = sources.map((source, index) => {
    const file = join(dir, `rc-${index}.ts`);
    writeFileSync(file, source);
    return file;
  });
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const program = ts.createProgram(files, options, host);
  return files.map((file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined ? `${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
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

  // negative controls, checked in the same program: a hint uncommented with a misspelt value, and with a misspelt key
  const rc = renders[0][1];
  const engineHint = rc.split('\n').find((line) => OPTION_HINT.exec(line)?.[2] === 'containerEngine')!;
  const controls = [
    { name: 'ContainerEngine.PODMN', source: rc.replace(engineHint, '  containerEngine: ContainerEngine.PODMN,'), error: /Property 'PODMN' does not exist/ },
    { name: 'containrEngine', source: rc.replace(engineHint, '  containrEngine: ContainerEngine.PODMAN,'), error: /'containrEngine' does not exist/ },
  ];

  // the type errors of every case, then of every control, from one program
  let errorsOf: string[][] = [];
  beforeAll(() => {
    const dir = tempDir();
    errorsOf = typeErrors([...cases, ...controls].map((variant) => variant.source), rcCompilerOptions(dir), dir);
  }, 120_000);

  test.each(cases.map((variant, index) => ({ ...variant, index })))('$render, uncommented $name: the TypeScript compiler, with the rc\'s own tsconfig, finds no error', ({ index }) => {
    expect(errorsOf[index]).toEqual([]);
  });

  test.each(controls.map((control, index) => ({ ...control, index: cases.length + index })))('the containerEngine hint uncommented with $name (misspelt): the compiler reports it', ({ index, error }) => {
    expect(errorsOf[index]).toEqual([expect.stringMatching(error)]);
  });

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
