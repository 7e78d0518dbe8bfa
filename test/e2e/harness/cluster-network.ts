import { spawnSync } from 'child_process';

/** The cluster's Service range: kube-apiserver's `--service-cluster-ip-range`. */
export const SERVICE_CIDR = '10.96.0.0/12';
/** The pods' range: the CNI bridge hands out addresses from its first /24. */
export const POD_CIDR = '10.244.0.0/16';
export const POD_SUBNET = '10.244.0.0/24';
/** The Linux bridge the CNI bridge plugin makes for the pods. */
export const CLUSTER_BRIDGE = 'devstack0';

/** Where the guard hooks in: a chain of its own per table and built-in chain, jumped to first. */
export interface GuardHook {
  readonly table: 'filter' | 'mangle';
  readonly builtIn: 'OUTPUT' | 'FORWARD' | 'POSTROUTING';
  readonly chain: string;
}

export const GUARD_HOOKS: readonly GuardHook[] = [
  { table: 'filter', builtIn: 'OUTPUT', chain: 'DEVSTACK-GUARD-OUT' },
  { table: 'filter', builtIn: 'FORWARD', chain: 'DEVSTACK-GUARD-FWD' },
  { table: 'mangle', builtIn: 'POSTROUTING', chain: 'DEVSTACK-GUARD-POST' },
];

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

/**
 * The guard's rules, as `iptables -A` arguments per hook's chain.
 * - OUTPUT: a packet this machine sends to a Service or pod address that no rule of kube-proxy
 *   has translated is refused at once (REJECT, so a request that would leave fails here). Not the
 *   translated ones: in OUTPUT, `-o` still names the device of the route before kube-proxy's
 *   DNAT (the kernel routes the packet again afterwards), so a request to a Service's pod would
 *   look as if it left through the uplink.
 * - POSTROUTING (mangle): where `-o` is the device a packet really leaves by: nothing to the
 *   Service or pod ranges, nothing first addressed to a Service (wherever kube-proxy sent it)
 *   and nothing from a pod leaves through the uplink.
 * - FORWARD: nothing from the pods' bridge, or to the cluster's ranges, is forwarded to the uplink.
 */
export function guardRules(uplink: string): Record<string, string[][]> {
  const reject = ['-j', 'REJECT', '--reject-with', 'icmp-admin-prohibited'];
  const untranslated = ['-m', 'conntrack', '!', '--ctstate', 'DNAT'];
  const ranges = [SERVICE_CIDR, POD_CIDR];
  return {
    'DEVSTACK-GUARD-OUT': ranges.map((range) => ['-o', uplink, '-d', range, ...untranslated, ...reject]),
    'DEVSTACK-GUARD-FWD': [...ranges.map((range) => ['-o', uplink, '-d', range, ...reject]), ['-i', CLUSTER_BRIDGE, '-o', uplink, ...reject]],
    'DEVSTACK-GUARD-POST': [
      ...ranges.map((range) => ['-o', uplink, '-d', range, '-j', 'DROP']),
      ['-o', uplink, '-m', 'conntrack', '--ctorigdst', SERVICE_CIDR, '-j', 'DROP'],
      ['-o', uplink, '-s', POD_CIDR, '-j', 'DROP'],
    ],
  };
}

/**
 * Puts the guard in place, first in each of its built-in chains: nothing addressed to the
 * Service or pod ranges, and nothing from a pod, leaves through the uplink (before kube-proxy
 * has written its rules, a packet to a Service address would follow the default route out).
 * Called again after kube-proxy and the kubelet have inserted their own jumps, to stay first.
 */
export function installGuard(uplink: string): void {
  const rules = guardRules(uplink);
  for (const { table, builtIn, chain } of GUARD_HOOKS) {
    if (iptables(['-t', table, '-n', '-L', chain]).status !== 0) iptablesOk(['-t', table, '-N', chain]);
    iptablesOk(['-t', table, '-F', chain]);
    for (const rule of rules[chain]) iptablesOk(['-t', table, '-A', chain, ...rule]);
    while (iptables(['-t', table, '-D', builtIn, '-j', chain]).status === 0);
    iptablesOk(['-t', table, '-I', builtIn, '1', '-j', chain]);
  }
}

/** The first rule of a built-in chain, as `iptables -S` prints it. */
export function firstRule({ table, builtIn }: GuardHook): string | undefined {
  return iptablesOk(['-t', table, '-S', builtIn]).split('\n').find((line) => line.startsWith('-A '));
}

/** Packets each guard rule has stopped so far, by its `iptables -S` line (without the counters). */
export function guardCounters(): Map<string, number> {
  const counters = new Map<string, number>();
  for (const { table, chain } of GUARD_HOOKS) {
    const listed = iptables(['-t', table, '-S', chain, '-v']);
    if (listed.status !== 0) continue;
    for (const line of listed.output.split('\n').filter((l) => l.startsWith('-A '))) {
      const packets = Number(/-c (\d+) \d+/.exec(line)?.[1] ?? 0);
      counters.set(line.replace(/ -c \d+ \d+/, ''), packets);
    }
  }
  return counters;
}

export function removeGuard(): void {
  for (const { table, builtIn, chain } of GUARD_HOOKS) {
    while (iptables(['-t', table, '-D', builtIn, '-j', chain]).status === 0);
    iptables(['-t', table, '-F', chain]);
    iptables(['-t', table, '-X', chain]);
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
