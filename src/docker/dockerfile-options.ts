import { checkAptPackages } from './dockerfile-input';
import { checkBaseImage } from './image-reference';
import { ignoredBy } from '../ignore/local-files';
import { checkPipenvVersion } from '../pipenv/pep440';
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
  /** Without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
  readonly aptPackages: string[];
  readonly devAptPackages: string[];
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
  baseUrlPath: checkBaseUrlPath(options.baseUrlPath ?? ''),
  aptPackages: checkAptPackages('aptPackages', options.aptPackages ?? []),
  devAptPackages: checkAptPackages('devAptPackages', options.devAptPackages ?? []),
}));
