import { k8sFiles, validateManifest } from './manifests';

/** The Service, the Ingress and the NetworkPolicy: how traffic reaches one replica and stays there. */
describe('k8s/service.yaml, k8s/ingress.yaml, k8s/network-policy.yaml', () => {
  test('each conforms to Kubernetes\' schema for its kind', () => {
    const files = k8sFiles({ kubernetesOptions: { ingressHost: 'dash.example.com' } });
    for (const name of ['service.yaml', 'ingress.yaml', 'network-policy.yaml']) validateManifest(files[name]);
  });

  test('the Service selects the Deployment\'s pods, on their named port, with client-IP affinity', () => {
    const files = k8sFiles();
    const service = files['service.yaml'];
    expect(service.spec.selector).toEqual(files['deployment.yaml'].spec.template.metadata.labels);
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(service.spec.sessionAffinity).toBe('ClientIP');
    expect(service.spec.sessionAffinityConfig.clientIP.timeoutSeconds).toBeGreaterThanOrEqual(3600);
  });

  test('the Ingress pins a browser with a cookie, keeps WebSockets open for an hour and accepts Streamlit\'s largest upload', () => {
    const files = k8sFiles();
    const ingress = files['ingress.yaml'];
    const annotations = ingress.metadata.annotations;
    expect(annotations['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
    expect(annotations['nginx.ingress.kubernetes.io/affinity-mode']).toBe('persistent');
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout'])).toBeGreaterThanOrEqual(3600);
    expect(annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('200m');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    const backend = ingress.spec.rules[0].http.paths[0].backend.service;
    expect(backend).toEqual({ name: files['service.yaml'].metadata.name, port: { name: files['service.yaml'].spec.ports[0].name } });
    expect(ingress.spec.rules[0].host).toBeUndefined();
  });

  test('ingressHost and ingressClassName reach the Ingress', () => {
    const ingress = k8sFiles({ kubernetesOptions: { ingressHost: 'dash.example.com', ingressClassName: 'internal' } })['ingress.yaml'];
    expect(ingress.spec.rules[0].host).toBe('dash.example.com');
    expect(ingress.spec.ingressClassName).toBe('internal');
  });

  test('the NetworkPolicy admits the app port only', () => {
    const files = k8sFiles({ port: 8600 });
    const policy = files['network-policy.yaml'];
    expect(policy.spec.podSelector.matchLabels).toEqual(files['deployment.yaml'].spec.template.metadata.labels);
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    expect(policy.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 8600 }] }]);
  });
});
