import { ChildProcess, spawn } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { workDir } from './generated-project';
import { waitForUrl } from './wait-for-url';

/** One app replica behind the load balancer. */
export interface Replica {
  readonly name: string;
  readonly port: number;
}

/** What the generated Ingress asks of a proxy in front of Streamlit. */
export interface ProxySettings {
  /** The affinity cookie's name, or undefined for plain round-robin (the negative control). */
  readonly affinityCookie?: string;
  /** Idle timeout for a client's and a server's side of a WebSocket, in seconds. */
  readonly timeoutSeconds: number;
}

/**
 * HAProxy (Debian's) in front of the replicas, configured as ingress-nginx is by the
 * generated Ingress: round-robin for new browsers, a cookie that pins each browser to
 * its replica, long WebSocket timeouts, and a health check on Streamlit's endpoint.
 */
export function haproxyConfig(listenPort: number, replicas: readonly Replica[], proxy: ProxySettings, healthPath: string): string {
  const timeout = `${proxy.timeoutSeconds}s`;
  return [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    // a request for a replica that is gone goes to another one, as ingress-nginx's proxy_next_upstream does
    '  option redispatch',
    '  retries 3',
    '  timeout connect 5s',
    `  timeout client ${timeout}`,
    `  timeout server ${timeout}`,
    `  timeout tunnel ${timeout}`,
    'frontend web',
    `  bind 127.0.0.1:${listenPort}`,
    '  default_backend app',
    'backend app',
    '  balance roundrobin',
    `  option httpchk GET ${healthPath}`,
    ...(proxy.affinityCookie ? [`  cookie ${proxy.affinityCookie} insert indirect nocache httponly`] : []),
    ...replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port} check inter 1s${proxy.affinityCookie ? ` cookie ${r.name}` : ''}`),
    '',
  ].join('\n');
}

export interface RunningProxy {
  readonly url: string;
  readonly log: () => string;
  stop(): void;
}

/**
 * Starts HAProxy in the foreground on `listenPort` and waits until it serves the app's
 * health endpoint from a replica (the readiness signal).
 */
export async function startHaproxy(listenPort: number, config: string, healthPath: string): Promise<RunningProxy> {
  const file = join(workDir('devstack-haproxy-'), 'haproxy.cfg');
  writeFileSync(file, config);
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${listenPort}`;
  try {
    await waitForUrl(`${url}${healthPath}`, 'haproxy', { timeoutMs: 120_000, gone: () => (child.exitCode === null ? undefined : `exit ${child.exitCode}:\n${log}\n${config}`) });
  } catch (error) {
    child.kill();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return { url, log: () => log, stop: () => child.kill() };
}

/** The proxy settings the generated Ingress asks for (its ingress-nginx annotations), with or without its affinity. */
export function ingressProxySettings(ingressYaml: string, affinity: boolean): ProxySettings {
  const annotations = parse(ingressYaml).metadata.annotations;
  return {
    affinityCookie: affinity && annotations['nginx.ingress.kubernetes.io/affinity'] === 'cookie' ? annotations['nginx.ingress.kubernetes.io/session-cookie-name'] : undefined,
    timeoutSeconds: Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']),
  };
}
