import { parseJsonc, synth, tempDir } from '../util';

const config = (options = {}) => parseJsonc(synth(options)['.devcontainer/devcontainer.json']);

describe('.devcontainer/devcontainer.json', () => {
  test('builds the development target of the root Dockerfile with the repository as context', () => {
    expect(config().build).toEqual({ dockerfile: '../Dockerfile', context: '..', target: 'development' });
  });

  test("mounts the workspace where the Dockerfile works and uses the development stage's user", () => {
    const c = config();
    expect(c.workspaceFolder).toBe('/workspace');
    expect(c.workspaceMount).toBe('source=${localWorkspaceFolder},target=/workspace,type=bind');
    expect(c.remoteUser).toBe('vscode');
  });

  test('forwards and labels the configured port', () => {
    const c = config({ port: 8765 });
    expect(c.forwardPorts).toEqual([8765]);
    expect(c.portsAttributes['8765'].label).toBe('Streamlit');
  });

  test('creates the Pipenv environment in the workspace in updateContentCommand, which the editor waits for and prebuilds cache', () => {
    const c = config();
    expect(c.updateContentCommand).toEqual({ pipenv: ['pipenv', 'install', '--dev'], npm: ['npm', 'install', '--no-audit', '--no-fund'] });
    expect(c).not.toHaveProperty('postCreateCommand');
    expect(c.containerEnv.PIPENV_VENV_IN_PROJECT).toBe('1');
    expect(c.customizations.vscode.settings['python.defaultInterpreterPath']).toBe('/workspace/.venv/bin/python');
  });

  test('installs the configured VS Code extensions, with Python defaults', () => {
    expect(config().customizations.vscode.extensions).toEqual(['ms-python.python', 'ms-python.vscode-pylance', 'charliermarsh.ruff']);
    expect(config({ vscodeExtensions: ['ms-toolsai.jupyter'] }).customizations.vscode.extensions).toEqual(['ms-toolsai.jupyter']);
  });

  test('is not generated when devcontainer is off, and a stale one is deleted', () => {
    const dir = tempDir();
    expect(synth({}, dir)).toHaveProperty(['.devcontainer/devcontainer.json']);
    expect(synth({ devcontainer: false }, dir)).not.toHaveProperty(['.devcontainer/devcontainer.json']);
  });
});
