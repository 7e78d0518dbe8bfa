import { CLUSTER_BRIDGE, POD_CIDR, POD_SUBNET, SERVICE_CIDR } from './cluster-network';
import { ClusterPki } from './cluster-pki';

/** Ports on 127.0.0.1 (the kubelet's on the node address) that the cluster's daemons listen on, away from the defaults. */
export const CLUSTER_PORTS = {
  etcdClient: 23790,
  etcdPeer: 23800,
  apiserver: 16443,
  controllerManager: 20257,
  scheduler: 20259,
  kubelet: 20250,
  kubeletHealthz: 20248,
  proxyHealthz: 20256,
  proxyMetrics: 20249,
  registry: 18800,
} as const;

export const NODE_NAME = 'devstack-e2e-node';
export const CNI_NETWORK = 'devstack-e2e-cluster';
/** Where the cluster's containerd pulls the pod sandbox image from (pushed there at start). */
export const PAUSE_IMAGE = `127.0.0.1:${CLUSTER_PORTS.registry}/devstack-e2e/pause:3.10`;

/** The folders of one run's cluster, all under its state folder. */
export interface ClusterPaths {
  readonly state: string;
  readonly etcd: string;
  readonly containerdRoot: string;
  readonly containerdState: string;
  readonly containerdSocket: string;
  /** runc's state (it defaults to /run/containerd/runc). */
  readonly runcRoot: string;
  readonly registryHosts: string;
  readonly cniConf: string;
  readonly cniBin: string;
  readonly cniIpam: string;
  readonly kubeletRoot: string;
  readonly podLogs: string;
  readonly volumePlugins: string;
  readonly kubeconfig: string;
}

export function containerdConfig(paths: ClusterPaths, runc: string): string {
  return `version = 2
root = ${JSON.stringify(paths.containerdRoot)}
state = ${JSON.stringify(paths.containerdState)}
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]

[grpc]
  address = ${JSON.stringify(paths.containerdSocket)}

[metrics]
  address = ""

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = ${JSON.stringify(PAUSE_IMAGE)}
  # this VM drops CAP_SYS_RESOURCE, so a negative oom_score_adj is refused (runc: "can't get final child's PID")
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        BinaryName = ${JSON.stringify(runc)}
        Root = ${JSON.stringify(paths.runcRoot)}
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = ${JSON.stringify(paths.cniBin)}
    conf_dir = ${JSON.stringify(paths.cniConf)}
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = ${JSON.stringify(paths.registryHosts)}
`;
}

/** containerd's hosts.toml for the registry on 127.0.0.1: plain HTTP, as the tests' registry serves. */
export function registryHostsToml(host: string): string {
  return `server = "http://${host}"\n\n[host."http://${host}"]\n  capabilities = ["pull", "resolve"]\n`;
}

/** The pods' network: the CNI bridge plugin, no masquerading (pods need no way out), host-local addresses. */
export function cniConfig(paths: ClusterPaths): string {
  return JSON.stringify({
    cniVersion: '0.4.0',
    name: CNI_NETWORK,
    plugins: [{
      type: 'bridge',
      bridge: CLUSTER_BRIDGE,
      isGateway: true,
      ipMasq: false,
      hairpinMode: true,
      ipam: { type: 'host-local', ranges: [[{ subnet: POD_SUBNET }]], routes: [{ dst: '0.0.0.0/0' }], dataDir: paths.cniIpam },
    }],
  }, null, 2);
}

export function kubeletConfig(paths: ClusterPaths, pki: ClusterPki, nodeAddress: string): string {
  return JSON.stringify({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: nodeAddress,
    port: CLUSTER_PORTS.kubelet,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort: CLUSTER_PORTS.kubeletHealthz,
    cgroupDriver: 'cgroupfs',
    failSwapOn: false,
    containerRuntimeEndpoint: `unix://${paths.containerdSocket}`,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: false }, x509: { clientCAFile: pki.ca } },
    authorization: { mode: 'AlwaysAllow' },
    podLogsDir: paths.podLogs,
    volumePluginDir: paths.volumePlugins,
    resolvConf: '/etc/resolv.conf',
    serializeImagePulls: false,
    // a shared disk that is fuller than the defaults allow must not evict the test's pods
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '1%', 'imagefs.available': '1%', 'nodefs.inodesFree': '1%' },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
  }, null, 2);
}

/** kube-proxy in iptables mode, told not to change the host's conntrack sysctls or route_localnet. */
export function kubeProxyConfig(paths: ClusterPaths): string {
  return JSON.stringify({
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    clientConnection: { kubeconfig: paths.kubeconfig },
    mode: 'iptables',
    clusterCIDR: POD_CIDR,
    hostnameOverride: NODE_NAME,
    healthzBindAddress: `127.0.0.1:${CLUSTER_PORTS.proxyHealthz}`,
    metricsBindAddress: `127.0.0.1:${CLUSTER_PORTS.proxyMetrics}`,
    conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
    iptables: { localhostNodePorts: false },
  }, null, 2);
}

/** The configuration files the daemons read. */
export interface DaemonFiles {
  readonly kubeletConfig: string;
  readonly kubeProxyConfig: string;
  readonly containerdConfig: string;
}

/** Each daemon's command line, by name. */
export function daemonArgs(paths: ClusterPaths, pki: ClusterPki, nodeAddress: string, files: DaemonFiles): Record<string, string[]> {
  const etcd = `http://127.0.0.1:${CLUSTER_PORTS.etcdClient}`;
  const peer = `http://127.0.0.1:${CLUSTER_PORTS.etcdPeer}`;
  return {
    'etcd': ['--name', 'devstack-e2e', '--data-dir', paths.etcd, '--listen-client-urls', etcd, '--advertise-client-urls', etcd,
      '--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer, '--initial-cluster', `devstack-e2e=${peer}`, '--log-level', 'warn'],
    'kube-apiserver': [
      `--etcd-servers=${etcd}`,
      '--bind-address=127.0.0.1', `--secure-port=${CLUSTER_PORTS.apiserver}`, `--advertise-address=${nodeAddress}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      `--client-ca-file=${pki.ca}`, `--tls-cert-file=${pki.serverCert}`, `--tls-private-key-file=${pki.serverKey}`,
      `--kubelet-client-certificate=${pki.adminCert}`, `--kubelet-client-key=${pki.adminKey}`,
      // `kubectl logs` and `exec` would otherwise resolve the node's name in DNS
      '--kubelet-preferred-address-types=InternalIP,Hostname',
      `--service-account-key-file=${pki.serviceAccountPublicKey}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--authorization-mode=Node,RBAC', '--profiling=false',
    ],
    'kube-controller-manager': [
      `--kubeconfig=${paths.kubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${CLUSTER_PORTS.controllerManager}`,
      `--service-account-private-key-file=${pki.serviceAccountKey}`, `--root-ca-file=${pki.ca}`, '--profiling=false',
      `--flex-volume-plugin-dir=${paths.volumePlugins}`,
    ],
    'kube-scheduler': [`--kubeconfig=${paths.kubeconfig}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${CLUSTER_PORTS.scheduler}`, '--profiling=false'],
    'containerd': ['--config', files.containerdConfig],
    'kubelet': [`--config=${files.kubeletConfig}`, `--kubeconfig=${paths.kubeconfig}`, `--root-dir=${paths.kubeletRoot}`, `--cert-dir=${paths.kubeletRoot}/pki`,
      `--hostname-override=${NODE_NAME}`, `--node-ip=${nodeAddress}`],
    'kube-proxy': [`--config=${files.kubeProxyConfig}`],
  };
}
