import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { ManifestFile, metadata } from './manifest-file';
import { STREAMLIT_SERVER } from '../streamlit/streamlit-server';

/** The cookie that pins a browser to its replica (Streamlit keeps each session in one server process). */
export const AFFINITY_COOKIE = 'streamlit-replica';
/** A WebSocket stays open for the whole session; proxies' 60 s defaults would cut idle ones. */
export const WEBSOCKET_TIMEOUT_SECONDS = 3600;

/**
 * ingress-nginx's settings for Streamlit: cookie affinity, long WebSocket timeouts,
 * and request bodies as large as Streamlit's upload limit.
 */
export function ingressNginxAnnotations(): Record<string, string> {
  const prefix = 'nginx.ingress.kubernetes.io';
  return {
    [`${prefix}/affinity`]: 'cookie',
    // a browser keeps its replica even when replicas are added
    [`${prefix}/affinity-mode`]: 'persistent',
    [`${prefix}/session-cookie-name`]: AFFINITY_COOKIE,
    [`${prefix}/session-cookie-samesite`]: 'Lax',
    [`${prefix}/session-cookie-path`]: '/',
    [`${prefix}/proxy-read-timeout`]: String(WEBSOCKET_TIMEOUT_SECONDS),
    [`${prefix}/proxy-send-timeout`]: String(WEBSOCKET_TIMEOUT_SECONDS),
    [`${prefix}/proxy-body-size`]: `${STREAMLIT_SERVER.maxUploadMegabytes}m`,
  };
}

/** `k8s/ingress.yaml`: the app behind the ingress controller, every path to the Service. */
export class KubernetesIngress extends ManifestFile {
  constructor(project: Project, baseUrlPath: string, k8s: ResolvedKubernetesOptions) {
    // Streamlit serves everything under its base URL path, so that path is the whole route
    const paths = [{ path: `/${baseUrlPath}`, pathType: 'Prefix', backend: { service: { name: k8s.appName, port: { name: 'http' } } } }];
    super(project, 'ingress.yaml', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: metadata(k8s, ingressNginxAnnotations()),
      spec: {
        ingressClassName: k8s.ingressClassName,
        rules: [{ ...(k8s.ingressHost ? { host: k8s.ingressHost } : {}), http: { paths } }],
      },
    });
  }
}
