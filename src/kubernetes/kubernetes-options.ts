import { ContainerEngine } from '../docker/container-engine';
import { OptionError, refuseUnknownKeys, requireObject, resolvedOnce } from '../validation';

/** How the app runs on Kubernetes. */
export interface KubernetesOptions {
  /**
   * The fewest replicas the HorizontalPodAutoscaler keeps (it owns the replica count).
   *
   * @default 2
   */
  readonly minReplicas?: number;
  /**
   * The most replicas the HorizontalPodAutoscaler may start.
   *
   * @default 6
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU use, in percent of `cpuRequest`, above which the HorizontalPodAutoscaler adds replicas.
   *
   * @default 70
   */
  readonly targetCpuUtilization?: number;
  /**
   * CPU each replica is guaranteed (a Kubernetes quantity such as `"250m"`).
   *
   * @default "250m"
   */
  readonly cpuRequest?: string;
  /**
   * CPU each replica may use at most.
   *
   * @default "1"
   */
  readonly cpuLimit?: string;
  /**
   * Memory each replica is guaranteed (a Kubernetes quantity such as `"512Mi"`).
   *
   * @default "512Mi"
   */
  readonly memoryRequest?: string;
  /**
   * Memory each replica may use at most; Streamlit keeps every session's state in memory.
   *
   * @default "1Gi"
   */
  readonly memoryLimit?: string;
  /**
   * Host name the Ingress answers for (for example `"app.example.com"`).
   *
   * @default - any host
   */
  readonly ingressHost?: string;
  /**
   * IngressClass of the Ingress. Its annotations are ingress-nginx's; the README says
   * what other controllers need.
   *
   * @default "nginx"
   */
  readonly ingressClassName?: string;
}

/** Options of the Kubernetes component (`PyStreamlitDevstackProject` derives them from its own). */
export interface KubernetesManifestsOptions {
  /** A lower-case slug that names every object (and the cookie Secret). */
  readonly appSlug: string;
  /** The image to deploy, with its tag. */
  readonly imageName: string;
  /** The port Streamlit listens on in the image. */
  readonly port: number;
  /**
   * URL path the app is served under, without outer slashes.
   *
   * @default - the root
   */
  readonly baseUrlPath?: string;
  /**
   * The engine `docker:push` calls.
   *
   * @default ContainerEngine.DOCKER
   */
  readonly containerEngine?: ContainerEngine;
  /**
   * Replicas, resources and the Ingress.
   *
   * @default - the defaults of each field
   */
  readonly kubernetesOptions?: KubernetesOptions;
}

/** Every field of `kubernetesOptions` with its default applied and its value checked, and the app's Kubernetes name. */
export interface ResolvedKubernetesOptions {
  /** Name of every object (and prefix of the cookie Secret's name), derived from the project name. */
  readonly appName: string;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  readonly ingressHost?: string;
  readonly ingressClassName: string;
}

export const KUBERNETES_DEFAULTS = {
  minReplicas: 2,
  maxReplicas: 6,
  targetCpuUtilization: 70,
  cpuRequest: '250m',
  cpuLimit: '1',
  memoryRequest: '512Mi',
  memoryLimit: '1Gi',
  ingressClassName: 'nginx',
} as const;

const FIELDS: Record<keyof KubernetesOptions, true> = {
  minReplicas: true,
  maxReplicas: true,
  targetCpuUtilization: true,
  cpuRequest: true,
  cpuLimit: true,
  memoryRequest: true,
  memoryLimit: true,
  ingressHost: true,
  ingressClassName: true,
};

/** Room left for the longest suffix added to the app name (`-cookie-secret`) within a 63-character name. */
const APP_NAME_MAX = 63 - '-cookie-secret'.length;
const CPU_QUANTITY = /^(\d+(\.\d+)?|\.\d+)m?$/;
const MEMORY_QUANTITY = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const DNS_LABEL = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
const HOST_NAME = new RegExp(`^(\\*\\.)?${DNS_LABEL}(\\.${DNS_LABEL})+$`);
/** A DNS subdomain name (RFC 1123), as Kubernetes names most objects. */
export const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);

const example = (field: string, value: string) => `kubernetesOptions: { ${field}: ${value} }`;

/**
 * The Kubernetes name of the app: the project's slug as an RFC 1035 label (a Service
 * name must start with a letter), short enough for every suffix.
 */
export function kubernetesAppName(slug: string): string {
  const label = /^[a-z]/.test(slug) ? slug : `app-${slug}`;
  return label.slice(0, APP_NAME_MAX).replace(/-+$/, '');
}

function resolveKubernetesFields(value: unknown, slug: string): ResolvedKubernetesOptions {
  const given = requireObject('kubernetesOptions', value, example('minReplicas', '3'));
  refuseUnknownKeys('kubernetesOptions', given, Object.keys(FIELDS), example('minReplicas', '3'));
  const d = KUBERNETES_DEFAULTS;
  const minReplicas = checkCount('minReplicas', given.minReplicas ?? d.minReplicas, 1);
  const maxReplicas = checkCount('maxReplicas', given.maxReplicas ?? d.maxReplicas, minReplicas);
  const cpuRequest = checkQuantity('cpuRequest', given.cpuRequest ?? d.cpuRequest, CPU_QUANTITY, '"500m"');
  const cpuLimit = checkQuantity('cpuLimit', given.cpuLimit ?? d.cpuLimit, CPU_QUANTITY, '"2"');
  const memoryRequest = checkQuantity('memoryRequest', given.memoryRequest ?? d.memoryRequest, MEMORY_QUANTITY, '"1Gi"');
  const memoryLimit = checkQuantity('memoryLimit', given.memoryLimit ?? d.memoryLimit, MEMORY_QUANTITY, '"2Gi"');
  checkRequestWithinLimit('cpu', cpuRequest, cpuLimit);
  checkRequestWithinLimit('memory', memoryRequest, memoryLimit);
  return {
    appName: kubernetesAppName(slug),
    minReplicas,
    maxReplicas,
    targetCpuUtilization: checkPercent('targetCpuUtilization', given.targetCpuUtilization ?? d.targetCpuUtilization),
    cpuRequest,
    cpuLimit,
    memoryRequest,
    memoryLimit,
    ...(given.ingressHost === undefined ? {} : { ingressHost: checkIngressHost(given.ingressHost) }),
    ingressClassName: checkIngressClassName(given.ingressClassName ?? d.ingressClassName),
  };
}

function checkCount(field: 'minReplicas' | 'maxReplicas', value: unknown, least: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < least || value > 1000) {
    const rule = field === 'minReplicas' ? 'It must be a whole number from 1 to 1000' : `It must be a whole number from minReplicas (${least}) to 1000`;
    throw new OptionError(`kubernetesOptions.${field}`, value, rule, example(field, String(Math.max(least, 3))));
  }
  return value;
}

function checkPercent(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 100) {
    throw new OptionError(`kubernetesOptions.${field}`, value, 'It must be a whole percentage from 1 to 100', example(field, '70'));
  }
  return value;
}

function checkQuantity(field: string, value: unknown, pattern: RegExp, good: string): string {
  if (typeof value !== 'string' || !pattern.test(value) || quantityValue(value) <= 0) {
    const kind = field.startsWith('cpu') ? 'CPU quantity: cores ("1", "0.5") or millicores ("250m")' : 'memory quantity in bytes with an optional suffix ("512Mi", "1Gi", "500M")';
    throw new OptionError(`kubernetesOptions.${field}`, value, `It must be a positive Kubernetes ${kind}, as a string`, example(field, good));
  }
  return value;
}

const SUFFIX_FACTORS: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** The number a CPU or memory quantity stands for (cores or bytes). */
export function quantityValue(quantity: string): number {
  const match = /^([\d.]+)([a-zA-Z]*)$/.exec(quantity);
  if (!match) return NaN;
  return Number(match[1]) * (match[2] ? SUFFIX_FACTORS[match[2]] ?? NaN : 1);
}

function checkRequestWithinLimit(resource: 'cpu' | 'memory', request: string, limit: string): void {
  if (quantityValue(request) > quantityValue(limit)) {
    throw new OptionError(
      `kubernetesOptions.${resource}Request`,
      request,
      `It must not exceed ${resource}Limit (${limit}): Kubernetes refuses a request above its limit`,
      `kubernetesOptions: { ${resource}Request: "${limit}", ${resource}Limit: "${limit}" }`,
    );
  }
}

function checkIngressHost(value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !HOST_NAME.test(value)) {
    throw new OptionError('kubernetesOptions.ingressHost', value, 'It must be a lower-case DNS host name with at least one dot, optionally starting with "*."; no scheme, port or path', example('ingressHost', '"streamlit.example.com"'));
  }
  return value;
}

function checkIngressClassName(value: unknown): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    throw new OptionError('kubernetesOptions.ingressClassName', value, 'It must be the name of an IngressClass: lower-case letters, digits, "-" and "."', example('ingressClassName', `"${KUBERNETES_DEFAULTS.ingressClassName}"`));
  }
  return value;
}

/** The Kubernetes component's options with every default applied and every value checked. */
export interface ResolvedKubernetesManifestsOptions {
  readonly appSlug: string;
  readonly imageName: string;
  readonly port: number;
  readonly baseUrlPath: string;
  readonly containerEngine: ContainerEngine;
  readonly kubernetesOptions: ResolvedKubernetesOptions;
}

/**
 * The Kubernetes component's options, checked once: the project type resolves them before
 * any component exists, and the component takes that result as it is.
 */
export const resolveKubernetesManifestsOptions = resolvedOnce((options: KubernetesManifestsOptions): ResolvedKubernetesManifestsOptions => ({
  appSlug: options.appSlug,
  imageName: options.imageName,
  port: options.port,
  baseUrlPath: options.baseUrlPath ?? '',
  containerEngine: options.containerEngine ?? ContainerEngine.DOCKER,
  kubernetesOptions: resolveKubernetesFields(options.kubernetesOptions ?? {}, options.appSlug),
}));
