import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { appLabels, ManifestFile, metadata } from './manifest-file';

/**
 * `k8s/network-policy.yaml`: the pods accept connections on the app port only.
 * Outgoing traffic is left open (apps call APIs and databases).
 */
export class KubernetesNetworkPolicy extends ManifestFile {
  constructor(project: Project, port: number, k8s: ResolvedKubernetesOptions) {
    super(project, 'network-policy.yaml', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(k8s),
      spec: {
        podSelector: { matchLabels: appLabels(k8s) },
        policyTypes: ['Ingress'],
        ingress: [{ ports: [{ protocol: 'TCP', port }] }],
      },
    });
  }
}
