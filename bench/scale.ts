/**
 * Scale-out: time to first render and server memory per session for 1, 10 and 20
 * concurrent browser sessions, against 1 and 3 replicas of the generated app image
 * behind HAProxy set up like the generated Ingress (cookie affinity). Each browser
 * session is its own chromium context (its own cookies), as separate users are.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Browser } from 'playwright-core';
import { STREAMLIT_SERVER } from '../src/streamlit/streamlit-server';
import { launchChromium, SIGNAL_TIMEOUT_MS } from '../test/e2e/harness/browser';
import { podman } from '../test/e2e/harness/engine';
import { haproxyConfig, ingressProxySettings, Replica, startHaproxy } from '../test/e2e/harness/load-balancer';
import { buildLockedAppImage, removeReplicas, serverMemoryMb, startReplicas, waitForReplicas } from '../test/e2e/harness/replicas';

export interface ScaleRow {
  replicas: number;
  sessions: number;
  /** Seconds from navigation to the app's first rendered text, median and 95th percentile. */
  firstRenderP50: number;
  firstRenderP95: number;
  /** Growth of the servers' resident memory, summed over replicas, divided by the sessions. */
  memoryPerSessionMb: number;
  /** Resident memory of one server after its first (closed) session, before the measured ones. */
  idleServerMb: number;
  /** Sessions each replica received, from the affinity cookie each browser was given. */
  sessionsPerReplica: number[];
}

export interface ScaleResults {
  rows: ScaleRow[];
}

const IMAGE = 'localhost/devstack-bench-scale:bench';
const SESSION_COUNTS = [1, 10, 20];
const REPLICA_COUNTS = [1, 3];
const FIRST_TEXT = 'Showing 100 points.';

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function renderOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: SIGNAL_TIMEOUT_MS });
    await page.getByText(FIRST_TEXT, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
    return (Date.now() - started) / 1000;
  } finally {
    await context.close();
  }
}

async function measure(replicas: Replica[], sessions: number, affinityCookie: string, timeoutSeconds: number, listenPort: number): Promise<ScaleRow> {
  // fresh servers for every row: memory a closed session leaves behind would blur the next one
  for (const replica of replicas) podman(['restart', '--time', '5', replica.name]);
  await waitForReplicas(replicas);
  const health = STREAMLIT_SERVER.healthPath;
  const proxy = await startHaproxy(listenPort, haproxyConfig(listenPort, replicas, { affinityCookie, timeoutSeconds }, health), health);
  const browser = await launchChromium();
  try {
    // one session per replica first, then closed: the app's first run imports its libraries
    // (about 60 MB here), which is a cost per server, not per session
    for (const replica of replicas) await renderOnce(browser, `http://127.0.0.1:${replica.port}/`);
    const before = replicas.map(serverMemoryMb);
    const contexts = await Promise.all(Array.from({ length: sessions }, () => browser.newContext({ viewport: { width: 1280, height: 900 } })));
    const seconds = await Promise.all(
      contexts.map(async (context) => {
        const page = await context.newPage();
        const started = Date.now();
        await page.goto(`${proxy.url}/`, { waitUntil: 'domcontentloaded', timeout: SIGNAL_TIMEOUT_MS });
        await page.getByText(FIRST_TEXT, { exact: true }).waitFor({ timeout: SIGNAL_TIMEOUT_MS });
        return (Date.now() - started) / 1000;
      }),
    );
    const after = replicas.map(serverMemoryMb);
    const cookies = await Promise.all(contexts.map((context) => context.cookies()));
    const pinnedTo = (replica: Replica) => cookies.filter((jar) => jar.some((c) => c.name === affinityCookie && c.value === replica.name)).length;
    const sessionsPerReplica = replicas.map(pinnedTo);
    for (const context of contexts) await context.close();
    const grown = after.reduce((sum, mb, i) => sum + (mb - before[i]), 0);
    return {
      replicas: replicas.length,
      sessions,
      firstRenderP50: percentile(seconds, 50),
      firstRenderP95: percentile(seconds, 95),
      memoryPerSessionMb: grown / sessions,
      idleServerMb: before[0],
      sessionsPerReplica: replicas.length > 1 ? sessionsPerReplica : [sessions],
    };
  } finally {
    await browser.close();
    proxy.stop();
  }
}

export async function measureScale(tarball: string): Promise<ScaleResults> {
  const { dir } = buildLockedAppImage(tarball, IMAGE);
  const { affinityCookie, timeoutSeconds } = ingressProxySettings(readFileSync(join(dir, 'k8s/ingress.yaml'), 'utf-8'), true);
  if (!affinityCookie) throw new Error('the generated Ingress sets no affinity cookie');
  const secret = 'bench-shared-secret';
  const replicas = startReplicas(IMAGE, 'devstack-bench-r', 18701, Array(Math.max(...REPLICA_COUNTS)).fill(secret));
  const rows: ScaleRow[] = [];
  try {
    await waitForReplicas(replicas);
    for (const count of REPLICA_COUNTS) {
      for (const sessions of SESSION_COUNTS) {
        const row = await measure(replicas.slice(0, count), sessions, affinityCookie, timeoutSeconds, 18700);
        console.log(`scale: ${JSON.stringify(row)}`);
        rows.push(row);
      }
    }
  } finally {
    removeReplicas(replicas);
    podman(['rmi', '--force', IMAGE]);
  }
  return { rows };
}
