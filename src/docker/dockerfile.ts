import { FileBase, IResolver, Project } from 'projen';
import { VENV_IN_PROJECT } from '../pipenv/venv-location';
import { DevstackSettings, LAYOUT } from '../settings';
import { baseUrlPathFlags, servedPath, STREAMLIT_SERVER } from '../streamlit/streamlit-server';

/** GitHub's published SSH host key, so `git` over SSH works without a prompt. */
const GITHUB_ED25519_HOST_KEY =
  'github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

export const LOCK_MISSING_MESSAGE =
  'Pipfile.lock is missing. Run "npx projen lock" (or "pipenv lock"), commit Pipfile.lock, then build again.';
export const LOCK_STALE_MESSAGE =
  'Pipfile.lock is out of date with Pipfile. Run "npx projen lock" (or "pipenv lock"), commit Pipfile.lock, then build again.';

/** The lock as exported by the builder... */
const EXPORTED_REQUIREMENTS = '/tmp/locked-requirements.txt';
/** ...and where the app keeps it: in the environment, the record of what it holds. */
const LOCKED_REQUIREMENTS = `${LAYOUT.venv}/requirements.txt`;

/**
 * The multi-stage Dockerfile: `base`, `builder` (the pinned Pipenv checks the lock
 * and exports exactly what it pins, with hashes), `app` (production: installs that
 * into a self-contained environment, then the app) and `development` (the dev
 * container).
 */
export class Dockerfile extends FileBase {
  constructor(
    project: Project,
    private readonly settings: DevstackSettings,
  ) {
    super(project, 'Dockerfile', { marker: true });
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    const lines = [
      `# ${this.marker}`,
      '# Stages: base -> development (dev container), base -> builder -> app (production).',
      '# app is last, so a build without --target gives the production image.',
      '',
      ...this.baseStage(),
      '',
      ...this.builderStage(),
      '',
      ...this.developmentStage(),
      '',
      ...this.appStage(),
    ];
    return lines.join('\n') + '\n';
  }

  private baseStage(): string[] {
    const s = this.settings;
    return [
      `FROM ${s.baseImage} AS base`,
      'ENV PYTHONDONTWRITEBYTECODE=1 \\',
      '    PYTHONUNBUFFERED=1 \\',
      '    PIP_DISABLE_PIP_VERSION_CHECK=1 \\',
      '    PIP_ROOT_USER_ACTION=ignore',
      `WORKDIR ${LAYOUT.workspace}`,
      ...aptInstall(s.aptPackages),
    ];
  }

  private builderStage(): string[] {
    const s = this.settings;
    return [
      'FROM base AS builder',
      ...pipenvInstall(s.pipenvVersion),
      '# The lock is the pinned truth: a missing or stale lock fails the build, it is never re-locked here.',
      'COPY Pipfile Pipfile.loc[k] ./',
      'RUN if [ ! -f Pipfile.lock ]; then \\',
      `      echo ${shellQuote(`error: ${LOCK_MISSING_MESSAGE}`)} >&2; exit 1; \\`,
      '    fi \\',
      ' && if ! PIPENV_VERBOSITY=-1 pipenv verify >/dev/null 2>&1; then \\',
      `      echo ${shellQuote(`error: ${LOCK_STALE_MESSAGE}`)} >&2; exit 1; \\`,
      '    fi \\',
      // exactly the packages and versions the lock pins, each with its hashes
      ` && PIPENV_VERBOSITY=-1 pipenv requirements --hash > ${EXPORTED_REQUIREMENTS}`,
    ];
  }

  private appStage(): string[] {
    const s = this.settings;
    const user = LAYOUT.appUser;
    const healthUrl = `http://127.0.0.1:${s.port}${servedPath(s.baseUrlPath, STREAMLIT_SERVER.healthPath)}`;
    const healthProbe = `import sys, urllib.request; sys.exit(urllib.request.urlopen('${healthUrl}', timeout=4).status != 200)`;
    return [
      'FROM base AS app',
      `RUN groupadd --gid ${user.uid} ${user.name} \\`,
      // --no-log-init: a high uid would otherwise create a huge sparse /var/log/lastlog
      ` && useradd --uid ${user.uid} --gid ${user.name} --no-log-init --create-home --shell /usr/sbin/nologin ${user.name}`,
      // Only the small requirements file crosses from builder: copying the whole environment would
      // make podman/buildah re-hash hundreds of MB on every rebuild just to find its cache.
      `COPY --from=builder ${EXPORTED_REQUIREMENTS} ${LOCKED_REQUIREMENTS}`,
      '# The locked packages, hash-checked, into a self-contained environment: no resolver, no Pipenv, no pip cache.',
      `RUN ${PIP_CACHE_MOUNT} \\`,
      `    python -m venv --without-pip ${LAYOUT.venv} \\`,
      ` && pip --python ${LAYOUT.venv}/bin/python install --no-deps --require-hashes -r ${LOCKED_REQUIREMENTS}`,
      `ENV PATH="${LAYOUT.venv}/bin:$PATH" \\`,
      '    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \\',
      '    STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION=true \\',
      // viewers of a production app get no developer menu (Deploy, Rerun, Clear cache)
      '    STREAMLIT_CLIENT_TOOLBAR_MODE=viewer',
      `USER ${numericUser(user)}`,
      `EXPOSE ${s.port}`,
      'HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\',
      `  CMD ${execForm(['python', '-c', healthProbe])}`,
      `ENTRYPOINT ${execForm([
        'streamlit',
        'run',
        s.appEntrypoint,
        `--server.port=${s.port}`,
        ...baseUrlPathFlags(s.baseUrlPath),
        '--server.address=0.0.0.0',
        '--server.headless=true',
        '--server.fileWatcherType=none',
      ])}`,
      // Last, after the image's settings: a code-only change rebuilds just this one layer.
      // Files stay owned by root (COPY ignores USER), so the app cannot modify itself.
      '# Application files (.dockerignore keeps secrets and tooling out).',
      'COPY . .',
    ];
  }

  private developmentStage(): string[] {
    const s = this.settings;
    const user = LAYOUT.devUser;
    return [
      'FROM base AS development',
      ...aptInstall(['git', 'openssh-client', 'nodejs', 'npm', ...s.devAptPackages]),
      ...pipenvInstall(s.pipenvVersion),
      `RUN groupadd --gid ${user.uid} ${user.name} \\`,
      ` && useradd --uid ${user.uid} --gid ${user.uid} --create-home --shell /bin/bash ${user.name} \\`,
      ` && echo ${shellQuote(GITHUB_ED25519_HOST_KEY)} >> /etc/ssh/ssh_known_hosts`,
      `ENV ${VENV_IN_PROJECT}=1 \\`,
      `    PATH="${LAYOUT.workspace}/${LAYOUT.devVenv}/bin:$PATH"`,
      `USER ${numericUser(user)}`,
      `EXPOSE ${s.port}`,
      '# No application code here: the dev container mounts the workspace.',
      `CMD ${execForm(['sleep', 'infinity'])}`,
    ];
  }
}

/**
 * `uid:gid` by number: Kubernetes' runAsNonRoot can only verify a numeric user, and a
 * name need not resolve on the host. Each user's group has the user's own id.
 */
function numericUser(user: { readonly uid: number }): string {
  return `${user.uid}:${user.uid}`;
}

/** pip's download cache, kept between builds and out of the image. */
const PIP_CACHE_MOUNT = '--mount=type=cache,target=/root/.cache/pip';

/** The pinned Pipenv, the same in `builder` and `development`. */
function pipenvInstall(version: string): string[] {
  return [`RUN ${PIP_CACHE_MOUNT} \\`, `    pip install "pipenv==${version}"`];
}

function aptInstall(packages: readonly string[]): string[] {
  if (packages.length === 0) return [];
  return [
    '# Versions follow the base image\'s Debian release: pinned versions leave the mirror with each',
    '# security update and break the build. Pin baseImage by digest for a reproducible image.',
    '# hadolint ignore=DL3008',
    'RUN apt-get update \\',
    ` && apt-get install -y --no-install-recommends ${[...packages].sort().join(' ')} \\`,
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
