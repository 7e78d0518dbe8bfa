import { k8sFiles, validateManifest } from './manifests';

/** The HorizontalPodAutoscaler and the PodDisruptionBudget: how many replicas, and how they go away. */
describe('k8s/autoscaler.yaml, k8s/disruption-budget.yaml', () => {
  test('each conforms to Kubernetes\' schema for its kind', () => {
    const files = k8sFiles({ kubernetesOptions: { minReplicas: 3, maxReplicas: 10 } });
    validateManifest(files['autoscaler.yaml']);
    validateManifest(files['disruption-budget.yaml']);
  });

  test('the autoscaler targets the Deployment with the replica range and CPU target of the options', () => {
    const files = k8sFiles({ kubernetesOptions: { minReplicas: 3, maxReplicas: 10, targetCpuUtilization: 60 } });
    const hpa = files['autoscaler.yaml'];
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: files['deployment.yaml'].metadata.name });
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 10]);
    expect(hpa.spec.metrics[0].resource).toEqual({ name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } });
    // removing a pod ends its sessions: one at a time, after ten quiet minutes
    expect(hpa.spec.behavior.scaleDown.policies).toEqual([{ type: 'Pods', value: 1, periodSeconds: 300 }]);
  });

  test('defaults: two to six replicas at 70 % CPU', () => {
    const hpa = k8sFiles()['autoscaler.yaml'];
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization]).toEqual([2, 6, 70]);
  });

  test('a drain takes one replica at a time', () => {
    const files = k8sFiles();
    expect(files['disruption-budget.yaml'].spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: files['deployment.yaml'].spec.template.metadata.labels } });
  });
});
