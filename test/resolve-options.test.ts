import { bareProject, errorOf, tempDir } from './util';
import { Dockerfile, Pipfile } from '../src';
import * as devcontainerInput from '../src/devcontainer/devcontainer-input';
import { resolveDevcontainerOptions } from '../src/devcontainer/devcontainer-options';
import { resolveDockerfileOptions } from '../src/docker/dockerfile-options';
import * as imageReference from '../src/docker/image-reference';
import { resolveKubernetesManifestsOptions } from '../src/kubernetes/kubernetes-options';
import * as pep440 from '../src/pipenv/pep440';
import { resolvePipfileOptions } from '../src/pipenv/pipfile-options';
import { PyStreamlitDevstackProject } from '../src/project';
import { resolveDevstackOptions } from '../src/resolve-options';

afterEach(() => jest.restoreAllMocks());

describe('each component resolves its options once', () => {
  const resolved = resolveDevstackOptions({ name: 'demo', packages: { pandas: '>=2' }, aptPackages: ['libgomp1'] }, []);

  test.each([
    ['Dockerfile', () => resolveDockerfileOptions(resolved.dockerfile), resolved.dockerfile],
    ['Pipfile', () => resolvePipfileOptions(resolved.pipfile), resolved.pipfile],
    ['dev container', () => resolveDevcontainerOptions(resolved.devcontainerOptions), resolved.devcontainerOptions],
    ['Kubernetes', () => resolveKubernetesManifestsOptions(resolved.kubernetes!), resolved.kubernetes],
  ])('the %s resolver hands back a result of its own as it is (frozen)', (_component, again, first) => {
    expect(again()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  test('a project checks each option once: the components take the resolved options without checking them again', () => {
    const baseImage = jest.spyOn(imageReference, 'checkBaseImage');
    const packages = jest.spyOn(pep440, 'checkPythonPackages');
    const extensions = jest.spyOn(devcontainerInput, 'checkVscodeExtensions');
    new PyStreamlitDevstackProject({ name: 'demo', outdir: tempDir() });
    expect(baseImage).toHaveBeenCalledTimes(1);
    expect(packages.mock.calls.map(([option]) => option)).toEqual(['packages', 'devPackages']);
    expect(extensions).toHaveBeenCalledTimes(1);
  });

  test('a component used alone checks what it is given, with the same rules and messages', () => {
    const dockerfile = errorOf(() => new Dockerfile(bareProject(), { baseImage: 'Python:3.12', port: 8501, appEntrypoint: 'app/main.py', pipenvVersion: '2026.10.3' }));
    const project = errorOf(() => resolveDevstackOptions({ name: 'demo', baseImage: 'Python:3.12' }, []));
    expect(dockerfile.message).toBe(project.message);
    expect(dockerfile.message).toMatch(/invalid option "baseImage": "Python:3.12"\. It must be an OCI image reference/);
    expect(errorOf(() => new Pipfile(bareProject(), { pythonVersion: '3.12', packages: { 'bad name': '*' } })).message).toMatch(/invalid option "packages": "bad name"/);
  });

  test('a result that was changed after resolving is a new value: it is checked', () => {
    const changed = { ...resolved.dockerfile, port: 80 };
    expect(errorOf(() => resolveDockerfileOptions(changed)).message).toMatch(/Ports below 1024/);
  });
});
