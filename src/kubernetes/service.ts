import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { appLabels, ManifestFile, metadata } from './manifest-file';

/** How long a client keeps its replica without a request: Streamlit's sessions live as long as a tab is open. */
export const CLIENT_IP_AFFINITY_SECONDS = 3 * 60 * 60;

/**
 * `k8s/service.yaml`: port 80 to the pods' `http` port, with client-IP session
 * affinity, so that traffic that bypasses the Ingress still reaches one replica.
 */
export class KubernetesService extends ManifestFile {
  constructor(project: Project, k8s: ResolvedKubernetesOptions) {
    super(project, 'service.yaml', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: metadata(k8s),
      spec: {
        type: 'ClusterIP',
        selector: appLabels(k8s),
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: CLIENT_IP_AFFINITY_SECONDS } },
      },
    });
  }
}
