import { Project, YamlFile } from 'projen';
import { K8S_DIR, ManifestFile } from './manifest-file';
import { splitImageName } from '../docker/image-reference';

/**
 * `k8s/kustomization.yaml`: the base that `kubectl apply -k k8s` deploys and overlays
 * build on. Its `images` entry is where CI sets the tag
 * (`kustomize edit set image NAME=NAME:TAG`).
 */
export class Kustomization extends YamlFile {
  constructor(project: Project, imageName: string, manifests: readonly ManifestFile[]) {
    const { repository, tag } = splitImageName(imageName);
    super(project, `${K8S_DIR}/kustomization.yaml`, {
      marker: true,
      obj: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: manifests.map((manifest) => manifest.fileName),
        images: [{ name: repository, newTag: tag }],
      },
    });
  }
}
