import { createHash } from 'crypto';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { devcontainer, devcontainerCommand, removeDevContainer } from './harness/devcontainer-cli';
import { describeWithContainers, engineEnv } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, PROJEN_VERSION, run, runOk, treeHashes, userEnv, workDir } from './harness/generated-project';
import { LocalRegistry, startLocalRegistry } from './harness/local-registry';

jest.setTimeout(20 * 60 * 1000);

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

/**
 * The user's exact command, by name: `npx projen new --from py-streamlit-devstack`, with
 * this package served by a registry on 127.0.0.1 as npm would serve it after a release.
 */
describe('npx projen new --from py-streamlit-devstack (by name, from a registry)', () => {
  let registry: LocalRegistry;
  let dir: string;
  let version: string;
  let tarball: string;
  const registryEnv = () => userEnv({ npm_config_registry: registry.url });

  beforeAll(async () => {
    tarball = packThisPackage();
    version = JSON.parse(read(join(__dirname, '..', '..'), 'package.json')).version;
    registry = await startLocalRegistry(tarball);
    dir = workDir('devstack-by-name-');
    runOk('npx', [`projen@${PROJEN_VERSION}`, 'new', '--from', 'py-streamlit-devstack', '--no-git'], dir, registryEnv());
  });

  afterAll(async () => {
    removeDevContainer(dir);
    registry.close();
    cleanUpWorkDirs();
  });

  test('the package came from the registry by name, everything else through it from the usual registry', () => {
    const served = registry.requests().filter((r) => r.answer === 'served').map((r) => r.path);
    expect(served).toContain('/py-streamlit-devstack');
    // npm resolved the name here and installed exactly the packed tarball (it may take the bytes
    // from its cache, which is addressed by this same integrity)
    const locked = JSON.parse(read(dir, 'package-lock.json')).packages['node_modules/py-streamlit-devstack'];
    expect(locked.integrity).toBe(`sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`);
    expect(locked.version).toBe(version);
    expect(registry.requests().some((r) => r.answer === 'redirected' && r.path.startsWith('/projen'))).toBe(true);
    expect(JSON.parse(read(dir, 'node_modules/py-streamlit-devstack/package.json')).version).toBe(version);
  });

  test('the project records a version range for py-streamlit-devstack, never a path, and imports it by name', () => {
    const devDependencies = JSON.parse(read(dir, 'package.json')).devDependencies;
    expect(devDependencies['py-streamlit-devstack']).toBe(`^${version}`);
    expect(JSON.stringify(devDependencies)).not.toMatch(/file:|\.tgz|\//);
    expect(read(dir, '.projenrc.ts')).toMatch(/^import \{ ContainerEngine, PyStreamlitDevstackProject \} from "py-streamlit-devstack";/m);
    for (const path of ['Dockerfile', 'Pipfile', '.devcontainer/devcontainer.json', 'k8s/kustomization.yaml', 'app/main.py']) {
      expect(() => read(dir, path)).not.toThrow();
    }
  });

  test('npx projen again changes nothing', () => {
    const before = treeHashes(dir);
    runOk('npx', ['projen'], dir, registryEnv());
    expect(treeHashes(dir)).toEqual(before);
  });

  describeWithContainers('in the dev container', () => {
    test('npm install (from an empty node_modules) and npx projen work there', () => {
      // the workspace belongs to the host user (uid 1000 on a usual single-user Linux machine)
      runOk('chown', ['-R', '1000:1000', dir], '/');
      const up = devcontainer('up', dir);
      expect(up.output).toMatch(/"outcome":"success"/);
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
      const before = treeHashes(dir);
      const inContainer = (command: string[]) =>
        run(...devcontainerCommand('exec', dir, ['--remote-env', `npm_config_registry=${registry.url}`, ...command]), dir, engineEnv());
      const install = inContainer(['npm', 'install', '--no-audit', '--no-fund']);
      expect(install.status).toBe(0);
      expect(JSON.parse(read(dir, 'node_modules/py-streamlit-devstack/package.json')).version).toBe(version);
      const synth = inContainer(['npx', 'projen']);
      expect(synth.status).toBe(0);
      const after = treeHashes(dir);
      // npm may write its lock file; every other file is as it was
      delete before['package-lock.json'];
      delete after['package-lock.json'];
      expect(after).toEqual(before);
    });
  });
});
