import { checkAptPackages, checkNpmPackageSpecs } from './dockerfile-input';
import { DEFAULTS } from '../defaults';
import { checkBaseImage } from './image-reference';
import { ignoredBy } from '../ignore/local-files';
import { checkNodeVersion } from '../node-version';
import { checkPipenvVersion, checkUvVersion } from '../pipenv/pep440';
import { checkAppEntrypoint, checkBaseUrlPath, checkPort, IgnoreCheck } from '../streamlit/streamlit-input';
import { resolvedOnce } from '../validation';

/** Options of the Dockerfile component (`PyStreamlitDevstackProject` derives them from its own). */
export interface DockerfileOptions {
  /** Base image of every stage. */
  readonly baseImage: string;
  /** Port Streamlit listens on (1024 to 65535). */
  readonly port: number;
  /** Path of the Streamlit script, relative to the project root. */
  readonly appEntrypoint: string;
  /** Exact Pipenv version installed in `builder` and `development`. */
  readonly pipenvVersion: string;
  /**
   * Exact uv version that installs the lock's packages in `app` and `development`.
   *
   * @default "0.13.9"
   */
  readonly uvVersion?: string;
  /**
   * Node.js version of the `development` stage (copied from `node:<nodeVersion>-slim`).
   *
   * @default "24"
   */
  readonly nodeVersion?: string;
  /**
   * npm packages (`name@range`, from the registry) installed in the `development` stage, which
   * the dev container copies into a workspace that has no `node_modules` yet, so its first
   * `npm install` only adds what differs. The project type passes its `.projenrc.ts` toolchain.
   *
   * @default [] (nothing baked: the dev container installs the toolchain when it starts)
   */
  readonly devToolchainPackages?: string[];
  /**
   * URL path the app is served under, without outer slashes.
   *
   * @default - the root
   */
  readonly baseUrlPath?: string;
  /**
   * Debian packages of the `base` stage (production image and dev container).
   *
   * @default []
   */
  readonly aptPackages?: string[];
  /**
   * Debian packages of the `development` stage only.
   *
   * @default []
   */
  readonly devAptPackages?: string[];
}

/** The Dockerfile's options with every default applied and every value checked. */
export interface ResolvedDockerfileOptions {
  readonly baseImage: string;
  readonly port: number;
  readonly appEntrypoint: string;
  readonly pipenvVersion: string;
  readonly uvVersion: string;
  readonly nodeVersion: string;
  /** The official Node.js image the `development` stage copies Node.js and npm from. */
  readonly nodeImage: string;
  /** Without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
  readonly aptPackages: string[];
  readonly devAptPackages: string[];
  readonly devToolchainPackages: string[];
  /** uv's own image (`ghcr.io/astral-sh/uv:<uvVersion>`), which `builder` and `development` copy the binary from. */
  readonly uvImage: string;
}

/** What the generated ignore files leave out: the check of a Dockerfile used alone. */
const generatedIgnores: IgnoreCheck = (path) => ignoredBy(path);

/**
 * The Dockerfile component's options, checked once: the project type resolves them before
 * any component exists, and the component takes that result as it is.
 *
 * @param ignored what leaves a path out of the image or of git: used alone, the generated
 * ignore files; in the project type, the user's `gitignore` lines too
 */
export const resolveDockerfileOptions = resolvedOnce((
  options: DockerfileOptions,
  ignored: IgnoreCheck = generatedIgnores,
): ResolvedDockerfileOptions => ({
  baseImage: checkBaseImage(options.baseImage),
  port: checkPort(options.port),
  appEntrypoint: checkAppEntrypoint(options.appEntrypoint, ignored),
  pipenvVersion: checkPipenvVersion(options.pipenvVersion),
  uvVersion: checkUvVersion(options.uvVersion ?? DEFAULTS.uvVersion),
  uvImage: `ghcr.io/astral-sh/uv:${checkUvVersion(options.uvVersion ?? DEFAULTS.uvVersion)}`,
  nodeVersion: checkNodeVersion(options.nodeVersion ?? DEFAULTS.nodeVersion),
  nodeImage: `node:${checkNodeVersion(options.nodeVersion ?? DEFAULTS.nodeVersion)}-slim`,
  baseUrlPath: checkBaseUrlPath(options.baseUrlPath ?? ''),
  aptPackages: checkAptPackages('aptPackages', options.aptPackages ?? []),
  devAptPackages: checkAptPackages('devAptPackages', options.devAptPackages ?? []),
  devToolchainPackages: checkNpmPackageSpecs('devToolchainPackages', options.devToolchainPackages ?? []),
}));
