import { ResolvedKubernetesOptions } from './kubernetes-options';
import { PortableYamlFile } from '../files/yaml-file';
import { LAYOUT } from '../layout';
import { Project } from '../projen-api';

/** The kustomize base's folder: `kubectl apply -k k8s`. */
export const K8S_DIR = LAYOUT.k8sDir;

/** The key of the cookie secret in its Secret. */
export const COOKIE_SECRET_KEY = 'cookie-secret';

/** The Secret holding the cookie secret, created in the cluster (`npx projen k8s:secret`), never in the repository. */
export function cookieSecretName(k8s: ResolvedKubernetesOptions): string {
  return `${k8s.appName}-cookie-secret`;
}

/** The labels of every object; the selector of the pods. */
export function appLabels(k8s: ResolvedKubernetesOptions): Record<string, string> {
  return { 'app.kubernetes.io/name': k8s.appName };
}

/** A manifest's metadata: the app's name and labels, and optional annotations. */
export function metadata(k8s: ResolvedKubernetesOptions, annotations?: Record<string, string>): Record<string, unknown> {
  return { name: k8s.appName, labels: appLabels(k8s), ...(annotations ? { annotations } : {}) };
}

/** One generated manifest in `k8s/`, listed by the kustomization. */
export class ManifestFile extends PortableYamlFile {
  constructor(project: Project, fileName: string, manifest: Record<string, unknown>) {
    super(project, `${K8S_DIR}/${fileName}`, { obj: manifest, marker: true });
  }
}
