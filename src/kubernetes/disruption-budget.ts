import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { appLabels, ManifestFile, metadata } from './manifest-file';

/** `k8s/disruption-budget.yaml`: a node drain takes at most one replica at a time. */
export class KubernetesDisruptionBudget extends ManifestFile {
  constructor(project: Project, k8s: ResolvedKubernetesOptions) {
    super(project, 'disruption-budget.yaml', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: metadata(k8s),
      spec: { maxUnavailable: 1, selector: { matchLabels: appLabels(k8s) } },
    });
  }
}
