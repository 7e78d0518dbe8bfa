import { ContainerEngine } from './docker/container-engine';
import { KubernetesOptions } from './kubernetes/kubernetes-options';
import { PipenvSettings, PipfileSource } from './pipenv/pipfile-options';

/**
 * Options for `PyStreamlitDevstackProject`.
 *
 * Every value here is defined once and every generated file derives from it.
 */
export interface PyStreamlitDevstackProjectOptions {
  /**
   * Project name. Names the dev container and, unless `imageName` is set, the image.
   *
   * @default $BASEDIR
   */
  readonly name: string;

  /**
   * Where the project is generated, relative to the current directory.
   *
   * @default "."
   */
  readonly outdir?: string;

  /**
   * Python minor version (`"3.10"` to `"3.15"`), used for the base image and
   * `[requires] python_version` in the Pipfile.
   *
   * Always a string in `.projenrc.ts`. On the `projen new` command line
   * `--python-version 3.10` is read correctly too.
   *
   * @default "3.13"
   * @featured
   */
  readonly pythonVersion?: string;

  /**
   * Base image of every Dockerfile stage (an OCI reference; a digest-pinned
   * reference such as `python:3.13-slim@sha256:...` works).
   *
   * @default "python:<pythonVersion>-slim"
   */
  readonly baseImage?: string;

  /**
   * Port Streamlit listens on, in the image, the dev container and the `dev` task
   * (1024 to 65535: the app runs as a non-root user).
   *
   * @default 8501
   * @featured
   */
  readonly port?: number;

  /**
   * URL path the app is served under (Streamlit's `server.baseUrlPath`), for example
   * `"dash"` to serve it at `/dash/`, so that one host can route several apps by path.
   * The image, the `dev` task, the health checks, the probes and the Ingress all follow it.
   *
   * @default - the root, `/`
   */
  readonly baseUrlPath?: string;

  /**
   * Path of the Streamlit script, relative to the project root.
   *
   * @default "app/main.py"
   * @featured
   */
  readonly appEntrypoint?: string;

  /**
   * Runtime Python packages for `[packages]`: name to PEP 440 specifier (or `"*"`).
   * `streamlit` is always included (`"*"` unless given here).
   *
   * @default {}
   * @featured
   */
  readonly packages?: { [name: string]: string };

  /**
   * Development Python packages for `[dev-packages]`: name to PEP 440 specifier.
   * `pytest` and `ruff` are always included (`"*"` unless given here).
   *
   * @default {}
   */
  readonly devPackages?: { [name: string]: string };

  /**
   * Debian packages the app needs at run time (installed in the `base` stage,
   * so they are in the production image and the dev container).
   *
   * @default []
   */
  readonly aptPackages?: string[];

  /**
   * Debian packages for the dev container only (the `development` stage).
   *
   * @default []
   */
  readonly devAptPackages?: string[];

  /**
   * Dev Container Features installed in the dev container, by id, each with its options:
   * an OCI reference (`"ghcr.io/devcontainers/features/github-cli:1": {}`), or a Feature of
   * your own in `.devcontainer/` (`"./my-feature": { version: "2" }`). Needs `devcontainer`.
   *
   * @default {}
   */
  readonly devcontainerFeatures?: { [id: string]: any };

  /**
   * VS Code extensions installed in the dev container (`publisher.name`).
   *
   * @default ["ms-python.python", "ms-python.vscode-pylance", "charliermarsh.ruff"]
   */
  readonly vscodeExtensions?: string[];

  /**
   * Name (and optional tag) of the production image built by `docker:build`, pushed by
   * `docker:push` and deployed by the Kubernetes manifests. Without a tag it gets
   * `0.1.0`; `latest` is refused while `kubernetes` is on. Include the registry
   * (`ghcr.io/you/my-app`) to push it.
   *
   * @default - the project name, lower-cased, with characters an image name
   * cannot hold replaced by `-`, tagged `0.1.0`
   */
  readonly imageName?: string;

  /**
   * Generate `.devcontainer/devcontainer.json`.
   *
   * @default true
   */
  readonly devcontainer?: boolean;

  /**
   * Container engine used by the `docker:build` and `docker:run` tasks.
   *
   * @default ContainerEngine.DOCKER
   */
  readonly containerEngine?: ContainerEngine;

  /**
   * Pipenv version installed in the `builder` and `development` stages.
   *
   * @default "2026.10.3"
   */
  readonly pipenvVersion?: string;

  /**
   * uv version that installs what `Pipfile.lock` pins, exactly and hash-checked, in the
   * `app` and `development` stages, the `install` task and CI (Pipenv still locks).
   *
   * @default "0.13.9"
   */
  readonly uvVersion?: string;

  /**
   * Node.js LTS major (22, 24 or 26) of the dev container, which runs `npx projen`, and of
   * the generated CI; the dev container copies it from the official `node:<nodeVersion>-slim` image.
   *
   * @default "24"
   */
  readonly nodeVersion?: string;

  /**
   * Refresh `Pipfile.lock` with `pipenv lock` after a synth that changed the
   * Pipfile, when Pipenv is on the PATH. Without Pipenv, `npx projen` prints
   * the command to run instead.
   *
   * @default true
   */
  readonly autoLock?: boolean;

  /**
   * The Pipfile's package indexes (`[[source]]`), in order. Give a private index here
   * and name it in `packageIndexes` for the packages that must come from it, so they are
   * never looked up on public PyPI.
   *
   * @default [{ name: "pypi", url: "https://pypi.org/simple", verifySsl: true }]
   */
  readonly pipfileSources?: PipfileSource[];

  /**
   * The index each named package must come from (Pipfile `index = "..."`): package name
   * (in `packages` or `devPackages`) to a source name from `pipfileSources`.
   *
   * @default {}
   */
  readonly packageIndexes?: { [name: string]: string };

  /**
   * Pipenv scripts (`[scripts]`): name to command, run with `pipenv run NAME`.
   *
   * @default {}
   */
  readonly pipfileScripts?: { [name: string]: string };

  /**
   * Pipenv's own settings (`[pipenv]`).
   *
   * @default - none
   */
  readonly pipenvSettings?: PipenvSettings;

  /**
   * More `.gitignore` lines (patterns, or `!pattern` to keep a file), after the
   * generated ones. `projen new` carries an adopted project's own patterns here.
   *
   * @default []
   */
  readonly gitignore?: string[];

  /**
   * Generate Kubernetes manifests in `k8s/`: a kustomize base (`kubectl apply -k k8s`)
   * with a Deployment, a Service and an Ingress with session affinity, a
   * HorizontalPodAutoscaler, a PodDisruptionBudget and a NetworkPolicy, and the
   * `docker:push`, `k8s:secret`, `k8s:apply` and `k8s:delete` tasks.
   *
   * @default true
   */
  readonly kubernetes?: boolean;

  /**
   * How the app runs on Kubernetes (replicas, resources, Ingress).
   *
   * @default - the defaults of each field
   */
  readonly kubernetesOptions?: KubernetesOptions;

  /**
   * Generate GitHub Actions CI (`.github/workflows/ci.yml`: the checks, the app image built
   * and run until healthy, and pushed to its registry from the default branch) and
   * `.github/dependabot.yml`. Every step calls a `ci:*` task, so the same checks run locally.
   *
   * @default true
   */
  readonly githubActions?: boolean;

  /**
   * npm packages that `.projenrc.ts` needs, as `name@range`. `projen new --from`
   * puts this package's own spec here; a tarball path is taken as the source of
   * `py-streamlit-devstack` itself.
   *
   * @default []
   */
  readonly devDeps?: string[];
}
