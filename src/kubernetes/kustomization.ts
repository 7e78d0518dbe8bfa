import { K8S_DIR } from './manifest-file';
import { splitImageName } from '../docker/image-reference';
import { PortableYamlFile } from '../files/yaml-file';
import { Project, YamlFile } from '../projen-api';

/**
 * `k8s/kustomization.yaml`: the base that `kubectl apply -k k8s` deploys and overlays
 * build on. Its `images` entry is where CI sets the tag
 * (`kustomize edit set image NAME=NAME:TAG`).
 */
export class Kustomization extends PortableYamlFile {
  constructor(project: Project, imageName: string, manifests: readonly YamlFile[]) {
    const { repository, tag } = splitImageName(imageName);
    super(project, `${K8S_DIR}/kustomization.yaml`, {
      marker: true,
      obj: {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: manifests.map((manifest) => manifest.path.slice(K8S_DIR.length + 1)),
        images: [{ name: repository, newTag: tag }],
      },
    });
  }
}
