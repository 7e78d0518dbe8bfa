import * as vm from 'vm';
import { DockerfileParser } from 'dockerfile-ast';
import * as fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import * as ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { ContainerEngine, DockerfileStage, PyStreamlitDevstackProject, PyStreamlitDevstackProjectOptions } from '../src';
import { parseJsonc, propertyParameters, synth, tasksOf, tempDir } from './util';
import { DEFAULTS } from '../src/defaults';
import { dockerfileQuoted } from '../src/docker/dockerfile-input';
import { splitImageName } from '../src/docker/image-reference';
import { renderProjenrc } from '../src/projenrc/render-projenrc';
import { resolveDevstackOptions } from '../src/resolve-options';
import { OptionError } from '../src/validation';

/**
 * Hostile input, option by option: every generated value is either refused with
 * an OptionError that names the option, or appears verbatim and inert in outputs
 * that real parsers read (dockerfile-ast, a TOML parser, JSON, TypeScript).
 */

const PROPERTY = propertyParameters(150);
const outcomes = { accepted: 0, refused: 0 };
afterAll(() => console.log(`property tests: ${outcomes.accepted + outcomes.refused} generated option sets, ${outcomes.accepted} accepted and checked in the outputs, ${outcomes.refused} refused`));

/**
 * Each property must exercise both branches: a test that only ever refuses proves nothing about
 * the outputs. At least one of each, not a share: under CI the seed is new on every run, and a
 * share (it was 5%) is missed by chance (7 refusals of 150 for `name` once, against 7.5).
 */
function expectBothOutcomes(before: typeof outcomes) {
  expect(outcomes.accepted - before.accepted).toBeGreaterThan(0);
  expect(outcomes.refused - before.refused).toBeGreaterThan(0);
}

const FRAGMENTS = [
  '\n', '\r\n', '"', "'", '`', '$(id)', '`id`', '${HOME}', ';', '&&', '||', '|', '\\', '\\n', '#', '[', ']', '[evil]', '{', '}',
  '=', ' ', '\t', '\u0000', '\u2028', 'ü', '日本', '🚀', 'RUN rm -rf /', 'FROM scratch', '"}', '"]', '*/', '//', '<', '>', '@sha256:', ':',
];
/** Strings built from shell, Dockerfile, TOML and JSON metacharacters, plus arbitrary unicode. */
const hostile = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 4 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
/** Valid-looking values with hostile parts glued on. */
const around = (valid: string) => fc.tuple(hostile, hostile).map(([a, b]) => fc.sample(fc.constantFrom(`${valid}${a}`, `${a}${valid}`, `${a}${valid}${b}`), 1)[0]);

interface Outputs {
  files: Record<string, string>;
}

/** A synth with these options (and, like a `.projenrc.ts`, these calls on the components), or the refusal. */
function synthOrRefuse(
  options: Partial<PyStreamlitDevstackProjectOptions>,
  customize?: (project: PyStreamlitDevstackProject) => void,
): Outputs | OptionError {
  try {
    const files = synth(options as any, tempDir(), customize);
    outcomes.accepted++;
    return { files };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    outcomes.refused++;
    return error;
  }
}

/** Values that follow each rule, so the accepted branch is exercised too. */
const VALID = {
  name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}$/),
  packageName: fc.stringMatching(/^[a-z][a-z0-9._-]{0,8}[a-z0-9]$/),
  specifier: fc.oneof(fc.constant('*'), fc.tuple(fc.constantFrom('>=', '==', '~=', '<', '!='), fc.nat(30), fc.nat(9)).map(([op, a, b]) => `${op}${a}.${b}`)),
  aptPackage: fc.stringMatching(/^[a-z0-9][a-z0-9+.-]{1,12}$/),
  image: fc.tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.stringMatching(/^[\w][\w.-]{0,8}$/)).map(([a, b, tag]) => `${a}/${b}:${tag}`),
  entrypoint: fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}(\/[a-z_][a-z0-9_]{0,8}){0,2}\.py$/),
  extension: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)).map(([p, n]) => `${p}.${n}`),
  port: fc.integer({ min: 1024, max: 65535 }),
};

const BASELINE = synth({});
/** dockerfile-ast's parse of a Dockerfile, once per text: a case reads its Dockerfile several times, and every case the baseline's. */
const baselineDockerfile = DockerfileParser.parse(BASELINE.Dockerfile);
let lastParsed: { readonly text: string; readonly parsed: typeof baselineDockerfile } | undefined;
function parseDockerfile(text: string) {
  if (text === BASELINE.Dockerfile) return baselineDockerfile;
  if (lastParsed?.text !== text) lastParsed = { text, parsed: DockerfileParser.parse(text) };
  return lastParsed.parsed;
}
const dockerKeywords = (text: string) => parseDockerfile(text).getInstructions().map((i) => i.getKeyword());

/** The structure every Dockerfile must keep: same instructions in the same order as the baseline's. */
function expectDockerfileShape(dockerfile: string, aptRuns = 0) {
  const expected = dockerKeywords(BASELINE.Dockerfile);
  const actual = dockerKeywords(dockerfile);
  expect(actual.length).toBe(expected.length + aptRuns);
  expect(actual.filter((k) => k !== 'RUN')).toEqual(expected.filter((k) => k !== 'RUN'));
}

function expectRefused(result: Outputs | OptionError, option: string): asserts result is OptionError {
  expect(result).toBeInstanceOf(OptionError);
  expect((result as OptionError).message).toContain(`invalid option "${option}`);
}

describe('hostile option values are refused or inert', () => {
  test('name: verbatim in devcontainer.json, the app title and .projenrc.ts, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, { arbitrary: VALID.name, weight: 2 }), (name) => {
        const result = synthOrRefuse({ name });
        if (result instanceof OptionError) return expectRefused(result, 'name');
        const devcontainer = parseJsonc(result.files['.devcontainer/devcontainer.json']);
        expect(devcontainer.name).toBe(name);
        expect(Object.keys(devcontainer)).toEqual(Object.keys(parseJsonc(BASELINE['.devcontainer/devcontainer.json'])));
        const titleLine = result.files['app/main.py'].split('\n').find((line) => line.startsWith('TITLE = '))!;
        expect(JSON.parse(titleLine.slice('TITLE = '.length))).toBe(name);
        expectDockerfileShape(result.files.Dockerfile);
        expect(evaluateProjenrc(name)).toEqual(expect.objectContaining({ name }));
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('packages and devPackages: verbatim in the Pipfile tables, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, around('pandas'), { arbitrary: VALID.packageName, weight: 3 }), fc.oneof(hostile, around('>=2.2'), { arbitrary: VALID.specifier, weight: 3 }), fc.boolean(), (name, specifier, dev) => {
        const option = dev ? 'devPackages' : 'packages';
        const result = synthOrRefuse({ [option]: { [name]: specifier } });
        if (result instanceof OptionError) return expectRefused(result, option);
        const pipfile = parseToml(result.files.Pipfile) as any;
        expect(Object.keys(pipfile)).toEqual(['source', 'packages', 'dev-packages', 'requires']);
        expect(pipfile[dev ? 'dev-packages' : 'packages'][name]).toBe(specifier.split(',').map((c) => c.trim()).join(','));
        expect(pipfile.source).toEqual(parseToml(BASELINE.Pipfile).source);
        expectDockerfileShape(result.files.Dockerfile);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('aptPackages and devAptPackages: one inert word in the install line, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, around('libgomp1'), { arbitrary: VALID.aptPackage, weight: 2 }), fc.boolean(), (pkg, dev) => {
        const option = dev ? 'devAptPackages' : 'aptPackages';
        const result = synthOrRefuse({ [option]: [pkg] });
        if (result instanceof OptionError) return expectRefused(result, option);
        expectDockerfileShape(result.files.Dockerfile, dev ? 0 : 1);
        const runs = parseDockerfile(result.files.Dockerfile).getInstructions().filter((i) => i.getKeyword() === 'RUN');
        const install = runs.map((r) => r.getTextContent()).find((t) => t.includes('apt-get install') && t.includes(pkg))!;
        expect(install.split(/\s+/)).toContain(pkg);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('baseImage: exactly the FROM of the base stage, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, around('python:3.11-slim'), { arbitrary: VALID.image, weight: 2 }), (baseImage) => {
        const result = synthOrRefuse({ baseImage });
        if (result instanceof OptionError) return expectRefused(result, 'baseImage');
        expectDockerfileShape(result.files.Dockerfile);
        expect(parseDockerfile(result.files.Dockerfile).getFROMs()[0].getImage()).toBe(baseImage);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('appEntrypoint and port: exec-form arguments of the ENTRYPOINT and task arguments, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, around('app/main.py'), { arbitrary: VALID.entrypoint, weight: 3 }), fc.oneof(fc.integer(), fc.double(), { arbitrary: VALID.port, weight: 3 }), (appEntrypoint, port) => {
        const result = synthOrRefuse({ appEntrypoint, port });
        if (result instanceof OptionError) return expect(result.message).toMatch(/invalid option "(appEntrypoint|port)"/);
        expectDockerfileShape(result.files.Dockerfile);
        const entrypoint = parseDockerfile(result.files.Dockerfile).getInstructions().find((i) => i.getKeyword() === 'ENTRYPOINT')!;
        const args = JSON.parse(entrypoint.getTextContent().replace(/^ENTRYPOINT\s+/, ''));
        expect(args.slice(0, 4)).toEqual(['streamlit', 'run', appEntrypoint, `--server.port=${port}`]);
        expect(tasksOf(result.files).dev.steps.pop().execArgs).toContain(appEntrypoint);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('imageName, vscodeExtensions, devDeps, pythonVersion, pipenvVersion: verbatim where used, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(
        fc.constantFrom('imageName', 'vscodeExtensions', 'devDeps', 'pythonVersion', 'pipenvVersion'),
        fc.oneof(hostile, around('ms-python.python'), around('3.12'), around('my-app'), VALID.extension, VALID.image, fc.constantFrom('3.10', '3.13', '2026.1.0')),
        (option, value) => {
          const asList = option === 'vscodeExtensions' || option === 'devDeps';
          const result = synthOrRefuse({ [option]: asList ? [value] : value });
          if (result instanceof OptionError) return expectRefused(result, option);
          expectDockerfileShape(result.files.Dockerfile);
          const files = result.files;
          if (option === 'imageName') {
            // verbatim, with the default tag when it has none; the manifests deploy that same reference
            const reference = splitImageName(value).tag ? value : `${value}:${DEFAULTS.imageTag}`;
            expect(tasksOf(files)['docker:build'].steps.pop().execArgs).toContain(reference);
            expect(files['k8s/deployment.yaml']).toContain(`image: ${reference}\n`);
          }
          if (option === 'vscodeExtensions') expect(parseJsonc(files['.devcontainer/devcontainer.json']).customizations.vscode.extensions).toEqual([value]);
          if (option === 'devDeps') expect(JSON.stringify(JSON.parse(files['package.json']).dependencies)).toContain(JSON.stringify(value).slice(1, -1).split('@')[0]);
          // surrounding whitespace is forgiven (" 3.12" from a copied line); the rest is verbatim
          if (option === 'pythonVersion') expect((parseToml(files.Pipfile) as any).requires.python_version).toBe(value.trim());
          if (option === 'pipenvVersion') expect(files.Dockerfile).toContain(`"pipenv==${value}"`);
        },
      ),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('containerEngine and devcontainer accept only their own values', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        expectRefused(synthOrRefuse({ containerEngine: value as ContainerEngine }), 'containerEngine');
        expectRefused(synthOrRefuse({ devcontainer: value as any }), 'devcontainer');
      }),
      propertyParameters(30),
    );
  });
});

/**
 * Renders the initial .projenrc.ts for a name, transpiles it with TypeScript and
 * runs it against a stand-in project class: returns the options it passes.
 */
function evaluateProjenrc(name: string): Record<string, unknown> {
  const source = renderProjenrc(resolveDevstackOptions({ name }, []), ['name']);
  const output = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  expect(output.diagnostics ?? []).toEqual([]);
  let captured: Record<string, unknown> = {};
  const fakeModule = {
    PyStreamlitDevstackProject: class {
      constructor(options: Record<string, unknown>) {
        captured = options;
      }
      synth() {}
    },
    ContainerEngine,
  };
  vm.runInNewContext(output.outputText, { require: () => fakeModule, exports: {} });
  // the real project takes those options and names itself exactly as the user did
  expect(new PyStreamlitDevstackProject({ ...(captured as any), outdir: tempDir() }).name).toBe(name);
  return captured;
}

function expectMethodRefused(result: OptionError, method: string): void {
  expect(result.message).toContain(`invalid argument of project.${method}()`);
}

describe('hostile values given to the components\' methods are refused or inert', () => {
  test('dockerfile.addEnv and addLabels: one more ENV or LABEL holding the value verbatim, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constant('APP_MODE')), fc.oneof(hostile, fc.constant('say "hi" to $USER')), fc.boolean(), (key, value, label) => {
        const result = synthOrRefuse({}, (project) => (label
          ? project.dockerfile.addLabels({ [key.toLowerCase()]: value })
          : project.dockerfile.addEnv(DockerfileStage.APP, { [key]: value })));
        if (result instanceof OptionError) return expectMethodRefused(result, label ? 'dockerfile.addLabels' : 'dockerfile.addEnv');
        const keyword = label ? 'LABEL' : 'ENV';
        const baseline = dockerKeywords(BASELINE.Dockerfile);
        const actual = dockerKeywords(result.files.Dockerfile);
        expect(actual.length).toBe(baseline.length + 1);
        expect(actual.filter((k) => k === keyword).length).toBe(baseline.filter((k) => k === keyword).length + 1);
        const added = parseDockerfile(result.files.Dockerfile).getInstructions().filter((i) => i.getKeyword() === keyword).at(-1)!;
        // the value is one double-quoted string: a label's arrives literally, an ENV's with only $NAME / ${NAME} expanded
        // (what podman makes of them: test/e2e/dockerfile-values.e2e.test.ts)
        expect(added.getTextContent()).toBe(`${keyword} ${label ? key.toLowerCase() : key}=${dockerfileQuoted(value, { literal: label })}`);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('devcontainer.addFeature options and addPostCreateCommand arguments: JSON values verbatim, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constant('./hello')), hostile, hostile, (id, setting, arg) => {
        const result = synthOrRefuse({}, (project) => {
          project.devcontainer!.addFeature(id, { greeting: setting });
          project.devcontainer!.addPostCreateCommand('step', 'echo', arg);
        });
        if (result instanceof OptionError) return expect(result.message).toMatch(/invalid argument of project\.devcontainer\.(addFeature|addPostCreateCommand)\(\)/);
        const config = parseJsonc(result.files['.devcontainer/devcontainer.json']);
        expect(config.features).toEqual({ [id]: { greeting: setting } });
        expect(config.postCreateCommand).toEqual({ step: ['echo', arg] });
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('pipfile.addScript and addPackage: verbatim in their TOML tables, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constant('serve')), fc.oneof(hostile, fc.constant('streamlit run app/main.py')), fc.oneof(hostile, VALID.packageName), (name, command, pkg) => {
        const result = synthOrRefuse({}, (project) => {
          project.pipfile.addScript(name, command);
          project.pipfile.addPackage(pkg, '*');
        });
        if (result instanceof OptionError) return expect(result.message).toMatch(/invalid argument of project\.pipfile\.(addScript|addPackage)\(\)/);
        const pipfile = parseToml(result.files.Pipfile) as any;
        expect(pipfile.scripts).toEqual({ [name]: command });
        expect(pipfile.packages[pkg]).toBe('*');
        expect(Object.keys(pipfile)).toEqual(['source', 'packages', 'dev-packages', 'requires', 'scripts']);
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });

  test('kubernetes.addEnv: the value verbatim in the Deployment\'s YAML, or refused', () => {
    const before = { ...outcomes };
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constant('LOG_LEVEL')), fc.oneof(hostile, fc.constant('info: "debug" # not a comment')), (name, value) => {
        const result = synthOrRefuse({}, (project) => project.kubernetes!.addEnv(name, value));
        if (result instanceof OptionError) return expectMethodRefused(result, 'kubernetes.addEnv');
        const deployment = parseYaml(result.files['k8s/deployment.yaml']);
        expect(deployment.spec.template.spec.containers[0].env.at(-1)).toEqual({ name, value });
        expect(Object.keys(deployment)).toEqual(Object.keys(parseYaml(BASELINE['k8s/deployment.yaml'])));
      }),
      PROPERTY,
    );
    expectBothOutcomes(before);
  });
});
