import { Testing } from 'projen/lib/testing';
import { parse } from 'yaml';
import { validateManifest } from './manifests';
import { KubernetesManifests } from '../../src';
import { bareProject, synth } from '../util';

/** The Kubernetes component alone, on a bare projen project. */
function alone(customize: (k8s: KubernetesManifests) => void): Record<string, any> {
  const project = bareProject();
  customize(new KubernetesManifests(project, { appSlug: 'dash', imageName: 'ghcr.io/acme/dash:1.0.0', port: 8501 }));
  return Testing.synth(project);
}

const container = (files: Record<string, any>) => parse(files['k8s/deployment.yaml']).spec.template.spec.containers[0];

describe('project.kubernetes: the manifests from .projenrc.ts', () => {
  test('works alone on a bare projen Project: the kustomize base lists every manifest, and the tasks exist', () => {
    const project = bareProject();
    const k8s = new KubernetesManifests(project, { appSlug: 'dash', imageName: 'ghcr.io/acme/dash:1.0.0', port: 8501 });
    const files = Testing.synth(project);
    expect(parse(files['k8s/kustomization.yaml']).resources).toEqual(k8s.manifests.map((file) => file.path.replace('k8s/', '')));
    expect([k8s.tasks.push.name, k8s.tasks.createSecret.name, k8s.tasks.apply.name, k8s.tasks.remove.name]).toEqual(['docker:push', 'k8s:secret', 'k8s:apply', 'k8s:delete']);
  });

  test('addEnv and addEnvFromSecret add variables after the cookie secret, sorted by name; the Deployment stays valid', () => {
    const files = alone((k8s) => {
      k8s.addEnv('LOG_LEVEL', 'info');
      k8s.addEnvFromSecret('API_KEY', 'dash-api-keys', 'openai');
    });
    expect(container(files).env).toEqual([
      { name: 'STREAMLIT_SERVER_COOKIE_SECRET', valueFrom: { secretKeyRef: { name: 'dash-cookie-secret', key: 'cookie-secret' } } },
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'dash-api-keys', key: 'openai' } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(() => validateManifest(parse(files['k8s/deployment.yaml']))).not.toThrow();
  });

  test('a manifest is a projen YamlFile: addOverride changes it', () => {
    const files = alone((k8s) => k8s.ingress.addOverride('metadata.annotations.cert-manager\\.io/cluster-issuer', 'letsencrypt'));
    expect(parse(files['k8s/ingress.yaml']).metadata.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt');
  });

  test.each([
    ['the cookie secret variable', (k8s: KubernetesManifests) => k8s.addEnv('STREAMLIT_SERVER_COOKIE_SECRET', 'x'), /The Deployment sets STREAMLIT_SERVER_COOKIE_SECRET itself/],
    ['a variable name with a dash', (k8s: KubernetesManifests) => k8s.addEnv('LOG-LEVEL', 'x'), /invalid argument of project\.kubernetes\.addEnv\(\): "LOG-LEVEL"/],
    ['a value over two lines', (k8s: KubernetesManifests) => k8s.addEnv('LOG_LEVEL', 'info\ndebug'), /invalid argument of project\.kubernetes\.addEnv\(\): "info\\ndebug"\. The value must be a one-line string/],
    ['a Secret name with capitals', (k8s: KubernetesManifests) => k8s.addEnvFromSecret('API_KEY', 'Dash', 'k'), /A Secret name is lower-case letters/],
    ['a Secret key with a slash', (k8s: KubernetesManifests) => k8s.addEnvFromSecret('API_KEY', 'dash-keys', 'a/b'), /A Secret key is letters, digits and - \. _/],
  ])('refuses %s, naming the method and the rule', (_what, call, message) => {
    expect(() => alone(call)).toThrow(message);
  });

  test('through the project type: project.kubernetes is undefined when kubernetes is false', () => {
    synth({ kubernetes: false }, undefined, (project) => expect(project.kubernetes).toBeUndefined());
    const files = synth({}, undefined, (project) => project.kubernetes!.addEnv('LOG_LEVEL', 'debug'));
    expect(parse(files['k8s/deployment.yaml']).spec.template.spec.containers[0].env.at(-1)).toEqual({ name: 'LOG_LEVEL', value: 'debug' });
  });
});
