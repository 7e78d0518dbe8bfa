import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
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

  test('brings the baked environment in line with the lock in updateContentCommand (which the editor waits for and prebuilds cache), after the toolchain it needs', () => {
    const c = config();
    // in sequence: a fresh workspace's toolchain seeded from the image, then npm adds what differs
    // (and skips an up-to-date one), then this package's bin from that toolchain brings the environment in
    // line with the lock as test and dev do: nothing runs while the image's stamp names the lock
    expect(c.updateContentCommand).toBe('[ -e node_modules ] || [ ! -d /opt/devstack-toolchain/node_modules ] || cp -R /opt/devstack-toolchain/node_modules node_modules; npm install --no-audit --no-fund && npx devstack-python-env match');
    expect(c).not.toHaveProperty('postCreateCommand');
    // the environment is the image's, outside the workspace: nothing in the workspace says where
    expect(c).not.toHaveProperty('containerEnv');
    expect(c.customizations.vscode.settings['python.defaultInterpreterPath']).toBe('/opt/venv/bin/python');
  });

  test('the seed, run by a real shell: a workspace without node_modules gets the image\'s copy; one with its own, or an image without a toolchain, is left alone', () => {
    const seed = (config().updateContentCommand as string).split('; npm install')[0];
    const image = tempDir();
    const run = (workspace: string, baked: string) => execFileSync('sh', ['-c', seed.split('/opt/devstack-toolchain').join(baked)], { cwd: workspace });
    mkdirSync(join(image, 'node_modules/projen'), { recursive: true });
    writeFileSync(join(image, 'node_modules/projen/package.json'), '{"name":"projen"}');
    const fresh = tempDir();
    run(fresh, image);
    expect(readFileSync(join(fresh, 'node_modules/projen/package.json'), 'utf-8')).toBe('{"name":"projen"}');
    const own = tempDir();
    mkdirSync(join(own, 'node_modules'));
    run(own, image);
    expect(readdirSync(join(own, 'node_modules'))).toEqual([]);
    const noToolchain = tempDir();
    run(noToolchain, join(tempDir(), 'absent'));
    expect(existsSync(join(noToolchain, 'node_modules'))).toBe(false);
  });

  test('keeps npm\'s and uv\'s download caches in volumes, so a rebuilt container or another project reuses them', () => {
    expect(config().mounts).toEqual([
      { source: 'devstack-npm-cache', target: '/home/vscode/.npm', type: 'volume' },
      { source: 'devstack-uv-cache', target: '/home/vscode/.cache/uv', type: 'volume' },
    ]);
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
