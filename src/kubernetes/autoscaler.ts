import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { ManifestFile, metadata } from './manifest-file';

/**
 * `k8s/autoscaler.yaml`: an autoscaling/v2 HorizontalPodAutoscaler that owns the
 * Deployment's replica count. It scales down one pod at a time, slowly: a removed pod
 * ends the sessions it held.
 */
export class KubernetesAutoscaler extends ManifestFile {
  constructor(project: Project, k8s: ResolvedKubernetesOptions) {
    super(project, 'autoscaler.yaml', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: metadata(k8s),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: k8s.appName },
        minReplicas: k8s.minReplicas,
        maxReplicas: k8s.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: k8s.targetCpuUtilization } } }],
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 300 }] },
        },
      },
    });
  }
}
