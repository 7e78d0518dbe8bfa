import { readFileSync, writeFileSync } from 'fs';
import { connect } from 'net';
import { join } from 'path';
import { parse } from 'yaml';
import { ensureStandInBaseImage } from './harness/base-image';
import { Cluster, clusterFootprint, missingClusterPrerequisite, startCluster } from './harness/cluster';
import { CLUSTER_PORTS } from './harness/cluster-config';
import { firstRule, GUARD_CHAINS, guardCounters, POD_CIDR, SERVICE_CIDR } from './harness/cluster-network';
import { ENGINE_ENV, missingPrerequisite, podman } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, projenNewWithVendoredTarball, run, runOk, workDir } from './harness/generated-project';
import { ensurePipenv } from './harness/pipenv';
import { describeWhenAvailable } from './harness/prerequisites';
import { validateManifest } from '../kubernetes/manifests';

jest.setTimeout(30 * 60 * 1000);

const NAMESPACE = 'devstack-e2e';
const REPLICAS = 3;
const IMAGE_REPOSITORY = 'devstack-e2e/dash';
const IMAGE = `127.0.0.1:${CLUSTER_PORTS.registry}/${IMAGE_REPOSITORY}:1.0`;
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

/** Whether a TCP connection to `host:port` is refused by this machine at once (the guard's REJECT), and how fast. */
function connectOutcome(host: string, port: number): Promise<{ error: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 10_000 });
    socket.once('connect', () => (socket.destroy(), resolve({ error: 'connected', ms: Date.now() - started })));
    socket.once('timeout', () => (socket.destroy(), resolve({ error: 'timeout', ms: Date.now() - started })));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? String(error), ms: Date.now() - started }));
  });
}

describeWhenAvailable(
  'the generated k8s/ and the k8s tasks on a live Kubernetes v1.34 (etcd, kube-apiserver, controller-manager, scheduler, containerd, kubelet, kube-proxy)',
  {
    missing: [missingClusterPrerequisite(), missingPrerequisite()].filter(Boolean).join('; ') || undefined,
    kind: 'cluster tests',
    inCi: ' .ci/run (scripts/test-all.sh) runs as root and installs them.',
  },
  () => {
    let footprintBefore: Record<string, unknown>;
    let cluster: Cluster;
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let appName: string;
    const projen = (args: string[], cwd = dir) => run('npx', ['projen', ...args], cwd, env);
    const kubectl = (args: string[]) => cluster.kubectl(['--namespace', NAMESPACE, ...args]);
    const kubectlOk = (args: string[]) => cluster.kubectlOk(['--namespace', NAMESPACE, ...args]);
    const json = (args: string[]) => JSON.parse(kubectlOk([...args, '-o', 'json']).output);

    beforeAll(async () => {
      footprintBefore = clusterFootprint();
      cluster = await startCluster();
      ensureStandInBaseImage('3.11');
      dir = projenNewWithVendoredTarball(packThisPackage(), [
        '--python-version', '3.11', '--container-engine', 'podman', '--image-name', IMAGE, '--base-url-path', 'dash',
      ], workDir('devstack-cluster-app-')).dir;
      const rc = read(dir, '.projenrc.ts');
      const opening = 'const project = new PyStreamlitDevstackProject({';
      expect(rc).toContain(opening);
      writeFileSync(join(dir, '.projenrc.ts'), rc.replace(opening, `${opening}\n  kubernetesOptions: { minReplicas: ${REPLICAS} },`));
      const pipenv = ensurePipenv();
      env = cluster.env(ENGINE_ENV);
      env.PATH = `${pipenv}:${env.PATH}`;
      runOk('npx', ['projen'], dir, env);
      appName = parse(read(dir, 'k8s/deployment.yaml')).metadata.name;
      // a namespace as a cluster's admin would give the team: Pod Security "restricted" enforced
      cluster.kubectlOk(['create', 'namespace', NAMESPACE]);
      cluster.kubectlOk(['label', 'namespace', NAMESPACE, 'pod-security.kubernetes.io/enforce=restricted', 'pod-security.kubernetes.io/enforce-version=latest']);
      cluster.kubectlOk(['config', 'set-context', '--current', `--namespace=${NAMESPACE}`]);
    }, 60 * 60 * 1000);

    afterAll(async () => {
      await cluster?.stop();
      podman(['rmi', '--force', IMAGE]);
      cleanUpWorkDirs();
    });

    test('nothing leaves this machine: the guard is first in OUTPUT and FORWARD, and a request to an unused Service or pod address is refused here', async () => {
      expect(firstRule('OUTPUT')).toBe(`-A OUTPUT -j ${GUARD_CHAINS.OUTPUT}`);
      expect(firstRule('FORWARD')).toBe(`-A FORWARD -j ${GUARD_CHAINS.FORWARD}`);
      const before = guardCounters();
      // an unused Service address, and a pod-range address off the bridge's subnet: both would follow the default route out
      const unused = { [SERVICE_CIDR]: SERVICE_CIDR.replace(/0\.0\/\d+$/, '255.254'), [POD_CIDR]: POD_CIDR.replace(/0\.0\/\d+$/, '200.1') };
      for (const address of Object.values(unused)) {
        const outcome = await connectOutcome(address, 80);
        console.log(`connect ${address}:80 -> ${outcome.error} after ${outcome.ms} ms`);
        expect(outcome.error).toMatch(/^(EHOSTUNREACH|ECONNREFUSED|ENETUNREACH|EACCES)$/);
      }
      const after = guardCounters();
      for (const range of Object.keys(unused)) {
        const rule = [...after.keys()].find((line) => line.startsWith(`-A ${GUARD_CHAINS.OUTPUT} `) && line.includes(` -d ${range} `))!;
        expect(rule).toBeDefined();
        expect(after.get(rule)! - (before.get(rule) ?? 0)).toBeGreaterThan(0);
      }
    });

    test('the k8s:* preflight against the real server: no cluster, then no Secret, each named with its fix; nothing is applied', () => {
      const noCluster = join(workDir('devstack-no-cluster-'), 'kubeconfig');
      writeFileSync(noCluster, JSON.stringify({
        'apiVersion': 'v1',
        'kind': 'Config',
        'current-context': 'gone',
        'clusters': [{ name: 'gone', cluster: { server: 'https://127.0.0.1:9' } }],
        'contexts': [{ name: 'gone', context: { cluster: 'gone', user: 'nobody' } }],
        'users': [{ name: 'nobody', user: {} }],
      }));
      const unreachable = run('npx', ['projen', 'k8s:apply'], dir, { ...env, KUBECONFIG: noCluster });
      expect(unreachable.status).not.toBe(0);
      expect(unreachable.output).toMatch(/kubectl cannot read Secrets in the current context \(.*127\.0\.0\.1:9.*\): check kubectl config current-context/);

      const noSecret = projen(['k8s:apply']);
      expect(noSecret.status).not.toBe(0);
      expect(noSecret.output).toContain(`the Secret ${appName}-cookie-secret (Streamlit's cookie secret, shared by every replica) does not exist in this namespace: run npx projen k8s:secret once, then run this task again.`);
      expect(kubectlOk(['get', 'deployments,services', '-o', 'name']).output.trim()).toBe('');
    });

    test('an image name without a registry path is refused by docker:push before anything is pushed', () => {
      const bare = projenNew(packThisPackage(), ['--image-name', 'dash:1.0', '--container-engine', 'podman']).dir;
      const refused = run('npx', ['projen', 'docker:push'], bare, env);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toMatch(/the image dash:1\.0 names no registry, so a push would go to Docker Hub's official library: set imageName/);
    });

    test('k8s:secret creates the shared cookie Secret once and keeps it on a second run; another kubectl failure keeps kubectl\'s reason', () => {
      const created = projen(['k8s:secret']);
      expect(created.status).toBe(0);
      const secret = json(['get', 'secret', `${appName}-cookie-secret`]);
      const value = Buffer.from(Object.values(secret.data as Record<string, string>)[0], 'base64').toString();
      expect(value).toMatch(/^[0-9a-f]{64}$/);
      const again = projen(['k8s:secret']);
      expect(again.status).toBe(0);
      expect(again.output).toContain(`the Secret ${appName}-cookie-secret already exists and is kept`);
      expect(Buffer.from(Object.values(json(['get', 'secret', `${appName}-cookie-secret`]).data as Record<string, string>)[0], 'base64').toString()).toBe(value);
      const elsewhere = projen(['k8s:secret', '--', '--namespace', 'no-such-namespace']);
      expect(elsewhere.status).not.toBe(0);
      expect(elsewhere.output).toMatch(/kubectl could not create the Secret .*: .*namespaces "no-such-namespace" not found/);
    });

    test('docker:build and docker:push put the image in the registry the cluster pulls from', async () => {
      runOk('npx', ['projen', 'docker:build'], dir, env);
      const pushed = projen(['docker:push']);
      expect(pushed.status).toBe(0);
      expect(await cluster.registry.tags(IMAGE_REPOSITORY)).toEqual(['1.0']);
    });

    test(`k8s:apply: the rollout completes with ${REPLICAS} replicas Ready under Pod Security "restricted", the kubelet pulling the pushed image and running every probe`, async () => {
      const applied = projen(['k8s:apply']);
      expect(applied.status).toBe(0);
      const started = Date.now();
      await waitFor(`${REPLICAS} ready replicas`, () => (json(['get', 'deployment', appName]).status.readyReplicas ?? 0) >= REPLICAS, 10 * 60_000);
      kubectlOk(['rollout', 'status', `deployment/${appName}`, '--timeout=300s']);
      console.log(`rollout to ${REPLICAS} Ready replicas: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const memory = cluster.memoryMib();
      console.log(`cluster daemons' memory with ${REPLICAS} replicas (RSS, MiB): ${JSON.stringify(memory)}, in all ${Object.values(memory).reduce((a, b) => a + b, 0).toFixed(0)}`);
      const pods = json(['get', 'pods', '-l', `app.kubernetes.io/name=${appName}`]).items;
      expect(pods).toHaveLength(REPLICAS);
      for (const pod of pods) {
        const status = pod.status.containerStatuses[0];
        expect(status.ready).toBe(true);
        expect(status.started).toBe(true);
        expect(status.image).toBe(IMAGE);
        expect(status.imageID).toMatch(new RegExp(`^127\\.0\\.0\\.1:${CLUSTER_PORTS.registry}/${IMAGE_REPOSITORY}@sha256:[0-9a-f]{64}$`));
      }
      const pulls = json(['get', 'events', '--field-selector', 'reason=Pulled']).items.map((e: { message: string }) => e.message);
      expect(pulls.some((message: string) => message.includes(IMAGE))).toBe(true);
      // the kubelet's own probe counters: every pod's startup, readiness and liveness probes succeeded
      await waitFor('a successful liveness probe of every pod', () => {
        const metrics = cluster.kubectlOk(['get', '--raw', `/api/v1/nodes/${cluster.nodeName}/proxy/metrics/probes`]).output;
        return pods.every((pod: { metadata: { name: string } }) => ['Startup', 'Readiness', 'Liveness'].every((type) =>
          new RegExp(`prober_probe_total\\{[^}]*pod="${pod.metadata.name}"[^}]*probe_type="${type}"[^}]*result="successful"[^}]*\\} [1-9]`).test(metrics)));
      }, 3 * 60_000);
    });

    test('Pod Security "restricted" is really enforced in the namespace (negative control: a root pod is refused)', () => {
      const refused = kubectl(['run', 'root-pod', '--image', IMAGE, '--restart=Never', '--overrides', JSON.stringify({ spec: { securityContext: { runAsUser: 0 } } })]);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toMatch(/violates PodSecurity "restricted:latest"/);
    });

    test('server-side apply with strict field validation accepts every manifest; the HPA, PDB and NetworkPolicy are stored as written', () => {
      kubectlOk(['apply', '--server-side', '--validate=strict', '--field-manager=devstack-e2e', '--force-conflicts', '-k', 'k8s']);
      for (const [file, kind] of [['k8s/autoscaler.yaml', 'horizontalpodautoscaler'], ['k8s/disruption-budget.yaml', 'poddisruptionbudget'], ['k8s/network-policy.yaml', 'networkpolicy']]) {
        const written = parse(read(dir, file));
        const stored = json(['get', kind, written.metadata.name]);
        expect(stored.spec).toMatchObject(written.spec);
      }
    });

    test('a misspelt field added through addOverride is refused by the server, the field named (the local schemas accept it)', () => {
      const rc = read(dir, '.projenrc.ts');
      writeFileSync(join(dir, '.projenrc.ts'), rc.replace('project.synth();', 'project.kubernetes?.deployment.addOverride("spec.template.spec.containers.0.imagePullPolcy", "Always");\nproject.synth();'));
      try {
        runOk('npx', ['projen'], dir, env);
        const misspelt = parse(read(dir, 'k8s/deployment.yaml'));
        expect(misspelt.spec.template.spec.containers[0].imagePullPolcy).toBe('Always');
        expect(() => validateManifest(misspelt)).not.toThrow();
        const refused = projen(['k8s:apply']);
        expect(refused.status).not.toBe(0);
        expect(refused.output).toMatch(/unknown field "spec\.template\.spec\.containers\[0\]\.imagePullPolcy"/);
      } finally {
        writeFileSync(join(dir, '.projenrc.ts'), rc);
        runOk('npx', ['projen'], dir, env);
      }
      expect(json(['get', 'deployment', appName]).spec.template.spec.containers[0]).not.toHaveProperty('imagePullPolcy');
    });

    test('k8s:delete removes everything k8s:apply made and keeps the Secret; the cluster\'s host footprint is gone after it stops', async () => {
      const deleted = projen(['k8s:delete']);
      expect(deleted.status).toBe(0);
      await waitFor('the pods to be gone', () => kubectlOk(['get', 'pods', '-o', 'name']).output.trim() === '', 3 * 60_000);
      expect(kubectlOk(['get', 'deployments,replicasets,services,ingresses,horizontalpodautoscalers,poddisruptionbudgets,networkpolicies', '-o', 'name']).output.trim()).toBe('');
      expect(kubectlOk(['get', 'secrets', '-o', 'name']).output.trim()).toBe(`secret/${appName}-cookie-secret`);
      await cluster.stop();
      expect(clusterFootprint()).toEqual(footprintBefore);
    });

  },
);

async function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
