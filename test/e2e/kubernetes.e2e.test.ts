import { spawnSync } from 'child_process';
import { cpSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { openApp, SIGNAL_TIMEOUT_MS, STREAM_PATH } from './harness/browser';
import { missingPrerequisite, podman, podmanOk } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, REPO_ROOT, run, runOk, workDir } from './harness/generated-project';
import { ensureGoTool, missingGo } from './harness/go-tools';
import { haproxyConfig, ingressProxySettings, Replica, RunningProxy, startHaproxy } from './harness/load-balancer';
import { describeWhenAvailable } from './harness/prerequisites';
import { buildLockedAppImage, startReplicas } from './harness/replicas';
import { recordUploads, rerunWithSlider, upload, UPLOAD_BYTES } from './harness/streamlit-page';
import { STREAMLIT_SERVER } from '../../src/streamlit/streamlit-server';
import { parseManifests, validateManifest } from '../kubernetes/manifests';

jest.setTimeout(30 * 60 * 1000);

const ARTIFACTS = join(REPO_ROOT, 'test-reports', 'e2e');
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

describeWhenAvailable(
  'the generated k8s/ base, checked by kustomize, Kubernetes\' schemas and kube-score',
  { missing: missingGo(), kind: 'Kubernetes checker tests', inCi: ' The CI machine has Go; install it.' },
  () => {
    let dir: string;
    let kustomize: string;
    let kubeScore: string;
    let built: string;

    beforeAll(() => {
      kustomize = ensureGoTool('kustomize');
      kubeScore = ensureGoTool('kube-score');
      dir = projenNew(packThisPackage(), ['--image-name', 'ghcr.io/acme/devstack-e2e:1.0']).dir;
      built = runOk(kustomize, ['build', 'k8s'], dir).output;
    });
    afterAll(() => cleanUpWorkDirs());

    test('kustomize build k8s succeeds, and every object conforms to Kubernetes\' schema for its kind', () => {
      const objects = parseManifests(built);
      expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service']);
      for (const object of objects) validateManifest(object);
      const deployment = objects.find((o) => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/devstack-e2e:1.0');
    });

    test('kube-score finds nothing CRITICAL (negative control: the same manifests with a classic mistake)', () => {
      const file = join(workDir('devstack-score-'), 'built.yaml');
      writeFileSync(file, built);
      const score = run(kubeScore, ['score', '--output-format', 'ci', file], dir);
      console.log(`kube-score on kustomize build k8s:\n${score.output.split('\n').filter((line) => !line.startsWith('[OK]')).join('\n')}`);
      expect(score.output).not.toMatch(/\[CRITICAL\]/);
      expect(score.output.match(/^\[OK\]/gm)!.length).toBeGreaterThan(30);
      expect(score.status).toBe(0);

      // the same objects with identical liveness and readiness probes and no limits: kube-score must object
      const broken = parseManifests(built).map((object) => {
        if (object.kind !== 'Deployment') return object;
        const app = object.spec.template.spec.containers[0];
        app.livenessProbe = app.readinessProbe;
        delete app.resources.limits;
        return object;
      });
      writeFileSync(file, broken.map((object) => stringify(object)).join('---\n'));
      const control = run(kubeScore, ['score', '--output-format', 'ci', file], dir);
      expect(control.output).toMatch(/\[CRITICAL\] .*Deployment: Container has the same readiness and liveness probe/);
      expect(control.output).toMatch(/\[CRITICAL\] .*Deployment: .*(limit|Limit)/);
      expect(control.status).not.toBe(0);
    });

    test('CI sets the deployed tag with kustomize edit set image, in a copy of the base (an overlay\'s way)', () => {
      const copy = join(workDir('devstack-overlay-'), 'k8s');
      cpSync(join(dir, 'k8s'), copy, { recursive: true });
      runOk(kustomize, ['edit', 'set', 'image', 'ghcr.io/acme/devstack-e2e=ghcr.io/acme/devstack-e2e:3f2c1d9'], copy);
      const deployment = parseManifests(runOk(kustomize, ['build', copy], dir).output).find((o) => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].image).toBe('ghcr.io/acme/devstack-e2e:3f2c1d9');
    });
  },
);

const missingHaproxy = spawnSync('haproxy', ['-v']).status === 0 ? undefined : 'haproxy (apt-get install haproxy)';

describeWhenAvailable('the generated Deployment and several replicas, run for real (podman kube play, HAProxy, chromium)', {
  missing: [missingPrerequisite(), missingHaproxy].filter(Boolean).join('; ') || undefined,
  kind: 'container tests',
  inCi: ' .ci/run (scripts/test-all.sh) must install them.',
}, () => {
  const containers = new Set<string>();
  const proxies: RunningProxy[] = [];
  let dir: string;
  let image: string;
  /** Where the app and its health endpoint are, as the generated manifests say (the app is served under /dash/). */
  let appPath: string;
  let healthPath: string;

  beforeAll(() => {
    dir = buildLockedAppImage(packThisPackage(), 'localhost/devstack-e2e-k8s:e2e', ['--base-url-path', 'dash']).dir;
    const app = parse(read(dir, 'k8s/deployment.yaml')).spec.template.spec.containers[0];
    image = app.image;
    healthPath = app.readinessProbe.httpGet.path;
    appPath = `${parse(read(dir, 'k8s/ingress.yaml')).spec.rules[0].http.paths[0].path}/`;
    expect([healthPath, appPath]).toEqual(['/dash/_stcore/health', '/dash/']);
  });

  afterAll(() => {
    for (const proxy of proxies) proxy.stop();
    for (const name of containers) podman(['rm', '--force', '--time', '0', name]);
    podman(['rmi', '--force', image]);
    cleanUpWorkDirs();
  });

  test('podman kube play runs the generated Deployment: healthy, numeric non-root user, read-only root filesystem, no capabilities', () => {
    const deployment = parse(read(dir, 'k8s/deployment.yaml'));
    const spec = deployment.spec.template.spec;
    const app = spec.containers[0];
    expect(app.image).toBe('localhost/devstack-e2e-k8s:e2e');
    // What podman 4.3 cannot take from a cluster manifest: a registry pull (the image is local) and
    // secretKeyRef (its kube play fails on it): a literal value stands in for the Secret.
    app.imagePullPolicy = 'Never';
    app.env = app.env.map((e: any) => (e.name === STREAMLIT_SERVER.cookieSecretEnv ? { name: e.name, value: 'e2e-cookie-secret' } : e));
    const file = join(workDir('devstack-play-'), 'deployment.yaml');
    writeFileSync(file, stringify(deployment));
    try {
      podmanOk(['kube', 'play', file]);
      // podman names the pod <deployment>-pod-0 and its container <pod>-<container>
      const pod = `${deployment.metadata.name}-pod-0`;
      const container = `${pod}-${app.name}`;
      expect(podmanOk(['ps', '--format', '{{.Names}}']).output.split('\n')).toContain(container);
      containers.add(container);

      // Readiness: the health endpoint answers from inside the pod (its network is not the host's here).
      // Not podman's own healthcheck: podman 4.3 turns an httpGet probe into a curl command (and a
      // named port into port 0), and the image has no curl by design.
      const probe = `import urllib.request, time
for _ in range(360):
    try:
        print(urllib.request.urlopen('http://127.0.0.1:${app.ports[0].containerPort}${app.readinessProbe.httpGet.path}', timeout=2).read().decode()); break
    except OSError:
        time.sleep(0.5)`;
      expect(podmanOk(['exec', container, 'python', '-c', probe]).output.trim()).toBe('ok');
      expect(podmanOk(['exec', container, 'python', '-c', `import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:${app.ports[0].containerPort}${app.livenessProbe.httpGet.path}').status)`]).output.trim()).toBe('200');

      expect(podmanOk(['exec', container, 'id', '-u']).output.trim()).toBe(String(spec.securityContext.runAsUser));
      expect(podmanOk(['exec', container, 'id', '-g']).output.trim()).toBe(String(spec.securityContext.runAsGroup));
      const inspected = JSON.parse(podmanOk(['inspect', container]).output)[0];
      expect(inspected.HostConfig.ReadonlyRootfs).toBe(true);
      expect(inspected.EffectiveCaps ?? []).toEqual([]);
      const writeRoot = podman(['exec', container, 'touch', '/workspace/written']);
      expect(writeRoot.status).not.toBe(0);
      expect(writeRoot.output).toMatch(/Read-only file system/);
      expect(podman(['exec', container, 'touch', '/tmp/written']).status).toBe(0);
      // the cookie secret reached Streamlit through the environment the manifest sets
      expect(podmanOk(['exec', container, 'printenv', STREAMLIT_SERVER.cookieSecretEnv]).output.trim()).toBe('e2e-cookie-secret');

      // SIGTERM ends the pod well within the grace period the manifest gives it
      const started = Date.now();
      podmanOk(['pod', 'stop', '--time', String(spec.terminationGracePeriodSeconds), pod]);
      const stopSeconds = (Date.now() - started) / 1000;
      console.log(`kube play pod stopped in ${stopSeconds.toFixed(1)} s (grace period ${spec.terminationGracePeriodSeconds} s)`);
      expect(stopSeconds).toBeLessThan(spec.terminationGracePeriodSeconds);
    } finally {
      podman(['kube', 'down', file]);
      containers.delete(`${deployment.metadata.name}-pod-0-${app.name}`);
    }
  });

  const proxySettings = (affinity: boolean) => ingressProxySettings(read(dir, 'k8s/ingress.yaml'), affinity);

  /** HAProxy on `port` in front of `replicas`, set up from the generated Ingress's annotations (without its affinity for the negative control). */
  async function startIngressLikeProxy(port: number, replicas: readonly Replica[], affinity: boolean): Promise<RunningProxy> {
    const proxy = await startHaproxy(port, haproxyConfig(port, replicas, proxySettings(affinity), healthPath), healthPath);
    proxies.push(proxy);
    return proxy;
  }

  const replicaLogs = (replicas: readonly Replica[]) => () => replicas.map((r) => `== ${r.name}\n${podman(['logs', r.name]).output}`).join('\n');

  test('three replicas behind a load balancer set up like the Ingress (cookie affinity, WebSocket timeouts), one shared cookie secret: uploads and reruns all work', async () => {
    const replicas = startReplicas(image, 'devstack-k8s-r', 18631, ['shared-secret', 'shared-secret', 'shared-secret']);
    replicas.forEach((replica) => containers.add(replica.name));
    const proxy = await startIngressLikeProxy(18630, replicas, true);
    let statuses: number[] = [];
    await openApp(`${proxy.url}${appPath}`, {
      texts: ['Showing 100 points.'],
      screenshotPath: join(ARTIFACTS, 'replicas-affinity.png'),
      serverLog: replicaLogs(replicas),
      interact: async (page) => {
        statuses = recordUploads(page);
        for (let i = 1; i <= 4; i++) {
          expect((await upload(page, `upload-${i}.bin`)).status).toBeLessThan(300);
          await page.getByText(`Received upload-${i}.bin: ${UPLOAD_BYTES} bytes.`, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
          await rerunWithSlider(page, 100 + 10 * i);
          // the upload is still there after the rerun: the session lives on one replica
          await page.getByText(`Received upload-${i}.bin: ${UPLOAD_BYTES} bytes.`, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
        }
      },
    });
    console.log(`with affinity: upload statuses ${JSON.stringify(statuses)}`);
    expect(statuses).toHaveLength(4);
    expect(statuses.every((status) => status >= 200 && status < 300)).toBe(true);
  });

  /** Streamlit's own cookie signing (what st.login's `_streamlit_user` cookie uses), run in a replica with the secret it was given. */
  const SIGNING = 'from streamlit.web.server.server_util import get_cookie_secret as secret; '
    + 'from streamlit.web.server.starlette.starlette_app_utils import create_signed_value, decode_signed_value; import sys; ';

  /** Whether a login cookie that `signer` signs verifies on `verifier`. */
  function loginCookieVerifies(signer: Replica, verifier: Replica): boolean {
    const signed = podmanOk(['exec', signer.name, 'python', '-c', `${SIGNING}print(create_signed_value(secret(), "_streamlit_user", '{"email": "e2e@example.com"}').decode())`]).output.trim();
    const decoded = podmanOk(['exec', verifier.name, 'python', '-c', `${SIGNING}print(decode_signed_value(secret(), "_streamlit_user", sys.argv[1]))`, signed]).output.trim();
    return decoded !== 'None';
  }

  /**
   * Two replicas behind a proxy with affinity: checks whether a login cookie signed by one
   * verifies on the other, then opens the app, uploads, stops the replica the browser is
   * pinned to, reloads (the proxy sends the browser to the other one) and uploads again.
   */
  async function failover(prefix: string, firstPort: number, secrets: [string, string], screenshot: string) {
    const replicas = startReplicas(image, prefix, firstPort + 1, secrets);
    replicas.forEach((replica) => containers.add(replica.name));
    const proxy = await startIngressLikeProxy(firstPort, replicas, true);
    const loginCookieCrosses = loginCookieVerifies(replicas[0], replicas[1]);
    let uploadAfter = { status: 0, body: '' };
    await openApp(`${proxy.url}${appPath}`, {
      texts: ['Showing 100 points.'],
      screenshotPath: join(ARTIFACTS, screenshot),
      serverLog: replicaLogs(replicas),
      interact: async (page) => {
        expect((await upload(page, 'before.bin')).status).toBe(204);
        const cookie = (await page.context().cookies()).find((c) => c.name === proxySettings(true).affinityCookie)!;
        const pinned = replicas.find((replica) => replica.name === cookie.value)!;
        expect(pinned).toBeDefined();
        // The replica goes away (a scale-down, a drain, a crash) and the user reloads: the proxy
        // sends the browser, still carrying its old affinity cookie, to the other replica. (Not
        // Streamlit's own reconnect: on a busy machine it can take minutes, which is its business.)
        // The signal: a new stream delivers a frame.
        const reconnected = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no new Streamlit stream delivered a frame within ${SIGNAL_TIMEOUT_MS / 1000} s`)), SIGNAL_TIMEOUT_MS);
          page.on('websocket', (ws) => {
            if (ws.url().includes(STREAM_PATH)) ws.on('framereceived', () => (clearTimeout(timer), resolve()));
          });
        });
        podmanOk(['stop', '--time', '10', pinned.name]);
        await page.reload({ waitUntil: 'domcontentloaded', timeout: SIGNAL_TIMEOUT_MS });
        await reconnected;
        const movedTo = (await page.context().cookies()).find((c) => c.name === cookie.name)?.value;
        expect(movedTo).toBe(replicas.find((replica) => replica !== pinned)!.name);
        await page.getByText('Showing 100 points.', { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
        uploadAfter = await upload(page, 'after.bin');
      },
    });
    return { loginCookieCrosses, uploadAfter };
  }

  test('a replica goes away: the browser continues on another one, uploads work there, and a login cookie verifies on every replica (one shared secret)', async () => {
    const result = await failover('devstack-k8s-s', 18650, ['shared-secret', 'shared-secret'], 'replicas-failover-shared-secret.png');
    console.log(`failover, shared secret: ${JSON.stringify(result)}`);
    expect(result.uploadAfter.status).toBe(204);
    expect(result.loginCookieCrosses).toBe(true);
  });

  test('negative control: a different secret on each replica: a login cookie from one is rejected by the other (users are logged out when they move)', async () => {
    const result = await failover('devstack-k8s-d', 18660, ['secret-one', 'secret-two'], 'replicas-failover-distinct-secrets.png');
    console.log(`failover, distinct secrets: ${JSON.stringify(result)}`);
    expect(result.loginCookieCrosses).toBe(false);
    // Streamlit 1.6x's XSRF check compares the header with the cookie (double submit, no secret),
    // so an upload after the move works even here: what the secret protects is the login cookie.
    expect(result.uploadAfter.status).toBe(204);
  });

  test('negative control: the same replicas behind plain round-robin (no affinity) fail uploads as users report ("Invalid session_id")', async () => {
    const replicas = [1, 2, 3].map((i) => ({ name: `devstack-k8s-r${i}`, port: 18630 + i }));
    const proxy = await startIngressLikeProxy(18640, replicas, false);
    const answers: Array<{ status: number; body: string }> = [];
    await openApp(`${proxy.url}${appPath}`, {
      texts: ['Showing 100 points.'],
      screenshotPath: join(ARTIFACTS, 'replicas-round-robin.png'),
      serverLog: replicaLogs(replicas),
      interact: async (page) => {
        // each upload reaches the session's replica with a chance of 1 in 3: eight all succeed with a chance of 1 in 6561
        for (let i = 1; i <= 8 && answers.every((answer) => answer.status < 300); i++) answers.push(await upload(page, `upload-${i}.bin`));
      },
    });
    console.log(`round-robin: upload answers ${JSON.stringify(answers)}`);
    const refused = answers.filter((answer) => answer.status >= 300);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].status).toBe(400);
    expect(refused[0].body).toMatch(/Invalid session_id/i);
  });
});
