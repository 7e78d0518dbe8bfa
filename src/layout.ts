const TESTS_DIR = 'tests';

/** The dev user's download caches (npm's, uv's), kept in volumes by the dev container. */
export const DEV_CACHES = { npm: '.npm', uv: '.cache/uv' } as const;

/** Fixed layout shared by the Dockerfile, the dev container, the tasks and the project type. */
export const LAYOUT = {
  /** Working directory in every stage and the dev container's workspace mount. */
  workspace: '/workspace',
  /**
   * The Python environment of both images, outside the workspace mount: in `app` the
   * locked packages, in `development` the locked dev packages (Pipenv's environment there).
   */
  venv: '/opt/venv',
  /** The pinned uv in `development` (copied from uv's own image, which `builder` and `app` mount for one step instead). */
  uvTools: '/opt/uv',
  /**
   * The `.projenrc.ts` toolchain's registry packages, installed in `development`: the dev
   * container copies its `node_modules` into a workspace that has none yet.
   */
  devToolchain: '/opt/devstack-toolchain',
  /** The pinned Pipenv in an environment of its own (its libraries stay out of the image's Python), linked into /usr/local/bin. */
  pipenvTools: '/opt/pipenv',
  appUser: { name: 'app', uid: 10001 },
  /** Matches the usual uid of a single-user Linux host, so the mounted workspace is writable. */
  devUser: { name: 'vscode', uid: 1000 },
  /**
   * The group that owns the dev image's environment: the Dev Containers CLI gives the dev
   * user the host's uid and gid at start (and re-owns only its home), and the user keeps
   * this group, so `/opt/venv` stays writable whatever the host's ids.
   */
  devEnvGroup: { name: 'devenv', gid: 10100 },
  /** A project-local environment (`.venv`), never in git or an image; the dev container's is `venv`. */
  devVenv: '.venv',
  testsDir: TESTS_DIR,
  /** The Kubernetes manifests (a kustomize base) and the user's overlays: deployment config, never in the image. */
  k8sDir: 'k8s',
  appTestFile: `${TESTS_DIR}/test_app.py`,
  streamlitConfig: '.streamlit/config.toml',
  /** The project's only source of truth: its options, in TypeScript. */
  projenrc: '.projenrc.ts',
} as const;
