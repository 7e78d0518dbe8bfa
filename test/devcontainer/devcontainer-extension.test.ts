import { Testing } from 'projen/lib/testing';
import { DevcontainerConfig, PortAutoForward } from '../../src';
import { bareProject, parseJsonc, synth } from '../util';

const FILE = '.devcontainer/devcontainer.json';

/** The dev container component alone, on a bare projen project. */
function alone(customize: (config: DevcontainerConfig) => void, options = {}): any {
  const project = bareProject();
  customize(new DevcontainerConfig(project, { name: 'bare', port: 8501, vscodeExtensions: ['ms-python.python'], ...options }));
  return Testing.synth(project)[FILE];
}

describe('project.devcontainer: extensions, Features, commands and ports from .projenrc.ts', () => {
  test('addExtensions appends after the option list, without repeats', () => {
    const config = alone((c) => c.addExtensions('ms-toolsai.jupyter', 'ms-python.python'));
    expect(config.customizations.vscode.extensions).toEqual(['ms-python.python', 'ms-toolsai.jupyter']);
  });

  test('addFeature adds a Feature with its options, OCI or local; adding it again replaces its options', () => {
    const config = alone((c) => {
      c.addFeature('ghcr.io/devcontainers/features/github-cli:1');
      c.addFeature('./hello', { greeting: 'hi', verbose: true });
      c.addFeature('./hello', { greeting: 'hello' });
    }, { features: { 'ghcr.io/devcontainers/features/node:1': { version: '20' } } });
    expect(config.features).toEqual({
      'ghcr.io/devcontainers/features/node:1': { version: '20' },
      'ghcr.io/devcontainers/features/github-cli:1': {},
      './hello': { greeting: 'hello' },
    });
  });

  test('no Features and no post-create commands: neither key is written', () => {
    const config = alone(() => {});
    expect(config).not.toHaveProperty('features');
    expect(config).not.toHaveProperty('postCreateCommand');
  });

  test("addPostCreateCommand writes the spec's object form: named commands, each an argument list without a shell", () => {
    const config = alone((c) => {
      c.addPostCreateCommand('pre-commit', 'pipenv', 'run', 'pre-commit', 'install');
      c.addPostCreateCommand('hello', 'echo', 'hello world');
    });
    expect(config.postCreateCommand).toEqual({ 'pre-commit': ['pipenv', 'run', 'pre-commit', 'install'], 'hello': ['echo', 'hello world'] });
    // the environment is still brought in line where the editor waits for it
    expect(config.updateContentCommand).toMatch(/; npm install --no-audit --no-fund && npx devstack-python-env match$/);
  });

  test('addForwardPort forwards another port after the app port, with its attributes', () => {
    const config = alone((c) => c.addForwardPort(5432, { label: 'Postgres', onAutoForward: PortAutoForward.SILENT }));
    expect(config.forwardPorts).toEqual([8501, 5432]);
    expect(config.portsAttributes).toEqual({
      8501: { label: 'Streamlit', onAutoForward: 'openBrowser' },
      5432: { label: 'Postgres', onAutoForward: 'silent' },
    });
  });

  test.each([
    ['an extension id without a publisher', (c: DevcontainerConfig) => c.addExtensions('jupyter'), /invalid argument of project\.devcontainer\.addExtensions\(\): "jupyter"\. Extension ids are "publisher\.name"/],
    ['a Feature outside .devcontainer/', (c: DevcontainerConfig) => c.addFeature('../features/x'), /invalid argument of project\.devcontainer\.addFeature\(\): "\.\.\/features\/x"\. A Feature is an OCI reference/],
    ['a Feature option that is a number', (c: DevcontainerConfig) => c.addFeature('./hello', { count: 3 }), /Feature options are ids of letters, digits and _, with a string or boolean value/],
    ['a command without a program', (c: DevcontainerConfig) => c.addPostCreateCommand('empty'), /The command is a program and its arguments/],
    ['a command name with a space', (c: DevcontainerConfig) => c.addPostCreateCommand('my step', 'true'), /The command needs a name/],
    ['the app port again', (c: DevcontainerConfig) => c.addForwardPort(8501), /Port 8501 is forwarded already/],
    ['a port beyond 65535', (c: DevcontainerConfig) => c.addForwardPort(70000), /It must be a whole number from 1 to 65535/],
    ['an onAutoForward VS Code does not know', (c: DevcontainerConfig) => c.addForwardPort(5432, { onAutoForward: 'popup' as PortAutoForward }), /It must be one of "notify", "openBrowser"/],
  ])('refuses %s, naming the method and the rule', (_what, call, message) => {
    expect(() => alone(call)).toThrow(message);
  });

  test('through the project type: project.devcontainer is there by default and undefined when devcontainer is false', () => {
    const files = synth({ devcontainerFeatures: { './hello': {} } }, undefined, (project) => project.devcontainer!.addExtensions('ms-toolsai.jupyter'));
    const config = parseJsonc(files[FILE]);
    expect(config.features).toEqual({ './hello': {} });
    expect(config.customizations.vscode.extensions).toContain('ms-toolsai.jupyter');
    synth({ devcontainer: false }, undefined, (project) => expect(project.devcontainer).toBeUndefined());
  });

  test('the devcontainerFeatures option is validated like the method, and refused with devcontainer: false', () => {
    expect(() => synth({ devcontainerFeatures: { 'not a feature': {} } })).toThrow(/invalid option "devcontainerFeatures": "not a feature"\. A Feature is an OCI reference/);
    expect(() => synth({ devcontainer: false, devcontainerFeatures: { './hello': {} } })).toThrow(/invalid option "devcontainerFeatures".*devcontainer: false turns off/);
  });
});

describe('the dev container component alone applies the options\' rules to its own options', () => {
  test.each([
    ['an extension id without a publisher', { vscodeExtensions: ['jupyter'] }, /invalid option "vscodeExtensions": "jupyter"/],
    ['a port below 1024', { port: 80 }, /invalid option "port": 80/],
    ['a Feature outside .devcontainer/', { features: { '../x': {} } }, /invalid option "devcontainerFeatures": "\.\.\/x"/],
  ])('refuses %s', (_what, options, message) => {
    expect(() => alone(() => {}, options)).toThrow(message);
  });
});
