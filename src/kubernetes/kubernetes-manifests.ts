import { Component, Project, YamlFile } from '../projen-api';
import { KubernetesAutoscaler } from './autoscaler';
import { ContainerEnvironment, KubernetesDeployment } from './deployment';
import { KubernetesDisruptionBudget } from './disruption-budget';
import { KubernetesIngress } from './ingress';
import { checkEnvValue, checkEnvVarName, checkSecretKeyRef } from './kubernetes-input';
import { KubernetesManifestsOptions, resolveKubernetesManifestsOptions } from './kubernetes-options';
import { KubernetesTasks, KubernetesTaskSet } from './kubernetes-tasks';
import { Kustomization } from './kustomization';
import { KubernetesNetworkPolicy } from './network-policy';
import { KubernetesService } from './service';
import { STREAMLIT_SERVER } from '../streamlit/streamlit-server';

/**
 * The kustomize base in `k8s/` and the tasks that push the image and deploy it.
 * Each manifest is a projen `YamlFile` (`addOverride` works); the app container's
 * environment is extended with `addEnv` and `addEnvFromSecret`.
 */
export class KubernetesManifests extends Component {
  /** `k8s/deployment.yaml`. */
  public readonly deployment: YamlFile;
  /** `k8s/service.yaml`. */
  public readonly service: YamlFile;
  /** `k8s/ingress.yaml`. */
  public readonly ingress: YamlFile;
  /** `k8s/autoscaler.yaml`, the HorizontalPodAutoscaler. */
  public readonly autoscaler: YamlFile;
  /** `k8s/disruption-budget.yaml`, the PodDisruptionBudget. */
  public readonly disruptionBudget: YamlFile;
  /** `k8s/network-policy.yaml`. */
  public readonly networkPolicy: YamlFile;
  /** `k8s/kustomization.yaml`, which lists the others. */
  public readonly kustomization: YamlFile;
  /** `docker:push`, `k8s:secret`, `k8s:apply` and `k8s:delete`. */
  public readonly tasks: KubernetesTaskSet;
  private readonly environment: ContainerEnvironment = new Map();

  constructor(project: Project, options: KubernetesManifestsOptions) {
    super(project);
    const resolved = resolveKubernetesManifestsOptions(options);
    const k8s = resolved.kubernetesOptions;
    const app = { imageName: resolved.imageName, port: resolved.port, baseUrlPath: resolved.baseUrlPath };
    this.deployment = new KubernetesDeployment(project, app, k8s, this.environment);
    this.service = new KubernetesService(project, k8s);
    this.ingress = new KubernetesIngress(project, app.baseUrlPath, k8s);
    this.autoscaler = new KubernetesAutoscaler(project, k8s);
    this.disruptionBudget = new KubernetesDisruptionBudget(project, k8s);
    this.networkPolicy = new KubernetesNetworkPolicy(project, app.port, k8s);
    this.kustomization = new Kustomization(project, resolved.imageName, this.manifests);
    this.tasks = new KubernetesTasks(project, { imageName: resolved.imageName, containerEngine: resolved.containerEngine }, k8s).tasks;
  }

  /** The manifests the kustomization lists (every file but the kustomization). */
  public get manifests(): YamlFile[] {
    return [this.deployment, this.service, this.ingress, this.autoscaler, this.disruptionBudget, this.networkPolicy];
  }

  /** An environment variable of the app container, with a literal value; setting it again replaces it. */
  public addEnv(name: string, value: string): void {
    const method = 'project.kubernetes.addEnv()';
    const checked = checkEnvVarName(method, name, reservedNames());
    this.environment.set(checked, { value: checkEnvValue(method, value) });
  }

  /**
   * An environment variable of the app container read from a key of a Secret you create in
   * the cluster (never in the repository), such as an API key.
   */
  public addEnvFromSecret(name: string, secretName: string, key: string): void {
    const method = 'project.kubernetes.addEnvFromSecret()';
    const checked = checkEnvVarName(method, name, reservedNames());
    checkSecretKeyRef(method, secretName, key);
    this.environment.set(checked, { valueFrom: { secretKeyRef: { name: secretName, key } } });
  }
}

/** Variables the Deployment sets itself. */
function reservedNames(): string[] {
  return [STREAMLIT_SERVER.cookieSecretEnv];
}
