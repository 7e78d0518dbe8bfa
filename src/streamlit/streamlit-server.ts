/**
 * Streamlit's flags for the server settings that follow options: the base URL path, when
 * the app is not served at the root.
 */
export function baseUrlPathFlags(baseUrlPath: string): string[] {
  return baseUrlPath ? [`--server.baseUrlPath=${baseUrlPath}`] : [];
}

/** A server path (such as the health endpoint) under the app's base URL path. */
export function servedPath(baseUrlPath: string, path: string): string {
  return baseUrlPath ? `/${baseUrlPath}${path}` : path;
}

/** Facts about the Streamlit server that the image, the tasks and the manifests all depend on. */
export const STREAMLIT_SERVER = {
  /** Answers `ok` once the server can serve sessions. */
  healthPath: '/_stcore/health',
  /**
   * Answers whenever the HTTP server runs, ready or not: a liveness check that does not
   * restart a server that is only busy starting or stopping (that is readiness's job).
   */
  livenessPath: '/_stcore/host-config',
  /**
   * Signs Streamlit's login cookie (`st.login`, `st.user`): every replica behind one address
   * must share it, or a user who lands on another replica (failover, scale-down) is logged out.
   */
  cookieSecretEnv: 'STREAMLIT_SERVER_COOKIE_SECRET',
  /** Streamlit's default `server.maxUploadSize`, in megabytes: a proxy in front must accept bodies this large. */
  maxUploadMegabytes: 200,
} as const;

/** Where and how Streamlit serves the app: the same values in the image and the `dev` task. */
export interface StreamlitServe {
  readonly appEntrypoint: string;
  readonly port: number;
  /** Without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
}

/** In the production image: every interface, no browser, no file watcher. */
export const PRODUCTION_FLAGS = ['--server.address=0.0.0.0', '--server.headless=true', '--server.fileWatcherType=none'];
/** In the `dev` task: rerun the app when a file is saved. */
export const DEVELOPMENT_FLAGS = ['--server.runOnSave=true'];

/** `streamlit run` with the app, its port and base path, then the mode's own flags. */
export function streamlitRunArgs(serve: StreamlitServe, modeFlags: readonly string[]): string[] {
  return ['streamlit', 'run', serve.appEntrypoint, `--server.port=${serve.port}`, ...baseUrlPathFlags(serve.baseUrlPath), ...modeFlags];
}
