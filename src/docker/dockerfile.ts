import { posix } from 'path';
import { FileBase, IResolver, Project } from '../projen-api';
import { checkAptPackages, checkEnvironment, checkInstruction, checkLabels, checkStage, dockerfileQuoted } from './dockerfile-input';
import { DockerfileOptions, ResolvedDockerfileOptions, resolveDockerfileOptions } from './dockerfile-options';
import { DockerfileStage, STAGE_ORDER } from './dockerfile-stage';
import { DEV_CACHES, LAYOUT } from '../layout';
import { lockMessage, UV_SYNC_FLAGS } from '../pipenv/pipenv-commands';
import { indexCredentialVariables } from '../pipenv/pipfile';
import { SYNCED_LOCK_STAMP, SYNCED_REQUIREMENTS } from '../pipenv/python-environment';
import { PRODUCTION_FLAGS, servedPath, STREAMLIT_SERVER, streamlitRunArgs } from '../streamlit/streamlit-server';

/** GitHub's published SSH host key, so `git` over SSH works without a prompt. */
const GITHUB_ED25519_HOST_KEY =
  'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

/** The lock as exported by the builder... */
const EXPORTED_REQUIREMENTS = '/tmp/locked-requirements.txt';
/** ...and where the app keeps it: in the environment, the record of what it holds. */
const LOCKED_REQUIREMENTS = `${LAYOUT.venv}/requirements.txt`;
/** The pinned uv, installed in `development`... */
const UV = `${LAYOUT.uvTools}/bin/uv`;
/** ...and where `builder` and `app` mount it from uv's image for one step (a folder that exists: no empty mount point stays behind). */
const MOUNTED_UV = '/usr/local/bin/uv';
/** Where a step mounts an image it copies from (empty in Debian images, so nothing stays behind). */
const IMAGE_MOUNT = '/mnt';
/** Where the `development` stage reads the Pipfile and its lock, to bake the dev packages in. */
const DEV_LOCK_DIR = '/tmp/devstack-lock';

/** The environment each stage sets itself; `addEnv` refuses these names there. */
const STACK_ENV: Readonly<Record<DockerfileStage, Readonly<Record<string, string>>>> = {
  [DockerfileStage.BASE]: {
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_ROOT_USER_ACTION: 'ignore',
    // uv's cache is a build cache mount, another filesystem: copy from it without a warning
    UV_LINK_MODE: 'copy',
    // the image's own Python, never one uv downloads
    UV_PYTHON_DOWNLOADS: 'never',
  },
  [DockerfileStage.BUILDER]: {},
  [DockerfileStage.APP]: {
    PATH: `${LAYOUT.venv}/bin:$PATH`,
    STREAMLIT_BROWSER_GATHER_USAGE_STATS: 'false',
    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION: 'true',
    // viewers of a production app get no developer menu (Deploy, Rerun, Clear cache)
    STREAMLIT_CLIENT_TOOLBAR_MODE: 'viewer',
  },
  [DockerfileStage.DEVELOPMENT]: {
    // the base stage's PYTHONDONTWRITEBYTECODE keeps Python from caching bytecode: uv compiles it at install
    UV_COMPILE_BYTECODE: '1',
    // a .venv folder in the workspace (from the host) is never Pipenv's here
    PIPENV_VENV_IN_PROJECT: '0',
    // Pipenv's environment is the baked one, outside the workspace mount (WORKON_HOME/NAME;
    // an active VIRTUAL_ENV would do too, but makes Pipenv print a notice on every command)
    WORKON_HOME: posix.dirname(LAYOUT.venv),
    PIPENV_CUSTOM_VENV_NAME: posix.basename(LAYOUT.venv),
    PATH: `${LAYOUT.venv}/bin:${LAYOUT.uvTools}/bin:$PATH`,
  },
};

/** What `.projenrc.ts` added to one stage. */
interface StageAdditions {
  readonly env: Map<string, string>;
  readonly instructions: string[];
}

/**
 * The multi-stage Dockerfile: `base`, `builder` (the pinned Pipenv checks the lock
 * and exports exactly what it pins, with hashes), `app` (production: installs that
 * into a self-contained environment, then the app) and `development` (the dev
 * container). `.projenrc.ts` adds to the stages through the methods below; the
 * content is rendered at synth, in a fixed order.
 */
export class Dockerfile extends FileBase {
  private readonly options: ResolvedDockerfileOptions;
  private readonly aptPackages: Set<string>;
  private readonly devAptPackages: Set<string>;
  private readonly labels = new Map<string, string>();
  private readonly additions: Record<DockerfileStage, StageAdditions> = {
    [DockerfileStage.BASE]: { env: new Map(), instructions: [] },
    [DockerfileStage.BUILDER]: { env: new Map(), instructions: [] },
    [DockerfileStage.APP]: { env: new Map(), instructions: [] },
    [DockerfileStage.DEVELOPMENT]: { env: new Map(), instructions: [] },
  };

  constructor(project: Project, options: DockerfileOptions) {
    super(project, 'Dockerfile', { marker: true });
    this.options = resolveDockerfileOptions(options);
    this.aptPackages = new Set(this.options.aptPackages);
    this.devAptPackages = new Set(this.options.devAptPackages);
  }

  /**
   * Appends instructions to a stage, in call order. They run as root: in `app` and
   * `development` before the stage switches to its non-root user, and in `app` before the
   * application files are copied, so a code change does not rerun them.
   *
   * @param stage the stage to add to
   * @param instructions whole instructions, for example `RUN python -m compileall -q /opt/venv`
   */
  public addInstructions(stage: DockerfileStage, ...instructions: string[]): void {
    const method = 'project.dockerfile.addInstructions()';
    const target = checkStage(method, stage);
    const checked = instructions.map((instruction) => checkInstruction(method, target, instruction));
    this.additions[target].instructions.push(...checked);
  }

  /**
   * Debian packages for the `base` stage: in the production image and the dev container.
   * The list is written sorted and without repeats.
   */
  public addAptPackages(...packages: string[]): void {
    checkAptPackages('project.dockerfile.addAptPackages()', packages, 'project.dockerfile.addAptPackages("libgomp1")').forEach((name) => this.aptPackages.add(name));
  }

  /** Debian packages for the `development` stage (the dev container) only. */
  public addDevAptPackages(...packages: string[]): void {
    checkAptPackages('project.dockerfile.addDevAptPackages()', packages, 'project.dockerfile.addDevAptPackages("graphviz")').forEach((name) => this.devAptPackages.add(name));
  }

  /**
   * Environment variables of a stage (later stages built on `base` inherit its variables).
   * Written sorted by name; setting a name again replaces its value. `$NAME` and `${NAME}` in
   * a value are expanded by the build, as Docker's ENV does; `\$` is a literal dollar sign, and
   * any other `$` is refused. In `base`, PATH may only be extended (`/opt/tools/bin:$PATH`).
   * A value is at most 16 KiB.
   */
  public addEnv(stage: DockerfileStage, variables: { [name: string]: string }): void {
    const method = 'project.dockerfile.addEnv()';
    const target = checkStage(method, stage);
    const checked = checkEnvironment(method, target, variables, Object.keys(STACK_ENV[target]));
    Object.entries(checked).forEach(([name, value]) => this.additions[target].env.set(name, value));
  }

  /** Labels of the production image (`app`), such as OCI annotations; written sorted by key, each value literally (no `$` expansion), at most 16 KiB. */
  public addLabels(labels: { [key: string]: string }): void {
    Object.entries(checkLabels('project.dockerfile.addLabels()', labels)).forEach(([key, value]) => this.labels.set(key, value));
  }

  /** The stages in the order they are written: `app` is last, so a plain build is production. */
  public get stages(): DockerfileStage[] {
    return [...STAGE_ORDER];
  }

  /** The lines of one stage as they will be written, from its `FROM` on. */
  public renderStage(stage: DockerfileStage): string[] {
    switch (checkStage('project.dockerfile.renderStage()', stage)) {
      case DockerfileStage.BASE: return this.baseStage();
      case DockerfileStage.BUILDER: return this.builderStage();
      case DockerfileStage.APP: return this.appStage();
      case DockerfileStage.DEVELOPMENT: return this.developmentStage();
    }
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    const lines = [
      `# ${this.marker}`,
      '# Stages: base -> development (dev container), base -> builder -> app (production).',
      '# app is last, so a build without --target gives the production image.',
      ...STAGE_ORDER.flatMap((stage) => ['', ...this.renderStage(stage)]),
    ];
    return lines.join('\n') + '\n';
  }

  /**
   * The pinned Pipenv, which the pinned uv installs into an environment of its own, so its
   * libraries never meet the project's. uv comes from its own image through a mount: a
   * RUN's mount costs the build nothing to check (a COPY from an image hashes the files on
   * every build to find its cache). In `development` uv stays, in `builder` it does not.
   *
   * @param development keep uv (on PATH in the dev container) and compile Pipenv's modules:
   * the dev container runs Pipenv often (a start takes 0.5 s instead of 1.6 to 2 s), and the
   * base stage's PYTHONDONTWRITEBYTECODE keeps Python from caching them later
   */
  private toolsInstall(options: { readonly development: boolean }): string[] {
    const pipenv = LAYOUT.pipenvTools;
    const from = this.options.uvImage;
    const install = (uv: string) => [
      `${uv} venv --quiet ${pipenv} \\`,
      ` && ${uv} pip install --quiet${options.development ? ' --compile-bytecode' : ''} --python ${pipenv}/bin/python "pipenv==${this.options.pipenvVersion}" \\`,
      ` && ln -s ${pipenv}/bin/pipenv /usr/local/bin/pipenv`,
    ];
    if (!options.development) {
      const [first, ...rest] = install(MOUNTED_UV);
      return [`RUN ${UV_CACHE_MOUNT} \\`, `    --mount=type=bind,from=${from},source=/uv,target=${MOUNTED_UV} \\`, `    ${first}`, ...rest];
    }
    return [
      `RUN ${UV_CACHE_MOUNT} \\`,
      `    --mount=type=bind,from=${from},source=/,target=${IMAGE_MOUNT} \\`,
      `    install -d ${LAYOUT.uvTools}/bin && cp ${IMAGE_MOUNT}/uv ${IMAGE_MOUNT}/uvx ${LAYOUT.uvTools}/bin/ \\`,
      ...install(UV).map((line, index) => (index === 0 ? ` && ${line}` : line)),
    ];
  }

  /**
   * The `.projenrc.ts` toolchain's registry packages, in a layer keyed on their specs (a
   * `file:` or git entry is left to the workspace's own install). A registry that cannot
   * serve them here leaves the dev container to install them when it starts.
   */
  private bakedToolchain(): string[] {
    const packages = this.options.devToolchainPackages;
    if (packages.length === 0) return [];
    const fallback = 'warning: the .projenrc.ts toolchain did not install here; the dev container installs it when it starts (npm install).';
    return [
      '# The .projenrc.ts toolchain, baked in: a fresh workspace copies its node_modules, and npm install only adds what differs.',
      `RUN ${NPM_CACHE_MOUNT} \\`,
      `    npm install --prefix ${LAYOUT.devToolchain} --no-save --no-audit --no-fund --loglevel=error ${packages.map(shellQuote).join(' ')} \\`,
      `  || { echo ${shellQuote(fallback)} >&2; rm -rf ${LAYOUT.devToolchain}; }`,
    ];
  }

  /**
   * The locked dev packages in a layer keyed on the Pipfile and its lock, so a fresh
   * workspace starts with them and only a changed lock downloads anything. The image builds
   * whatever the lock's state (the container is where a lock gets fixed): a missing lock, or
   * one that does not install, leaves the environment for the container's start to fill. A
   * private index's credentials are not build secrets here, so such a project installs then.
   * The environment keeps pip (editors install helpers with `python -m pip`; uv leaves it).
   */
  private bakedDevEnvironment(): string[] {
    const create = `python -m venv ${LAYOUT.venv}`;
    const group = LAYOUT.devEnvGroup;
    // the group owns it and new files inherit the group (setgid folders); the dev user is a member
    const own = `chgrp -R ${group.name} ${LAYOUT.venv} && chmod -R g+rwX ${LAYOUT.venv} && find ${LAYOUT.venv} -type d -exec chmod g+s {} +`;
    if (indexCredentialVariables(this.project).length) {
      return [
        "# The dev packages install when the container starts: the package index's credentials are not build secrets here.",
        `RUN ${create} && ${own}`,
      ];
    }
    const fallback = 'warning: the locked dev packages did not install here; the dev container installs them when it starts.';
    const exported = `${LAYOUT.venv}/${SYNCED_REQUIREMENTS}`;
    return [
      '# The locked dev packages, baked in: this layer is rebuilt only when the Pipfile or its lock changes.',
      "# The stamp (the lock's sha256) and the export tell the dev container's start (and test, dev, install) that the environment holds this lock.",
      `COPY Pipfile Pipfile.loc[k] ${DEV_LOCK_DIR}/`,
      `RUN ${UV_CACHE_MOUNT} \\`,
      `    ${create} \\`,
      ` && if [ -f ${DEV_LOCK_DIR}/Pipfile.lock ] && ! { \\`,
      `      PIPENV_PIPFILE=${DEV_LOCK_DIR}/Pipfile PIPENV_VERBOSITY=-1 pipenv requirements --dev --hash > ${exported} \\`,
      `      && ${lockedSync(UV, exported, { compileBytecode: true })} \\`,
      `      && sha256sum ${DEV_LOCK_DIR}/Pipfile.lock > ${LAYOUT.venv}/${SYNCED_LOCK_STAMP}; }; then \\`,
      `      echo ${shellQuote(fallback)} >&2; \\`,
      '    fi \\',
      ` && rm -rf ${DEV_LOCK_DIR} \\`,
      ` && ${own}`,
    ];
  }

  /** What `.projenrc.ts` added to a stage: its variables, then its instructions. */
  private added(stage: DockerfileStage): string[] {
    const { env, instructions } = this.additions[stage];
    const variables = [...env.entries()].sort(([a], [b]) => a.localeCompare(b, 'en'));
    return [...envInstruction(variables, true), ...instructions];
  }

  private baseStage(): string[] {
    return [
      `FROM ${this.options.baseImage} AS base`,
      ...envInstruction(Object.entries(STACK_ENV[DockerfileStage.BASE])),
      `WORKDIR ${LAYOUT.workspace}`,
      ...aptInstall([...this.aptPackages]),
      ...this.added(DockerfileStage.BASE),
    ];
  }

  private builderStage(): string[] {
    return [
      'FROM base AS builder',
      ...this.toolsInstall({ development: false }),
      '# The lock is the pinned truth: a missing or stale lock fails the build, it is never re-locked here.',
      'COPY Pipfile Pipfile.loc[k] ./',
      'RUN if [ ! -f Pipfile.lock ]; then \\',
      `      echo ${shellQuote(`error: ${lockMessage('missing')}`)} >&2; exit 1; \\`,
      '    fi; \\',
      // exactly the packages and versions the lock pins, each with its hashes; exported while the
      // check runs (each Pipenv start takes a core for 1.5 s), and kept only if the check passes
      `    PIPENV_VERBOSITY=-1 pipenv requirements --hash > ${EXPORTED_REQUIREMENTS} & exported=$!; \\`,
      '    if ! PIPENV_VERBOSITY=-1 pipenv verify >/dev/null 2>&1; then \\',
      `      echo ${shellQuote(`error: ${lockMessage('stale')}`)} >&2; exit 1; \\`,
      '    fi; \\',
      '    wait "$exported"',
      ...this.added(DockerfileStage.BUILDER),
    ];
  }

  private appStage(): string[] {
    const { port, baseUrlPath } = this.options;
    const user = LAYOUT.appUser;
    const healthUrl = `http://127.0.0.1:${port}${servedPath(baseUrlPath, STREAMLIT_SERVER.healthPath)}`;
    const healthProbe = `import sys, urllib.request; sys.exit(urllib.request.urlopen('${healthUrl}', timeout=4).status != 200)`;
    const labels = [...this.labels.entries()].sort(([a], [b]) => a.localeCompare(b, 'en'));
    const credentials = indexCredentials(indexCredentialVariables(this.project));
    return [
      'FROM base AS app',
      // Only the small requirements file crosses from builder: copying the whole environment would
      // make podman/buildah re-hash hundreds of MB on every rebuild just to find its cache.
      `COPY --from=builder ${EXPORTED_REQUIREMENTS} ${LOCKED_REQUIREMENTS}`,
      '# The app user, then the locked packages, hash-checked, into a self-contained environment: no',
      "# resolver, no Pipenv, no cache, and no uv either: uv's image is mounted for this one step.",
      '# Bytecode for what the app imports: the packages\' own test suites (tests/, almost half of the',
      "# modules) are never imported; a module that does not compile is compiled when imported, as uv's",
      '# own --compile-bytecode leaves it.',
      ...(credentials.length ? ["# The package index's credentials come as build secrets, never ENV or ARG: no layer keeps them."] : []),
      `RUN ${UV_CACHE_MOUNT} \\`,
      `    --mount=type=bind,from=${this.options.uvImage},source=/uv,target=${MOUNTED_UV} \\`,
      ...credentials,
      `${credentials.length ? ' && ' : '    '}groupadd --gid ${user.uid} ${user.name} \\`,
      // --no-log-init: a high uid would otherwise create a huge sparse /var/log/lastlog
      ` && useradd --uid ${user.uid} --gid ${user.name} --no-log-init --create-home --shell /usr/sbin/nologin ${user.name} \\`,
      ` && python -m venv --without-pip ${LAYOUT.venv} \\`,
      ` && ${lockedSync(MOUNTED_UV, LOCKED_REQUIREMENTS, { compileBytecode: false })} \\`,
      ` && { ${APP_BYTECODE.join(' ')} || true; }`,
      ...envInstruction(Object.entries(STACK_ENV[DockerfileStage.APP])),
      ...(labels.length ? [`LABEL ${labels.map(([key, value]) => `${key}=${dockerfileQuoted(value, { literal: true })}`).join(' \\\n      ')}`] : []),
      ...this.added(DockerfileStage.APP),
      `USER ${numericUser(user)}`,
      `EXPOSE ${port}`,
      'HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\',
      `  CMD ${execForm(['python', '-c', healthProbe])}`,
      `ENTRYPOINT ${execForm(streamlitRunArgs(this.options, PRODUCTION_FLAGS))}`,
      // Last, after the image's settings: a code-only change rebuilds just this one layer.
      // Files stay owned by root (COPY ignores USER), so the app cannot modify itself.
      '# Application files (.dockerignore keeps secrets and tooling out).',
      'COPY . .',
    ];
  }

  private developmentStage(): string[] {
    const user = LAYOUT.devUser;
    return [
      'FROM base AS development',
      ...aptInstall(['git', 'openssh-client', ...this.devAptPackages]),
      ...nodeInstall(this.options.nodeImage),
      ...this.toolsInstall({ development: true }),
      `RUN groupadd --gid ${user.uid} ${user.name} \\`,
      ` && groupadd --gid ${LAYOUT.devEnvGroup.gid} ${LAYOUT.devEnvGroup.name} \\`,
      ` && useradd --uid ${user.uid} --gid ${user.uid} --groups ${LAYOUT.devEnvGroup.name} --create-home --shell /bin/bash ${user.name} \\`,
      // the dev container's cache volumes take their owner from these folders
      ` && install -d -o ${user.uid} -g ${user.uid} ${cacheFolders().map((dir) => `/home/${user.name}/${dir}`).join(' ')} \\`,
      ` && echo ${shellQuote(GITHUB_ED25519_HOST_KEY)} >> /etc/ssh/ssh_known_hosts`,
      ...envInstruction(Object.entries(STACK_ENV[DockerfileStage.DEVELOPMENT])),
      ...this.bakedToolchain(),
      ...this.bakedDevEnvironment(),
      ...this.added(DockerfileStage.DEVELOPMENT),
      // the uid alone: the user's groups (devenv, which owns /opt/venv) come with it, as they do not with uid:gid
      `USER ${user.uid}`,
      `EXPOSE ${this.options.port}`,
      '# No application code here: the dev container mounts the workspace.',
      `CMD ${execForm(['sleep', 'infinity'])}`,
    ];
  }
}

/**
 * One `ENV` with a variable a line. The stack's own values are written bare where they
 * need no quotes (as before); added values are always quoted, so spaces and quotes are safe.
 */
function envInstruction(variables: readonly (readonly [string, string])[], quoteAll = false): string[] {
  if (variables.length === 0) return [];
  const quote = (value: string) => (quoteAll || /[^\w./:-]/.test(value) ? dockerfileQuoted(value, { literal: false }) : value);
  const lines = variables.map(([name, value], index) => `${index ? '    ' : 'ENV '}${name}=${quote(value)}`);
  return lines.map((line, index) => (index < lines.length - 1 ? `${line} \\` : line));
}

/**
 * `uid:gid` by number: Kubernetes' runAsNonRoot can only verify a numeric user, and a
 * name need not resolve on the host. Each user's group has the user's own id.
 */
function numericUser(user: { readonly uid: number }): string {
  return `${user.uid}:${user.uid}`;
}

/** The dev user's cache folders with every parent below home, parents first (install -d gives only the last its owner). */
function cacheFolders(): string[] {
  const folders = Object.values(DEV_CACHES).flatMap((path) => path.split('/').map((_, index, parts) => parts.slice(0, index + 1).join('/')));
  return [...new Set(folders)];
}

/** uv's and npm's download caches, kept between builds and out of the image. */
const UV_CACHE_MOUNT = '--mount=type=cache,target=/root/.cache/uv';
const NPM_CACHE_MOUNT = '--mount=type=cache,target=/root/.npm';

/**
 * The app's bytecode: every module of the environment but those under a `tests` or `test`
 * folder, on every core; `-qq` and the caller's `|| true` leave a module that does not
 * compile to be compiled when imported (uv's --compile-bytecode ignores those too).
 */
export const APP_BYTECODE = ['python', '-m', 'compileall', '-qq', '-j', '0', '-x', "'/tests?/'", `${LAYOUT.venv}/lib`] as const;

/** uv installs exactly the exported lock into the environment (see `UV_SYNC_FLAGS`). */
function lockedSync(uv: string, requirements: string, options: { readonly compileBytecode: boolean }): string {
  return [
    uv, 'pip', 'sync', '--python', `${LAYOUT.venv}/bin/python`, ...UV_SYNC_FLAGS,
    ...(options.compileBytecode ? ['--compile-bytecode'] : []), requirements,
  ].join(' ');
}

/**
 * Node.js and npm from the official image of the project's Node.js line, as its own
 * Dockerfile lays them out (Debian's nodejs is older than every supported line), copied
 * from a mount of that image (see `toolsInstall` for why not COPY).
 */
function nodeInstall(image: string): string[] {
  return [
    `RUN --mount=type=bind,from=${image},source=/usr/local,target=${IMAGE_MOUNT} \\`,
    `    cp ${IMAGE_MOUNT}/bin/node /usr/local/bin/node \\`,
    ` && mkdir -p /usr/local/lib/node_modules && cp -R ${IMAGE_MOUNT}/lib/node_modules/npm /usr/local/lib/node_modules/npm \\`,
    ' && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\',
    ' && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx',
  ];
}

/**
 * The private index's credentials for the install, as build secrets (never ENV or ARG, so
 * no layer or history entry keeps them): each variable the Pipfile's sources reference is
 * read from `/run/secrets/NAME` and exported, percent-encoded as Pipenv encodes it when it
 * locks, for pip to expand `${NAME}` in the exported requirements' index lines.
 */
function indexCredentials(variables: readonly string[]): string[] {
  if (variables.length === 0) return [];
  const encode = 'import sys, urllib.parse; print(urllib.parse.quote(open(sys.argv[1]).read().rstrip("\\n"), safe=""))';
  const missing = 'error: the build secret $name is missing or empty: the package index in the Pipfile takes it from the environment. ' +
    'Set $name and run npx projen docker:build (it passes --secret id=$name,env=$name).';
  return [
    ...variables.map((name) => `    --mount=type=secret,id=${name} \\`),
    `    for name in ${variables.join(' ')}; do \\`,
    `      if [ ! -s "/run/secrets/$name" ]; then echo "${missing}" >&2; exit 1; fi; \\`,
    `      export "$name=$(python -c ${shellQuote(encode)} "/run/secrets/$name")"; \\`,
    '    done \\',
  ];
}

function aptInstall(packages: readonly string[]): string[] {
  if (packages.length === 0) return [];
  return [
    '# Versions follow the base image\'s Debian release: pinned versions leave the mirror with each',
    '# security update and break the build. Pin baseImage by digest for a reproducible image.',
    '# hadolint ignore=DL3008',
    'RUN apt-get update \\',
    ` && apt-get install -y --no-install-recommends ${[...new Set(packages)].sort().join(' ')} \\`,
    ' && rm -rf /var/lib/apt/lists/*',
  ];
}

/** JSON array form: instructions run without a shell and receive signals directly. */
function execForm(args: string[]): string {
  return JSON.stringify(args);
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, '\'"\'"\'')}'`;
}
