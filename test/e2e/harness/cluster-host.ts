import { spawnSync } from 'child_process';
import { existsSync, readdirSync, readFileSync, rmdirSync, statSync } from 'fs';
import { join } from 'path';

/**
 * Host paths the kubelet, containerd and the CNI plugins write to whatever they are told
 * (fixed paths in these versions: the kubelet's container log links and device plugin socket,
 * containerd's shim sockets, libcni's result cache).
 * Those that did not exist before the cluster started are removed when it stops.
 */
export const HOST_PATHS = [
  '/var/log/containers',
  '/var/log/pods',
  '/var/lib/kubelet',
  '/var/lib/cni',
  '/var/lib/containerd',
  '/run/containerd',
  '/run/netns',
  '/etc/kubernetes',
  '/etc/cni',
  '/opt/cni',
  '/usr/libexec/kubernetes',
];

/** The cgroup the kubelet (cgroupfs driver) puts the pods under, in every cgroup v1 controller. */
export const PODS_CGROUP = 'kubepods';
const CGROUP_ROOT = '/sys/fs/cgroup';

/** Where the kubelet makes `kubepods`: one folder per cgroup controller. */
export function podCgroupCandidates(): string[] {
  if (!existsSync(CGROUP_ROOT)) return [];
  return readdirSync(CGROUP_ROOT).map((controller) => join(CGROUP_ROOT, controller, PODS_CGROUP));
}

/** The cgroup controllers' folders that hold `kubepods` now. */
export function podCgroupRoots(): string[] {
  return podCgroupCandidates().filter((path) => existsSync(path));
}

/** Every process in the pods' cgroups (what outlived its shim), killed; then the empty cgroups removed, deepest first. */
export function removePodCgroups(roots: readonly string[], { removeFolders }: { removeFolders: boolean }): void {
  const folders = (dir: string): string[] => {
    const children = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
    return [...children.flatMap(folders), dir];
  };
  for (const root of roots) {
    // cpu and cpuacct are often links to one folder: gone already when its other name comes
    if (!existsSync(root)) continue;
    const all = folders(root);
    for (const folder of all) {
      const procs = join(folder, 'cgroup.procs');
      if (!existsSync(procs)) continue;
      for (const pid of readFileSync(procs, 'utf-8').split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    for (const folder of removeFolders ? all : []) {
      for (let attempt = 0; attempt < 20 && existsSync(folder); attempt++) {
        try {
          rmdirSync(folder);
        } catch {
          spawnSync('sleep', ['0.1']);
        }
      }
    }
  }
}

/** Mount points at or under any of `folders`, deepest first (from /proc/self/mountinfo). */
export function mountsUnder(folders: readonly string[]): string[] {
  const unescape = (path: string) => path.replace(/\\(\d{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  const points = readFileSync('/proc/self/mountinfo', 'utf-8').split('\n').filter(Boolean).map((line) => unescape(line.split(' ')[4]));
  return points
    .filter((point) => folders.some((folder) => point === folder || point.startsWith(`${folder}/`)))
    .sort((a, b) => b.split('/').length - a.split('/').length);
}

export function unmountAll(folders: readonly string[]): void {
  for (const point of mountsUnder(folders)) {
    if (spawnSync('umount', [point]).status !== 0) spawnSync('umount', ['-l', point]);
  }
}

/** Network namespace names under /run/netns. */
export function networkNamespaces(): string[] {
  return existsSync('/run/netns') ? readdirSync('/run/netns').sort() : [];
}

export function linkExists(name: string): boolean {
  return spawnSync('ip', ['link', 'show', name], { stdio: 'ignore' }).status === 0;
}

/** Processes whose command line mentions `text` (a shim started with the cluster's containerd socket). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(join('/proc', entry, 'cmdline'), 'utf-8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Whether `pid` is alive and its command line mentions `text` (so a reused pid is never killed). */
export function isProcess(pid: number, text: string): boolean {
  try {
    return readFileSync(join('/proc', String(pid), 'cmdline'), 'utf-8').includes(text);
  } catch {
    return false;
  }
}

/**
 * What the cluster could leave on the host, in one comparable value: the entries of the
 * folders it writes to, the network links and namespaces, the KUBE-* and guard chains, the
 * sysctls it changes and the pods' cgroups. Equal before start and after stop.
 */
export function hostFootprint(chains: () => string[], sysctls: () => Record<string, string>): Record<string, unknown> {
  const entries = (dir: string) => (existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).sort() : null);
  const links = (spawnSync('ip', ['-o', 'link', 'show'], { encoding: 'utf-8' }).stdout ?? '')
    .split('\n').map((line) => /^\d+: ([^:@]+)/.exec(line)?.[1]).filter(Boolean).sort();
  return {
    paths: Object.fromEntries(HOST_PATHS.map((path) => [path, entries(path)])),
    links,
    netns: networkNamespaces(),
    chains: chains(),
    sysctls: sysctls(),
    podCgroups: podCgroupRoots(),
  };
}
