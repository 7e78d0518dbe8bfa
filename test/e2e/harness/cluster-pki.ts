import { execFileSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';

/** The cluster's certificates and keys (paths), made with openssl for one run. */
export interface ClusterPki {
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** An admin client certificate (group system:masters): kubectl, the controllers and the kubelet use it. */
  readonly adminCert: string;
  readonly adminKey: string;
  /** The key pair that signs and verifies service account tokens. */
  readonly serviceAccountKey: string;
  readonly serviceAccountPublicKey: string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA, the API server's serving certificate for `serverAddresses`, an admin client certificate, a service account key pair. */
export function makeClusterPki(folder: string, serverAddresses: readonly string[]): ClusterPki {
  mkdirSync(folder, { recursive: true });
  openssl(['req', '-x509', ...EC_KEY, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=devstack-e2e-cluster-ca',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], folder);
  const leaf = (name: string, subject: string, extensions: string) => {
    writeFileSync(join(folder, `${name}.ext`), extensions);
    openssl(['req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], folder);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, '-extfile', `${name}.ext`], folder);
  };
  const names = ['kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'localhost'];
  const altNames = [...names.map((n) => `DNS:${n}`), ...serverAddresses.map((a) => `IP:${a}`)].join(',');
  leaf('apiserver', '/CN=kube-apiserver', `subjectAltName=${altNames}\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n`);
  leaf('admin', '/O=system:masters/CN=devstack-e2e-admin', 'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n');
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', 'sa.key'], folder);
  openssl(['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], folder);
  const path = (name: string) => join(folder, name);
  return {
    ca: path('ca.crt'),
    serverCert: path('apiserver.crt'),
    serverKey: path('apiserver.key'),
    adminCert: path('admin.crt'),
    adminKey: path('admin.key'),
    serviceAccountKey: path('sa.key'),
    serviceAccountPublicKey: path('sa.pub'),
  };
}

/** A kubeconfig for `server` with the admin client certificate, its context named `context`. */
export function writeKubeconfig(file: string, server: string, pki: ClusterPki, context = 'devstack-e2e'): string {
  writeFileSync(file, JSON.stringify({
    'apiVersion': 'v1',
    'kind': 'Config',
    'clusters': [{ name: context, cluster: { 'server': server, 'certificate-authority': pki.ca } }],
    'users': [{ name: 'admin', user: { 'client-certificate': pki.adminCert, 'client-key': pki.adminKey } }],
    'contexts': [{ name: context, context: { cluster: context, user: 'admin' } }],
    'current-context': context,
  }, null, 2));
  return file;
}
