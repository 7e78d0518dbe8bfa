import { spawnSync } from 'child_process';

/** The cluster's Service range: kube-apiserver's `--service-cluster-ip-range`. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The pods' range: the CNI bridge hands out addresses from its first /24. */
export const POD_CIDR = '10.244.0.0/16';
export const POD_SUBNET = '10.244.0.0/24';
/** The Linux bridge the CNI bridge plugin makes for the pods. */
export const CLUSTER_BRIDGE = 'devstack0';

/** The chains that keep the cluster's traffic on this machine, jumped to first from OUTPUT and FORWARD. */
export const GUARD_CHAINS = { OUTPUT: 'DEVSTACK-GUARD-OUT', FORWARD: 'DEVSTACK-GUARD-FWD' } as const;

function iptables(args: string[], binary = 'iptables'): { status: number; output: string } {
  const result = spawnSync(binary, ['-w', '5', ...args], { encoding: 'utf-8' });
  return { status: result.status ?? -1, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function iptablesOk(args: string[], binary = 'iptables'): string {
  const result = iptables(args, binary);
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed: ${result.output}`);
  return result.output;
}

/** The interface of the default route: where traffic leaves this machine. */
export function uplinkInterface(): string {
  const route = spawnSync('ip', ['-4', 'route', 'show', 'default'], { encoding: 'utf-8' }).stdout ?? '';
  const device = /\bdev (\S+)/.exec(route)?.[1];
  if (!device) throw new Error(`no default route found (ip -4 route show default: ${JSON.stringify(route)})`);
  return device;
}

/** This machine's IPv4 address on `device`: the node's InternalIP (traffic to it stays on this machine). */
export function interfaceAddress(device: string): string {
  const shown = spawnSync('ip', ['-4', '-o', 'addr', 'show', 'dev', device], { encoding: 'utf-8' }).stdout ?? '';
  const address = /\binet (\d+\.\d+\.\d+\.\d+)\//.exec(shown)?.[1];
  if (!address) throw new Error(`no IPv4 address on ${device}: ${shown}`);
  return address;
}

/** The guard's rules, as `iptables -A` arguments per chain. */
export function guardRules(uplink: string): Record<keyof typeof GUARD_CHAINS, string[][]> {
  const reject = ['-j', 'REJECT', '--reject-with', 'icmp-admin-prohibited'];
  const ranges = [SERVICE_CIDR, POD_CIDR].map((range) => ['-o', uplink, '-d', range, ...reject]);
  return {
    OUTPUT: ranges,
    FORWARD: [...ranges, ['-i', CLUSTER_BRIDGE, '-o', uplink, ...reject]],
  };
}

/**
 * Puts the guard in place, first in OUTPUT and FORWARD: nothing addressed to the Service or
 * pod ranges leaves through the uplink (before kube-proxy has written its rules, a packet to
 * a Service address would follow the default route out), and nothing from the pods' bridge
 * leaves at all. REJECT, not DROP, so that a request that would leave fails here at once.
 * Called again after kube-proxy has inserted its own jumps, to stay first.
 */
export function installGuard(uplink: string): void {
  const rules = guardRules(uplink);
  for (const builtIn of Object.keys(GUARD_CHAINS) as Array<keyof typeof GUARD_CHAINS>) {
    const chain = GUARD_CHAINS[builtIn];
    if (iptables(['-n', '-L', chain]).status !== 0) iptablesOk(['-N', chain]);
    iptablesOk(['-F', chain]);
    for (const rule of rules[builtIn]) iptablesOk(['-A', chain, ...rule]);
    while (iptables(['-D', builtIn, '-j', chain]).status === 0);
    iptablesOk(['-I', builtIn, '1', '-j', chain]);
  }
}

/** The first rule of a built-in chain, as `iptables -S` prints it. */
export function firstRule(builtIn: keyof typeof GUARD_CHAINS): string | undefined {
  return iptablesOk(['-S', builtIn]).split('\n').find((line) => line.startsWith('-A '));
}

/** Packets each guard rule has rejected so far, by its `iptables -S` line. */
export function guardCounters(): Map<string, number> {
  const counters = new Map<string, number>();
  for (const chain of Object.values(GUARD_CHAINS)) {
    const listed = iptables(['-S', chain, '-v']);
    if (listed.status !== 0) continue;
    for (const line of listed.output.split('\n').filter((l) => l.startsWith('-A '))) {
      const packets = Number(/-c (\d+) \d+/.exec(line)?.[1] ?? 0);
      counters.set(line.replace(/ -c \d+ \d+/, ''), packets);
    }
  }
  return counters;
}

export function removeGuard(): void {
  for (const builtIn of Object.keys(GUARD_CHAINS) as Array<keyof typeof GUARD_CHAINS>) {
    const chain = GUARD_CHAINS[builtIn];
    while (iptables(['-D', builtIn, '-j', chain]).status === 0);
    iptables(['-F', chain]);
    iptables(['-X', chain]);
  }
}

const TABLES = ['filter', 'nat', 'mangle'];
const BINARIES = ['iptables', 'ip6tables'];

/** The chains named KUBE-* in every table, IPv4 and IPv6 (kube-proxy's and the kubelet's). */
export function kubernetesChains(): string[] {
  return userChains().filter((chain) => / KUBE-/.test(chain));
}

/** Every user-defined chain in every table, IPv4 and IPv6, as "binary table chain". */
export function userChains(): string[] {
  const found: string[] = [];
  for (const binary of BINARIES) {
    for (const table of TABLES) {
      const listed = iptables(['-t', table, '-S'], binary);
      if (listed.status !== 0) continue;
      for (const line of listed.output.split('\n')) {
        const chain = /^-N (\S+)/.exec(line)?.[1];
        if (chain) found.push(`${binary} ${table} ${chain}`);
      }
    }
  }
  return found;
}

/**
 * Removes every KUBE-* chain and every jump to one (what kube-proxy and the kubelet add):
 * only called when there were none before the cluster started.
 */
export function removeKubernetesChains(): void {
  for (const binary of BINARIES) {
    for (const table of TABLES) {
      const listed = iptables(['-t', table, '-S'], binary);
      if (listed.status !== 0) continue;
      const lines = listed.output.split('\n');
      for (const line of lines) {
        const rule = /^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) (.*-j KUBE-\S+.*)$/.exec(line);
        if (rule) iptables(['-t', table, '-D', rule[1], ...splitRule(rule[2])], binary);
      }
      const chains = lines.map((line) => /^-N (KUBE-\S+)/.exec(line)?.[1]).filter((c): c is string => Boolean(c));
      for (const chain of chains) iptables(['-t', table, '-F', chain], binary);
      for (const chain of chains) iptables(['-t', table, '-X', chain], binary);
    }
  }
}

/** Splits an `iptables -S` rule into arguments (quoted comments stay one argument). */
export function splitRule(rule: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let match = pattern.exec(rule); match; match = pattern.exec(rule)) args.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]);
  return args;
}

/** The host settings the kubelet and the CNI bridge plugin change, recorded before and restored after. */
export const HOST_SYSCTLS = ['vm.overcommit_memory', 'kernel.panic', 'kernel.panic_on_oops', 'net.ipv4.ip_forward'];

export function readSysctls(): Record<string, string> {
  return Object.fromEntries(HOST_SYSCTLS.map((key) => [key, spawnSync('sysctl', ['-n', key], { encoding: 'utf-8' }).stdout.trim()]));
}

export function writeSysctls(values: Record<string, string>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value !== '') spawnSync('sysctl', ['-q', '-w', `${key}=${value}`]);
  }
}
