import { spawn, spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { get } from 'http';
import { connect } from 'net';
import { join } from 'path';
import { parse } from 'yaml';
import { ensureStandInBaseImage } from './harness/base-image';
import { launchChromium, openApp, SIGNAL_TIMEOUT_MS, STREAM_PATH } from './harness/browser';
import { cleanUpAfterKilledRun, Cluster, clusterFootprint, missingClusterPrerequisite, startCluster } from './harness/cluster';
import { CLUSTER_PORTS } from './harness/cluster-config';
import { firstRule, GUARD_HOOKS, guardCounters, POD_CIDR, SERVICE_CIDR } from './harness/cluster-network';
import { ENGINE_ENV, missingPrerequisite, podman } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, projenNewWithVendoredTarball, REPO_ROOT, run, runOk, workDir } from './harness/generated-project';
import { ensurePipenv } from './harness/pipenv';
import { describeWhenAvailable } from './harness/prerequisites';
import { recordStreamOutages, rerunWithSlider, upload, uploadShown } from './harness/streamlit-page';
import { validateManifest } from '../kubernetes/manifests';

jest.setTimeout(30 * 60 * 1000);

const NAMESPACE = 'devstack-e2e';
const REPLICAS = 3;
const IMAGE_REPOSITORY = 'devstack-e2e/dash';
const IMAGE = `127.0.0.1:${CLUSTER_PORTS.registry}/${IMAGE_REPOSITORY}:1.0`;
/** The tag a rolling update moves to. */
const IMAGE_V2 = `127.0.0.1:${CLUSTER_PORTS.registry}/${IMAGE_REPOSITORY}:1.1`;
const ARTIFACTS = join(REPO_ROOT, 'test-reports', 'e2e');
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

/** How a TCP connection to `host:port` ends (an error code, 'connected' or 'timeout'), and after how long. */
function connectOutcome(host: string, port: number, timeoutMs = 10_000): Promise<{ error: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
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
      // a killed earlier run is cleaned up first, so that what this run leaves is compared with a clean host
      await cleanUpAfterKilledRun();
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
      podman(['rmi', '--force', IMAGE, IMAGE_V2]);
      cleanUpWorkDirs();
    });

    test('nothing leaves this machine: the guard is first where it hooks in; an unused Service or pod address is refused here, and a Service whose endpoint lies outside is dropped', async () => {
      for (const hook of GUARD_HOOKS) expect(firstRule(hook)).toBe(`-A ${hook.builtIn} -j ${hook.chain}`);
      const stopped = (before: Map<string, number>, chain: string, match: string) => {
        const after = guardCounters();
        const rule = [...after.keys()].find((line) => line.startsWith(`-A ${chain} `) && line.includes(match));
        if (!rule) throw new Error(`no rule of ${chain} matches ${match}: ${[...after.keys()].join('; ')}`);
        return after.get(rule)! - (before.get(rule) ?? 0);
      };
      // an unused Service address, and a pod-range address off the bridge's subnet: both would follow the default route out
      const unused = { [SERVICE_CIDR]: SERVICE_CIDR.replace(/0\.0\/\d+$/, '255.254'), [POD_CIDR]: POD_CIDR.replace(/0\.0\/\d+$/, '200.1') };
      for (const [range, address] of Object.entries(unused)) {
        const before = guardCounters();
        const outcome = await connectOutcome(address, 80);
        console.log(`connect ${address}:80 -> ${outcome.error} after ${outcome.ms} ms`);
        expect(outcome.error).toBe('EHOSTUNREACH');
        expect(stopped(before, 'DEVSTACK-GUARD-OUT', ` -d ${range} `)).toBeGreaterThan(0);
      }
      // a Service whose endpoint kube-proxy would send off this machine: its translated packets are dropped where they would leave
      const outside = POD_CIDR.replace(/0\.0\/\d+$/, '200.2');
      const file = join(workDir('devstack-outside-'), 'outside.json');
      writeFileSync(file, JSON.stringify({
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'outside', namespace: 'default' }, spec: { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] } },
          {
            apiVersion: 'discovery.k8s.io/v1',
            kind: 'EndpointSlice',
            metadata: { name: 'outside-1', namespace: 'default', labels: { 'kubernetes.io/service-name': 'outside' } },
            addressType: 'IPv4',
            ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
            endpoints: [{ addresses: [outside], conditions: { ready: true } }],
          },
        ],
      }));
      cluster.kubectlOk(['apply', '-f', file]);
      try {
        const address = cluster.kubectlOk(['get', 'service', 'outside', '--namespace', 'default', '-o', 'jsonpath={.spec.clusterIP}']).output.trim();
        await waitFor('kube-proxy to translate the Service', () => runOk('iptables', ['-w', '5', '-t', 'nat', '-S'], REPO_ROOT).output.includes(`--to-destination ${outside}:80`), 60_000);
        const before = guardCounters();
        const outcome = await connectOutcome(address, 80, 3_000);
        console.log(`connect ${address}:80 (endpoint ${outside}) -> ${outcome.error} after ${outcome.ms} ms`);
        expect(outcome.error).toBe('timeout');
        expect(stopped(before, 'DEVSTACK-GUARD-POST', ` -d ${POD_CIDR} `)).toBeGreaterThan(0);
      } finally {
        cluster.kubectlOk(['delete', '-f', file]);
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
        // a token, so that kubectl does not prompt for a user name and password
        'users': [{ name: 'nobody', user: { token: 'not-a-token' } }],
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

    test('k8s:secret creates the shared cookie Secret once (its value never on a command line) and keeps it on a second run; another kubectl failure keeps kubectl\'s reason', () => {
      // the real kubectl, behind a wrapper that only writes down its arguments
      const watched = workDir('devstack-kubectl-args-');
      const argsFile = join(watched, 'args');
      writeFileSync(join(watched, 'kubectl'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${argsFile}\nexec ${join(cluster.binDir, 'kubectl')} "$@"\n`, { mode: 0o755 });
      const created = run('npx', ['projen', 'k8s:secret'], dir, { ...env, PATH: `${watched}:${env.PATH}` });
      expect(created.status).toBe(0);
      const secret = json(['get', 'secret', `${appName}-cookie-secret`]);
      const value = Buffer.from(Object.values(secret.data as Record<string, string>)[0], 'base64').toString();
      expect(value).toMatch(/^[0-9a-f]{64}$/);
      const calls = readFileSync(argsFile, 'utf-8');
      const create = calls.split('\n').find((line) => line.startsWith('create secret generic'))!;
      expect(create).toMatch(new RegExp(`^create secret generic ${appName}-cookie-secret --from-file=cookie-secret=/\\S+/cookie-secret$`));
      expect(calls).not.toContain(value);
      // the file that held the value is gone once kubectl has read it
      expect(existsSync(create.split('=').pop()!)).toBe(false);
      const again = projen(['k8s:secret']);
      expect(again.status).toBe(0);
      expect(again.output).toContain(`the Secret ${appName}-cookie-secret already exists and is kept`);
      expect(Buffer.from(Object.values(json(['get', 'secret', `${appName}-cookie-secret`]).data as Record<string, string>)[0], 'base64').toString()).toBe(value);
      const elsewhere = projen(['k8s:secret', '--namespace', 'no-such-namespace']);
      expect(elsewhere.output).toMatch(/kubectl could not create the Secret .*: .*namespaces "no-such-namespace" not found/);
      expect(elsewhere.status).not.toBe(0);
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
      kubectlOk(['apply', '--server-side', '--validate=strict', '--field-manager=devstack-e2e', '--force-conflicts', '-k', join(dir, 'k8s')]);
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

    /** The Service's address, as a browser on this machine reaches it (kube-proxy balances it). */
    const serviceAddress = () => json(['get', 'service', appName]).spec.clusterIP as string;
    const appLogs = () => kubectl(['logs', '-l', `app.kubernetes.io/name=${appName}`, '--prefix', '--tail=40']).output;

    /** An upload's answer, and whether the browser held only its WebSocket to the Service when it began (so the upload took a new connection). */
    interface UploadAnswer {
      readonly status: number;
      readonly body: string;
      readonly newConnection: boolean;
    }

    /** Uploads and reruns in one browser session through the Service; stops at the first refused upload. */
    async function uploadsThroughService(address: string, tries: number, screenshot: string): Promise<UploadAnswer[]> {
      const answers: UploadAnswer[] = [];
      await openApp(`http://${address}/dash/`, {
        texts: ['Showing 100 points.'],
        screenshotPath: join(ARTIFACTS, screenshot),
        serverLog: appLogs,
        interact: async (page) => {
          for (let i = 1; i <= tries; i++) {
            // a new connection for the upload, so that kube-proxy chooses a pod for it afresh
            const newConnection = await onlyTheStreamOpen(address);
            const answer = { ...(await upload(page, `upload-${i}.bin`)), newConnection };
            answers.push(answer);
            if (answer.status >= 300) break;
            await uploadShown(page, `upload-${i}.bin`);
            await rerunWithSlider(page, 100 + 10 * i);
            await uploadShown(page, `upload-${i}.bin`);
          }
        },
      });
      return answers;
    }

    /** kube-proxy's NAT rules for the Service that keep a client on its pod (iptables' `recent` match). */
    const affinityRules = () => runOk('iptables', ['-w', '5', '-t', 'nat', '-S'], dir).output.split('\n')
      .filter((line) => line.includes(`${NAMESPACE}/${appName}`) && line.includes('-m recent'));

    test(`${REPLICAS} replicas through the Service (kube-proxy, ClientIP affinity): a browser's uploads and reruns all succeed, each upload on a new connection`, async () => {
      expect(json(['get', 'deployment', appName]).status.readyReplicas).toBe(REPLICAS);
      expect(affinityRules().length).toBeGreaterThan(0);
      const answers = await uploadsThroughService(serviceAddress(), 4, 'cluster-service-affinity.png');
      console.log(`through the Service with ClientIP affinity: upload answers ${JSON.stringify(answers.map((a) => [a.status, a.newConnection ? 'new connection' : 'maybe reused']))}`);
      expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204, 204]);
      expect(answers.filter((answer) => answer.newConnection).length).toBeGreaterThanOrEqual(2);
    });

    test('negative control: the same Service without affinity: an upload on a new connection meets Streamlit\'s "Invalid session_id"', async () => {
      kubectlOk(['patch', 'service', appName, '--type', 'merge', '--patch', JSON.stringify({ spec: { sessionAffinity: 'None', sessionAffinityConfig: null } })]);
      try {
        await waitFor('kube-proxy to drop the affinity rules', () => affinityRules().length === 0, 2 * 60_000);
        // an upload on a new connection reaches the session's pod with a chance of 1 in 3: twelve all succeed with a chance of 1 in 531441
        const answers = await uploadsThroughService(serviceAddress(), 12, 'cluster-service-no-affinity.png');
        console.log(`through the Service without affinity: upload answers ${JSON.stringify(answers)}`);
        const refused = answers.filter((answer) => answer.status >= 300);
        expect(refused).toHaveLength(1);
        expect(refused[0].newConnection).toBe(true);
        expect(refused[0].status).toBe(400);
        expect(refused[0].body).toMatch(/Invalid session_id/i);
      } finally {
        expect(projen(['k8s:apply']).status).toBe(0);
        await waitFor('kube-proxy to restore the affinity rules', () => affinityRules().length > 0, 2 * 60_000);
      }
    });

    const readyReplicas = () => json(['get', 'deployment', appName]).status.readyReplicas ?? 0;

    test('a rolling update to a new image tag (the user\'s path) with browser sessions open: the Service answers every health check, every pod runs the new tag, and each open session reconnects to a new pod and reruns there', async () => {
      const address = serviceAddress();
      const oldPods = new Set(json(['get', 'pods', '-l', `app.kubernetes.io/name=${appName}`]).items.map((pod: { metadata: { name: string } }) => pod.metadata.name));
      const browser = await launchChromium();
      try {
        const sessions = await Promise.all([1, 2].map(async () => {
          const page = await browser.newPage();
          const outages = recordStreamOutages(page, STREAM_PATH);
          await page.goto(`http://${address}/dash/`, { waitUntil: 'domcontentloaded', timeout: SIGNAL_TIMEOUT_MS });
          await page.getByText('Showing 100 points.', { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
          // a widget value of the session's own, which the browser keeps across servers
          await rerunWithSlider(page, 110);
          return { page, outages };
        }));

        const health = pollHealth(`http://${address}/dash/_stcore/health`);
        let rolloutSeconds = 0;
        try {
          const rc = read(dir, '.projenrc.ts');
          writeFileSync(join(dir, '.projenrc.ts'), rc.replace(`imageName: "${IMAGE}"`, `imageName: "${IMAGE_V2}"`));
          expect(read(dir, '.projenrc.ts')).toContain(IMAGE_V2);
          // without blocking this process, so that the health checks and the browser's events go on meanwhile
          const step = async (command: string, args: string[]) => {
            const outcome = await spawnAsync(command, args, env, dir).result;
            if (outcome.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${outcome.status}:\n${outcome.output}`);
          };
          for (const task of [['projen'], ['projen', 'docker:build'], ['projen', 'docker:push'], ['projen', 'k8s:apply']]) await step('npx', task);
          const started = Date.now();
          await step(join(cluster.binDir, 'kubectl'), ['--namespace', NAMESPACE, 'rollout', 'status', `deployment/${appName}`, '--timeout=300s']);
          rolloutSeconds = (Date.now() - started) / 1000;
        } finally {
          const answers = await health.stop();
          const failed = answers.filter((answer) => answer.outcome !== '200');
          console.log(`rolling update to ${IMAGE_V2}: ${rolloutSeconds.toFixed(1)} s; ${answers.length} health checks through the Service, ${failed.length} failed ${JSON.stringify(failed.slice(0, 5))}`);
          expect(answers.length).toBeGreaterThan(20);
          expect(failed).toEqual([]);
        }
        // `rollout status` returns once the new pods are Ready; the last old one is still in its pre-stop wait
        const appPods = () => json(['get', 'pods', '-l', `app.kubernetes.io/name=${appName}`]).items;
        await waitFor('the old pods to be gone', () => appPods().every((pod: { metadata: { name: string } }) => !oldPods.has(pod.metadata.name)), 2 * 60_000);
        const pods = appPods();
        const images = pods.map((pod: { spec: { containers: Array<{ image: string }> } }) => pod.spec.containers[0].image);
        expect(images).toEqual(Array(REPLICAS).fill(IMAGE_V2));
        expect(pods.filter((pod: { metadata: { name: string } }) => oldPods.has(pod.metadata.name))).toEqual([]);

        // Each open session lost its server when its pod stopped (uvicorn closes the stream with 1012)
        // and took a new one: a new stream, then a rerun there with the slider value the browser kept.
        await waitFor('every open session to open a new stream after its last one closed',
          () => sessions.every(({ outages }) => outages.length > 0 && outages.every((outage) => outage.reopenedAt !== undefined)), SIGNAL_TIMEOUT_MS);
        for (const { page } of sessions) await rerunWithSlider(page, 120);
        const gaps = sessions.map(({ outages }) => outages.map((outage) => (outage.reopenedAt! - outage.closedAt) / 1000));
        console.log(`open sessions during the rollout: seconds without a server, each time a session's pod stopped: ${JSON.stringify(gaps.map((g) => g.map((s) => +s.toFixed(2))))}; longest ${Math.max(...gaps.flat()).toFixed(2)} s; each session then reran on a new pod`);
        for (const sessionGaps of gaps) expect(sessionGaps.length).toBeGreaterThan(0);
      } finally {
        await browser.close();
      }
    });

    test('kubectl drain honours the PodDisruptionBudget: one pod at a time, never fewer than replicas - maxUnavailable Ready', async () => {
      const budget = parse(read(dir, 'k8s/disruption-budget.yaml')).spec.maxUnavailable;
      const drain = spawnAsync(join(cluster.binDir, 'kubectl'), ['drain', cluster.nodeName, '--pod-selector', `app.kubernetes.io/name=${appName}`,
        '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=45s'], { ...env });
      let fewest = REPLICAS;
      while (drain.running()) {
        fewest = Math.min(fewest, readyReplicas());
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      try {
        const outcome = await drain.result;
        console.log(`drain: exit ${outcome.status}, fewest Ready ${fewest}; ${outcome.output.split('\n').filter((l) => /evict/i.test(l)).slice(0, 3).join(' | ')}`);
        expect(outcome.status).not.toBe(0);
        expect(outcome.output).toMatch(/Cannot evict pod as it would violate the pod's disruption budget/);
        expect(outcome.output).toMatch(/evicted/);
        expect(fewest).toBe(REPLICAS - budget);
      } finally {
        cluster.kubectlOk(['uncordon', cluster.nodeName]);
      }
      await waitFor(`${REPLICAS} Ready replicas again`, () => readyReplicas() === REPLICAS, 5 * 60_000);
    });

    test('scaling with the HPA present: up to 5 (within its bounds) holds; below its minimum, the HPA brings the Deployment back', async () => {
      const autoscaler = parse(read(dir, 'k8s/autoscaler.yaml')).spec;
      expect(autoscaler.minReplicas).toBe(REPLICAS);
      kubectlOk(['scale', `deployment/${appName}`, '--replicas=5']);
      await waitFor('5 Ready replicas', () => readyReplicas() === 5, 5 * 60_000);
      kubectlOk(['scale', `deployment/${appName}`, '--replicas=1']);
      await waitFor(`the HPA to restore ${REPLICAS} replicas`, () => json(['get', 'deployment', appName]).spec.replicas === REPLICAS && readyReplicas() === REPLICAS, 5 * 60_000);
      const events = json(['get', 'events', '--field-selector', `involvedObject.kind=HorizontalPodAutoscaler,involvedObject.name=${appName}`]).items;
      expect(events.map((e: { message: string }) => e.message).join('\n')).toMatch(/New size: 3; reason: Current number of replicas below Spec.MinReplicas/);
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

/** Asks `url` over a new connection, one request after another, until stopped: the status of each, or its error. */
function pollHealth(url: string): { stop(): Promise<Array<{ at: number; outcome: string }>> } {
  const answers: Array<{ at: number; outcome: string }> = [];
  let running = true;
  const ask = () => new Promise<string>((resolve) => {
    const request = get(url, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(String(response.statusCode));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  const loop = (async () => {
    while (running) {
      const outcome = await ask();
      answers.push({ at: Date.now(), outcome });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return { stop: async () => ((running = false), await loop, answers) };
}

/** A command run without blocking the test's event loop, so the test can watch the cluster meanwhile. */
interface Background {
  readonly result: Promise<{ status: number; output: string }>;
  running(): boolean;
}

function spawnAsync(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Background {
  const child = spawn(command, args, { env, cwd });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let done = false;
  const result = new Promise<{ status: number; output: string }>((resolve) => child.on('close', (code) => ((done = true), resolve({ status: code ?? -1, output }))));
  return { result, running: () => !done };
}

/** Established TCP connections from this machine to `address:80` (what the browser holds open to the Service). */
function connectionsTo(address: string): number {
  const listed = spawnSync('ss', ['-Htn', 'state', 'established', 'dst', `${address}:80`], { encoding: 'utf-8' }).stdout ?? '';
  return listed.split('\n').filter(Boolean).length;
}

/**
 * Waits until the browser holds only its WebSocket to the Service (Streamlit's server, uvicorn,
 * closes an idle keep-alive connection after 5 s, so the next request opens a new one), at most
 * 20 s: whether it came. (Chromium sometimes keeps a second connection open longer.)
 */
async function onlyTheStreamOpen(address: string): Promise<boolean> {
  const deadline = Date.now() + 20_000;
  while (connectionsTo(address) > 1) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return true;
}

async function waitFor(what: string, ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
