const TESTS_DIR = 'tests';

/** Fixed layout shared by the Dockerfile, the dev container, the tasks and the project type. */
export const LAYOUT = {
  /** Working directory in every stage and the dev container's workspace mount. */
  workspace: '/workspace',
  /** Self-contained Python environment built in `builder` and copied to `app`. */
  venv: '/opt/venv',
  appUser: { name: 'app', uid: 10001 },
  /** Matches the usual uid of a single-user Linux host, so the mounted workspace is writable. */
  devUser: { name: 'vscode', uid: 1000 },
  /** Project-local Pipenv environment (PIPENV_VENV_IN_PROJECT). */
  devVenv: '.venv',
  testsDir: TESTS_DIR,
  /** The Kubernetes manifests (a kustomize base) and the user's overlays: deployment config, never in the image. */
  k8sDir: 'k8s',
  appTestFile: `${TESTS_DIR}/test_app.py`,
  streamlitConfig: '.streamlit/config.toml',
  /** The project's only source of truth: its options, in TypeScript. */
  projenrc: '.projenrc.ts',
} as const;
