import { ChildProcess, spawn, spawnSync } from 'child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join } from 'path';
import {
  containerdConfig, cniConfig, CLUSTER_PORTS, ClusterPaths, CNI_NETWORK, daemonArgs,
  kubeletConfig, kubeProxyConfig, NODE_NAME, PAUSE_IMAGE, registryHostsToml,
} from './cluster-config';
import {
  HOST_PATHS, hostFootprint, isProcess, linkExists, networkNamespaces, podCgroupCandidates, podCgroupRoots,
  processesMentioning, removePodCgroups, unmountAll,
} from './cluster-host';
import {
  CLUSTER_BRIDGE, installGuard, interfaceAddress, kubernetesChains, readSysctls, removeGuard, removeKubernetesChains,
  SERVICE_CIDR, uplinkInterface, userChains, writeSysctls,
} from './cluster-network';
import { makeClusterPki, writeKubeconfig } from './cluster-pki';
import { podmanOk } from './engine';
import { REPO_ROOT, run, RunResult, runOk, userEnv } from './generated-project';
import { ImageRegistry, startImageRegistry } from './image-registry';
import { claimAbsentPaths } from '../../setup/guard-state';

/** Daemons in start order; stopped in the reverse order. */
const DAEMONS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'containerd', 'kubelet', 'kube-proxy'] as const;
type Daemon = typeof DAEMONS[number];

/**
 * What a run leaves on record (in /run, which a reboot empties) so that the next run can clean up
 * after one that was killed; a clean stop overwrites it with the time it stopped.
 */
interface RunRecord {
  readonly state: string;
  readonly pids: Partial<Record<Daemon | 'registry', number>>;
  readonly sysctls: Record<string, string>;
  readonly existedBefore: string[];
  readonly bridgeExisted: boolean;
  readonly netnsBefore: string[];
  readonly podCgroupsBefore: string[];
  readonly kubeProxy: string;
}
const RECORD = '/run/py-streamlit-devstack-e2e-cluster.json';

export interface ClusterTimings {
  /** Seconds from the first daemon's start to each readiness signal. */
  readonly controlPlane: number;
  readonly nodeReady: number;
  readonly proxyReady: number;
}

export interface Cluster {
  readonly kubeconfig: string;
  /** The folder of the cluster's own kubectl (v1.34, as the server). */
  readonly binDir: string;
  readonly registry: ImageRegistry;
  readonly nodeName: string;
  readonly timings: ClusterTimings;
  /** A user's environment pointed at the cluster: KUBECONFIG, the cluster's kubectl first on PATH, podman allowed to push to the registry. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  kubectl(args: string[]): RunResult;
  kubectlOk(args: string[]): RunResult;
  /** Resident memory of each daemon, in MiB. */
  memoryMib(): Record<string, number>;
  /** The last lines of every daemon's log. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

function binaries(): { kubernetes: string; packages: string } {
  const script = (name: string) => {
    const result = spawnSync('bash', [join(REPO_ROOT, 'scripts', name)], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (result.status !== 0) throw new Error(`scripts/${name} failed (exit ${result.status}): see its output above`);
    return result.stdout.trim();
  };
  return { kubernetes: script('kubernetes-binaries.sh'), packages: script('cluster-packages.sh') };
}

/** Why the cluster cannot run here, or undefined. */
export function missingClusterPrerequisite(): string | undefined {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push('root (the kubelet, containerd and the network rules need it)');
  for (const [tool, args, hint] of [
    ['go', ['version'], 'Go, to build Kubernetes from the Go module proxy'],
    ['gcc', ['--version'], 'gcc and libc6-dev, to build the pause binary'],
    ['iptables', ['--version'], 'iptables (apt-get install iptables)'],
    ['openssl', ['version'], 'openssl'],
    ['apt-get', ['--version'], 'apt-get (Debian), to unpack etcd, containerd, runc and the CNI plugins'],
    ['podman', ['--version'], 'podman, to build and push the images'],
  ] as const) {
    if (spawnSync(tool, [...args], { stdio: 'ignore' }).status !== 0) missing.push(hint);
  }
  return missing.length ? `missing: ${missing.join('; ')}` : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a single-node Kubernetes v1.34 for this run (the recipe of ../shared/docs/kubernetes-here.md):
 * builds or reuses the binaries, puts the network guard in place before the first daemon,
 * starts every daemon as a child of this process with its log in the run's state folder, and
 * resolves when the node is Ready and kube-proxy has written its rules.
 */
export async function startCluster(): Promise<Cluster> {
  await cleanUpAfterKilledRun();
  const found = kubernetesChains();
  if (found.length) throw new Error(`this machine already has Kubernetes' iptables chains (${found.slice(0, 3).join(', ')}, ...): another cluster runs here; the tests will not touch it`);
  if (linkExists(CLUSTER_BRIDGE)) throw new Error(`the network link ${CLUSTER_BRIDGE} exists already: remove it (ip link delete ${CLUSTER_BRIDGE}) if no cluster uses it`);

  const bins = binaries();
  const kubeBin = bins.kubernetes;
  const packageRoot = join(bins.packages, 'root');
  const state = mkdtempSync(join(tmpdir(), 'devstack-cluster-'));
  const paths: ClusterPaths = {
    state,
    etcd: join(state, 'etcd'),
    containerdRoot: join(state, 'containerd', 'root'),
    containerdState: join(state, 'containerd', 'state'),
    containerdSocket: join(state, 'containerd', 'containerd.sock'),
    runcRoot: join(state, 'runc'),
    registryHosts: join(state, 'containerd', 'certs.d'),
    cniConf: join(state, 'cni', 'net.d'),
    cniBin: join(packageRoot, 'usr', 'lib', 'cni'),
    cniIpam: join(state, 'cni', 'ipam'),
    kubeletRoot: join(state, 'kubelet'),
    podLogs: join(state, 'pod-logs'),
    volumePlugins: join(state, 'volume-plugins'),
    kubeconfig: join(state, 'admin.kubeconfig'),
  };
  // the host paths the daemons will create become this test's to remove (the temp-folder guard)
  const absentHostPaths = claimAbsentPaths([...HOST_PATHS, ...podCgroupCandidates()]);
  const uplink = uplinkInterface();
  const nodeAddress = interfaceAddress(uplink);
  const record: RunRecord = {
    state,
    pids: {},
    sysctls: readSysctls(),
    existedBefore: HOST_PATHS.filter((path) => !absentHostPaths.includes(path)),
    bridgeExisted: false,
    netnsBefore: networkNamespaces(),
    podCgroupsBefore: podCgroupCandidates().filter((path) => !absentHostPaths.includes(path)),
    kubeProxy: join(kubeBin, 'kube-proxy'),
  };
  const saveRecord = () => writeFileSync(RECORD, JSON.stringify(record, null, 2));
  saveRecord();

  const children = new Map<Daemon, ChildProcess>();
  const logs = join(state, 'logs');
  mkdirSync(logs);
  const kubectlEnv = () => ({ ...userEnv(), KUBECONFIG: paths.kubeconfig });
  const kubectl = (args: string[]) => run(join(kubeBin, 'kubectl'), args, state, kubectlEnv());
  const logTail = (lines = 25) => DAEMONS.filter((d) => existsSync(join(logs, `${d}.log`)))
    .map((d) => `== ${d}\n${readFileSync(join(logs, `${d}.log`), 'utf-8').trimEnd().split('\n').slice(-lines).join('\n')}`).join('\n');

  let registry: ImageRegistry | undefined;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    registry?.stop();
    await tearDown(record, { children, kubectl });
  };

  try {
    const pki = makeClusterPki(join(state, 'pki'), ['127.0.0.1', nodeAddress, SERVICE_CIDR.replace(/0\/\d+$/, '1')]);
    writeKubeconfig(paths.kubeconfig, `https://127.0.0.1:${CLUSTER_PORTS.apiserver}`, pki);
    for (const folder of [paths.cniConf, paths.cniIpam, paths.kubeletRoot, paths.podLogs, paths.volumePlugins, join(paths.registryHosts, `127.0.0.1:${CLUSTER_PORTS.registry}`)]) mkdirSync(folder, { recursive: true });
    const files = {
      containerdConfig: join(state, 'containerd.toml'),
      kubeletConfig: join(state, 'kubelet.json'),
      kubeProxyConfig: join(state, 'kube-proxy.json'),
    };
    writeFileSync(files.containerdConfig, containerdConfig(paths, join(packageRoot, 'usr', 'sbin', 'runc')));
    writeFileSync(join(paths.registryHosts, `127.0.0.1:${CLUSTER_PORTS.registry}`, 'hosts.toml'), registryHostsToml(`127.0.0.1:${CLUSTER_PORTS.registry}`));
    writeFileSync(join(paths.cniConf, `10-${CNI_NETWORK}.conflist`), cniConfig(paths));
    writeFileSync(files.kubeletConfig, kubeletConfig(paths, pki, nodeAddress));
    writeFileSync(files.kubeProxyConfig, kubeProxyConfig(paths));
    const args = daemonArgs(paths, pki, nodeAddress, files);

    // nothing leaves this machine: the guard goes in before the first daemon starts
    installGuard(uplink);

    const daemonPath = [join(packageRoot, 'usr', 'bin'), join(packageRoot, 'usr', 'sbin'), process.env.PATH ?? ''].join(delimiter);
    const binary = (daemon: Daemon) => (daemon === 'etcd' || daemon === 'containerd' ? join(packageRoot, 'usr', 'bin', daemon) : join(kubeBin, daemon));
    const startDaemon = (daemon: Daemon) => {
      const log = openSync(join(logs, `${daemon}.log`), 'a');
      const child = spawn(binary(daemon), args[daemon], { cwd: state, stdio: ['ignore', log, log], env: { ...process.env, PATH: daemonPath } });
      closeSync(log);
      children.set(daemon, child);
      record.pids[daemon] = child.pid;
      saveRecord();
    };
    const gone = () => {
      for (const [daemon, child] of children) if (child.exitCode !== null || child.signalCode !== null) return `${daemon} exited (${child.exitCode ?? child.signalCode})\n${logTail()}`;
      return undefined;
    };
    const waitUntil = async (what: string, ready: () => boolean | Promise<boolean>, timeoutMs = 180_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await ready())) {
        const reason = gone();
        if (reason) throw new Error(`the cluster stopped before ${what}: ${reason}`);
        if (Date.now() > deadline) throw new Error(`the cluster: ${what} did not happen within ${timeoutMs / 1000} s\n${logTail()}`);
        await sleep(250);
      }
    };

    registry = await startImageRegistry(CLUSTER_PORTS.registry);
    record.pids.registry = registry.pid;
    saveRecord();
    pushPauseImage(bins.packages);

    const started = Date.now();
    const since = () => (Date.now() - started) / 1000;
    startDaemon('etcd');
    await waitUntil('etcd answered', () => fetch(`http://127.0.0.1:${CLUSTER_PORTS.etcdClient}/health`).then((r) => r.ok, () => false));
    startDaemon('kube-apiserver');
    await waitUntil('the API server was ready', () => kubectl(['get', '--raw=/readyz']).status === 0);
    startDaemon('kube-controller-manager');
    startDaemon('kube-scheduler');
    const controlPlane = since();
    startDaemon('containerd');
    await waitUntil('containerd answered', () => run(join(packageRoot, 'usr', 'bin', 'ctr'), ['--address', paths.containerdSocket, 'version'], state).status === 0);
    startDaemon('kubelet');
    await waitUntil(`node ${NODE_NAME} was Ready`, () => kubectl(['get', 'node', NODE_NAME, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}']).output.trim() === 'True');
    const nodeReady = since();
    startDaemon('kube-proxy');
    await waitUntil('kube-proxy had written its rules', async () =>
      (await fetch(`http://127.0.0.1:${CLUSTER_PORTS.proxyHealthz}/healthz`).then((r) => r.ok, () => false))
      && spawnSync('iptables', ['-w', '5', '-t', 'nat', '-S', 'KUBE-SERVICES'], { stdio: 'ignore' }).status === 0);
    // kube-proxy and the kubelet insert their jumps at the top: the guard goes back in front of them
    installGuard(uplink);
    await waitUntil('the default service account existed', () => kubectl(['get', 'serviceaccount', 'default', '--namespace', 'default']).status === 0);
    const timings = { controlPlane, nodeReady, proxyReady: since() };
    console.log(`cluster start to Ready: control plane ${timings.controlPlane.toFixed(1)} s, node Ready ${timings.nodeReady.toFixed(1)} s, kube-proxy ready ${timings.proxyReady.toFixed(1)} s`);

    const cluster: Cluster = {
      kubeconfig: paths.kubeconfig,
      binDir: kubeBin,
      registry,
      nodeName: NODE_NAME,
      timings,
      env: (extra = {}) => {
        const env = userEnv({ KUBECONFIG: paths.kubeconfig, CONTAINERS_REGISTRIES_CONF: registry!.registriesConf, ...extra });
        env.PATH = [kubeBin, env.PATH].join(delimiter);
        return env;
      },
      kubectl,
      kubectlOk: (kubectlArgs) => runOk(join(kubeBin, 'kubectl'), kubectlArgs, state, kubectlEnv()),
      memoryMib: () => Object.fromEntries([...children].map(([daemon, child]) => [daemon, residentMib(child.pid!)])),
      logTail,
      stop,
    };
    return cluster;
  } catch (error) {
    const tail = logTail(60);
    await stop();
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
}

function residentMib(pid: number): number {
  try {
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf-8'))?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return 0;
  }
}

/** The pause image (the static pause binary of cluster-packages.sh), into the registry the cluster pulls from. */
function pushPauseImage(packages: string): void {
  podmanOk(['import', '--change', 'ENTRYPOINT ["/pause"]', join(packages, 'pause', 'rootfs.tar'), PAUSE_IMAGE]);
  podmanOk(['push', '--tls-verify=false', PAUSE_IMAGE]);
  podmanOk(['rmi', PAUSE_IMAGE]);
}

async function stopProcess(pid: number | undefined, child: ChildProcess | undefined, text: string, graceMs = 30_000): Promise<void> {
  if (pid === undefined) return;
  const alive = () => (child ? child.exitCode === null && child.signalCode === null : isProcess(pid, text));
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive() && Date.now() < deadline) await sleep(100);
  if (alive()) process.kill(pid, 'SIGKILL');
  while (alive()) await sleep(50);
}

interface TearDownOptions {
  /** The daemons this process started (a killed run's are found by their recorded pids). */
  readonly children?: ReadonlyMap<Daemon, ChildProcess>;
  /** kubectl on the cluster, to delete the pods while the API server is there. */
  readonly kubectl?: (args: string[]) => RunResult;
  /** Cleaning up after a killed run. */
  readonly recovering?: boolean;
}

/**
 * Stops everything the run started and undoes what it changed on the host, from the run's
 * record: pods first (through the API, while it is there), then the daemons in reverse order,
 * what outlived them (shims, the pods' processes), mounts, network namespaces, the bridge,
 * the KUBE-* chains, the pods' cgroups, the sysctls, the host folders it created, and the
 * guard last of all.
 */
async function tearDown(
  record: RunRecord,
  { children = new Map(), kubectl, recovering = false }: TearDownOptions,
): Promise<void> {
  // after a killed run, this process did not create the run's folders: it stops what runs and undoes the
  // host settings, and names the folders it leaves (the temp-folder guard lets a test delete only its own)
  const apiserverUp = kubectl && kubectl(['get', '--raw=/readyz']).status === 0;
  if (apiserverUp) {
    kubectl!(['delete', 'deployments,replicasets,statefulsets,daemonsets,jobs,pods', '--all', '--all-namespaces', '--wait=true', '--timeout=90s']);
  }
  for (const daemon of [...DAEMONS].reverse()) await stopProcess(record.pids[daemon], children.get(daemon), record.state);
  await stopProcess(record.pids.registry, undefined, 'registry');
  for (const pid of processesMentioning(record.state)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  removePodCgroups(podCgroupRoots().filter((root) => !record.podCgroupsBefore.includes(root)), { removeFolders: !recovering });
  for (const name of networkNamespaces().filter((ns) => !record.netnsBefore.includes(ns) && ns.startsWith('cni-'))) spawnSync('ip', ['netns', 'delete', name]);
  unmountAll([record.state, ...HOST_PATHS.filter((path) => !record.existedBefore.includes(path))]);
  if (!record.bridgeExisted && linkExists(CLUSTER_BRIDGE)) spawnSync('ip', ['link', 'delete', CLUSTER_BRIDGE]);
  if (existsSync(record.kubeProxy)) spawnSync(record.kubeProxy, ['--cleanup'], { stdio: 'ignore' });
  removeKubernetesChains();
  writeSysctls(record.sysctls);
  const created = HOST_PATHS.filter((path) => !record.existedBefore.includes(path) && existsSync(path));
  if (recovering) {
    console.warn(`the killed cluster run left ${[record.state, ...created].join(', ')}: remove them by hand (rm -rf) once nothing uses them`);
  } else {
    for (const path of created) rmSync(path, { recursive: true, force: true });
    rmSync(record.state, { recursive: true, force: true });
  }
  removeGuard();
  writeFileSync(RECORD, JSON.stringify({ stopped: new Date().toISOString() }));
}

/** A run killed before its teardown (a jest timeout, a ^C) left daemons and rules: clean up after it first. */
export async function cleanUpAfterKilledRun(): Promise<void> {
  if (!existsSync(RECORD)) return;
  const record: RunRecord = JSON.parse(readFileSync(RECORD, 'utf-8'));
  if (!record.state) return;
  console.warn(`cleaning up after a cluster run that did not stop (state ${record.state})`);
  await tearDown(record, { recovering: true });
}

/** Everything the cluster could leave behind on this host (see hostFootprint), for before/after comparisons. */
export function clusterFootprint(): Record<string, unknown> {
  return hostFootprint(userChains, readSysctls);
}
