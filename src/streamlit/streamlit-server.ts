/** Facts about the Streamlit server that the image, the tasks and the manifests all depend on. */
export const STREAMLIT_SERVER = {
  /** Answers `ok` once the server can serve sessions. */
  healthPath: '/_stcore/health',
  /**
   * Answers whenever the HTTP server runs, ready or not: a liveness check that does not
   * restart a server that is only busy starting or stopping (that is readiness's job).
   */
  livenessPath: '/_stcore/host-config',
  /** Signs the XSRF cookie: every replica behind one address must share it, or uploads fail with 403. */
  cookieSecretEnv: 'STREAMLIT_SERVER_COOKIE_SECRET',
  /** Streamlit's default `server.maxUploadSize`, in megabytes: a proxy in front must accept bodies this large. */
  maxUploadMegabytes: 200,
} as const;
