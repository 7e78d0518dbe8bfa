import { Component, Project } from 'projen';
import { KubernetesAutoscaler } from './autoscaler';
import { KubernetesDeployment } from './deployment';
import { KubernetesDisruptionBudget } from './disruption-budget';
import { KubernetesIngress } from './ingress';
import { KubernetesSettings } from './kubernetes-settings';
import { KubernetesTasks } from './kubernetes-tasks';
import { Kustomization } from './kustomization';
import { ManifestFile } from './manifest-file';
import { KubernetesNetworkPolicy } from './network-policy';
import { KubernetesService } from './service';
import { DevstackSettings } from '../settings';

/** The kustomize base in `k8s/` and the tasks that push the image and deploy it. */
export class KubernetesManifests extends Component {
  /** The manifests the kustomization lists (every file but the kustomization). */
  public readonly manifests: readonly ManifestFile[];

  constructor(project: Project, settings: DevstackSettings, k8s: KubernetesSettings) {
    super(project);
    const manifests = [
      new KubernetesDeployment(project, settings, k8s),
      new KubernetesService(project, k8s),
      new KubernetesIngress(project, settings.baseUrlPath, k8s),
      new KubernetesAutoscaler(project, k8s),
      new KubernetesDisruptionBudget(project, k8s),
      new KubernetesNetworkPolicy(project, settings.port, k8s),
    ];
    this.manifests = manifests;
    new Kustomization(project, settings.imageName, manifests);
    new KubernetesTasks(project, settings, k8s);
  }
}
