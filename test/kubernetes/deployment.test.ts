import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';
import { k8sFiles, validateManifest } from './manifests';
import { PRE_STOP_SECONDS } from '../../src/kubernetes/deployment';
import { synth, tasksOf } from '../util';

const podSpec = (options = {}) => k8sFiles(options)['deployment.yaml'].spec.template.spec;
const container = (options = {}) => podSpec(options).containers[0];

describe('k8s/deployment.yaml', () => {
  test('conforms to Kubernetes\' Deployment schema, with and without options', () => {
    validateManifest(k8sFiles()['deployment.yaml']);
    validateManifest(k8sFiles({ port: 8600, kubernetesOptions: { cpuLimit: '2', memoryLimit: '3Gi' } })['deployment.yaml']);
  });

  test('a value the schema refuses is caught (negative control of the validator)', () => {
    const deployment = k8sFiles()['deployment.yaml'];
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    expect(() => validateManifest(deployment)).toThrow(/containerPort must be integer/);
  });

  test('runs the image docker:build tags, on the port and as the numeric user of the Dockerfile\'s app stage', () => {
    const files = synth({ port: 8600, imageName: 'ghcr.io/acme/dash:2.1' });
    const deployment = parse(files['k8s/deployment.yaml']);
    const app = deployment.spec.template.spec.containers[0];
    expect(tasksOf(files)['docker:build'].steps.at(-1).execArgs).toContain(app.image);
    expect(app.image).toBe('ghcr.io/acme/dash:2.1');
    expect(app.ports).toEqual([{ name: 'http', containerPort: 8600, protocol: 'TCP' }]);

    const instructions = DockerfileParser.parse(files.Dockerfile).getInstructions();
    const appStage = instructions.slice(instructions.findIndex((i) => i.getTextContent() === 'FROM base AS app'));
    const [uid, gid] = appStage.find((i) => i.getKeyword() === 'USER')!.getArgumentsContent()!.split(':').map(Number);
    const pod = deployment.spec.template.spec;
    expect([pod.securityContext.runAsUser, pod.securityContext.runAsGroup]).toEqual([uid, gid]);
    expect([app.securityContext.runAsUser, app.securityContext.runAsGroup]).toEqual([uid, gid]);
    expect(appStage.find((i) => i.getKeyword() === 'EXPOSE')!.getArgumentsContent()).toBe('8600');
  });

  test('meets Pod Security Standards "restricted", with /tmp the only writable path', () => {
    const pod = podSpec();
    const app = pod.containers[0];
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(app.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(app.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
    expect(pod.hostNetwork ?? pod.hostPID ?? pod.hostIPC).toBeUndefined();
  });

  test('probes: readiness and startup on the health endpoint, liveness on the server answering at all', () => {
    const app = container({ port: 8600 });
    expect(app.readinessProbe.httpGet).toEqual({ path: '/_stcore/health', port: 'http' });
    expect(app.startupProbe.httpGet).toEqual({ path: '/_stcore/health', port: 'http' });
    expect(app.livenessProbe.httpGet).toEqual({ path: '/_stcore/host-config', port: 'http' });
    // a slow first import gets two minutes before liveness starts counting
    expect(app.startupProbe.periodSeconds * app.startupProbe.failureThreshold).toBe(120);
  });

  test('the cookie secret comes from the Secret that k8s:secret creates, never from a value', () => {
    const files = synth();
    const app = parse(files['k8s/deployment.yaml']).spec.template.spec.containers[0];
    const env = app.env.find((e: any) => e.name === 'STREAMLIT_SERVER_COOKIE_SECRET');
    expect(env.value).toBeUndefined();
    const created = tasksOf(files)['k8s:secret'].steps.at(-1).execArgs;
    expect(created).toEqual(['devstack-cookie-secret', env.valueFrom.secretKeyRef.name, env.valueFrom.secretKeyRef.key]);
  });

  test('the HorizontalPodAutoscaler owns the replica count; updates keep full capacity; pods spread over nodes', () => {
    const deployment = k8sFiles()['deployment.yaml'];
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(deployment.spec.template.spec.topologySpreadConstraints[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(10);
  });

  test('a terminating pod keeps serving for the pre-stop wait (no image binary needed), and still stops within its grace period', () => {
    const spec = podSpec();
    expect(spec.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: PRE_STOP_SECONDS } } });
    // the wait, then the image's under-5-s stop on SIGTERM, fit in the grace period
    expect(PRE_STOP_SECONDS + 5).toBeLessThan(spec.terminationGracePeriodSeconds);
  });

  test('resources follow kubernetesOptions', () => {
    const app = container({ kubernetesOptions: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '1Gi', memoryLimit: '2Gi' } });
    expect(app.resources.requests).toMatchObject({ cpu: '500m', memory: '1Gi' });
    expect(app.resources.limits).toMatchObject({ cpu: '2', memory: '2Gi' });
  });
});
