import { mkdirSync, readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { k8sFiles } from './manifests';
import { PyStreamlitDevstackProject } from '../../src';
import { synth, tasksOf, tempDir } from '../util';

describe('k8s/kustomization.yaml', () => {
  test('lists every other generated manifest, and sets the image tag where CI can change it', () => {
    const files = k8sFiles({ imageName: 'registry.example.com:5000/team/dash:1.4' });
    const kustomization = files['kustomization.yaml'];
    expect(kustomization.kind).toBe('Kustomization');
    expect([...kustomization.resources].sort()).toEqual(Object.keys(files).filter((name) => name !== 'kustomization.yaml').sort());
    expect(kustomization.images).toEqual([{ name: 'registry.example.com:5000/team/dash', newTag: '1.4' }]);
  });

  test('every manifest carries the same name and labels', () => {
    const files = k8sFiles({ name: 'Sales Dashboard' });
    for (const [name, manifest] of Object.entries(files)) {
      if (name === 'kustomization.yaml') continue;
      expect(manifest.metadata).toMatchObject({ name: 'sales-dashboard', labels: { 'app.kubernetes.io/name': 'sales-dashboard' } });
    }
  });

  test('kubernetes: false removes k8s/ and the k8s tasks on the next synth', () => {
    const outdir = tempDir();
    const first = synth({}, outdir);
    expect(Object.keys(first).filter((path) => path.startsWith('k8s/'))).toHaveLength(7);
    const second = synth({ kubernetes: false }, outdir);
    expect(Object.keys(second).filter((path) => path.startsWith('k8s/'))).toEqual([]);
    // projen removes the files it wrote and leaves the (now empty) folder
    expect(readdirSync(join(outdir, 'k8s'))).toEqual([]);
    expect(Object.keys(tasksOf(second)).filter((name) => name.startsWith('k8s:') || name === 'docker:push')).toEqual([]);
    expect(tasksOf(second)['docker:build']).toBeDefined();
  });

  test('the user\'s overlays beside the base survive every synth, and kubernetes: false', () => {
    const outdir = tempDir();
    synth({}, outdir);
    const overlay = 'resources:\n  - ../../\nreplicas: []\n';
    mkdirSync(join(outdir, 'k8s', 'overlays', 'prod'), { recursive: true });
    writeFileSync(join(outdir, 'k8s', 'overlays', 'prod', 'kustomization.yaml'), overlay);
    for (const options of [{ port: 9000 }, { kubernetes: false }, {}]) {
      expect(synth(options, outdir)['k8s/overlays/prod/kustomization.yaml']).toBe(overlay);
    }
  });

  test('a re-synth with the same options changes nothing', () => {
    const outdir = tempDir();
    const first = synth({ kubernetesOptions: { minReplicas: 3 } }, outdir);
    expect(synth({ kubernetesOptions: { minReplicas: 3 } }, outdir)).toEqual(first);
  });

  test('the project exposes nothing of Kubernetes it does not generate', () => {
    const project = new PyStreamlitDevstackProject({ name: 'x', outdir: join(tempDir(), 'x'), kubernetes: false });
    expect(project.tryFindFile('k8s/kustomization.yaml')).toBeUndefined();
  });
});
