import { Project } from '../projen-api';
import { ResolvedKubernetesOptions } from './kubernetes-options';
import { appLabels, COOKIE_SECRET_KEY, cookieSecretName, ManifestFile, metadata } from './manifest-file';
import { LAYOUT } from '../layout';
import { servedPath, STREAMLIT_SERVER } from '../streamlit/streamlit-server';

/** The only path Streamlit writes at run time (Python's temporary files); the root filesystem is read-only. */
const WRITABLE_TMP = '/tmp';
/**
 * How long a terminating pod keeps serving before it gets SIGTERM: the time for every node's
 * kube-proxy (or the Ingress controller) to stop sending it new connections. Without it, a live
 * cluster's Service refused about 0.8 s of connections at each pod a rolling update replaced.
 */
export const PRE_STOP_SECONDS = 5;
/** The image stops in under 5 s on SIGTERM (exec-form entrypoint; tested); this leaves margin after the pre-stop wait. */
const GRACE_PERIOD_SECONDS = 15;

/**
 * `k8s/deployment.yaml`: the app's pods under Pod Security Standards "restricted",
 * probes on Streamlit's health endpoint, a rolling update that keeps full capacity,
 * spread over nodes. It sets no replica count: the HorizontalPodAutoscaler owns it.
 */
export class KubernetesDeployment extends ManifestFile {
  constructor(project: Project, app: DeployedApp, k8s: ResolvedKubernetesOptions, environment: ContainerEnvironment) {
    super(project, 'deployment.yaml', deployment(app, k8s, environment));
  }
}

/** What the Deployment runs: the image, its port and base path. */
export interface DeployedApp {
  readonly imageName: string;
  readonly port: number;
  readonly baseUrlPath: string;
}

/** The app container's added variables by name: a literal value or a reference (`valueFrom`). */
export type ContainerEnvironment = Map<string, { value: string } | { valueFrom: Record<string, unknown> }>;

function deployment(s: DeployedApp, k8s: ResolvedKubernetesOptions, environment: ContainerEnvironment): Record<string, unknown> {
  const uid = LAYOUT.appUser.uid;
  const labels = appLabels(k8s);
  const health = { httpGet: { path: servedPath(s.baseUrlPath, STREAMLIT_SERVER.healthPath), port: 'http' } };
  const serving = { httpGet: { path: servedPath(s.baseUrlPath, STREAMLIT_SERVER.livenessPath), port: 'http' } };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(k8s),
    spec: {
      selector: { matchLabels: labels },
      revisionHistoryLimit: 5,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: GRACE_PERIOD_SECONDS,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: uid,
            runAsGroup: uid,
            fsGroup: uid,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
          ],
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: labels } } },
              ],
            },
          },
          containers: [
            {
              name: 'app',
              image: s.imageName,
              imagePullPolicy: 'Always',
              ports: [{ name: 'http', containerPort: s.port, protocol: 'TCP' }],
              // the stack's variable first, then the added ones by name: rendered at synth
              env: () => [
                {
                  name: STREAMLIT_SERVER.cookieSecretEnv,
                  valueFrom: { secretKeyRef: { name: cookieSecretName(k8s), key: COOKIE_SECRET_KEY } },
                },
                ...[...environment.entries()].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([name, source]) => ({ name, ...source })),
              ],
              resources: {
                requests: { 'cpu': k8s.cpuRequest, 'memory': k8s.memoryRequest, 'ephemeral-storage': '64Mi' },
                limits: { 'cpu': k8s.cpuLimit, 'memory': k8s.memoryLimit, 'ephemeral-storage': '1Gi' },
              },
              // the first run imports the app's libraries: allow up to 2 minutes before liveness counts
              startupProbe: { ...health, periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 60 },
              readinessProbe: { ...health, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
              // restart only a server that has stopped answering HTTP for a minute; readiness reacts sooner
              livenessProbe: { ...serving, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
              // Kubernetes' own sleep (1.30 and later): the image needs no sleep binary
              lifecycle: { preStop: { sleep: { seconds: PRE_STOP_SECONDS } } },
              securityContext: {
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                runAsUser: uid,
                runAsGroup: uid,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: WRITABLE_TMP }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
  };
}
