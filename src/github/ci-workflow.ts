import { Component, github, Project } from '../projen-api';
import { GO_CHECKERS, HADOLINT_PIN } from './checker-pins';
import { CI_TASKS } from './ci-tasks';
import { TASK } from '../contracts/task-names';
import { ContainerEngine } from '../docker/container-engine';
import { indexCredentialVariables } from '../pipenv/pipfile';

const run = (task: string, args: readonly string[] = []): github.workflows.JobStep => ({ name: task, run: ['npx projen', task, ...(args.length ? ['--', ...args] : [])].join(' ') });
const checkout: github.workflows.JobStep = { name: 'Checkout', uses: 'actions/checkout@v4' };
/** The project's Node.js line, as the dev container has it, and the toolchain from the committed lock. */
const node = (version: string): github.workflows.JobStep[] => [
  { name: `Node.js ${version} (runs .projenrc.ts and the tasks)`, uses: 'actions/setup-node@v4', with: { 'node-version': version, 'cache': 'npm' } },
  { name: 'Install the projen toolchain', run: 'npm ci' },
];

/** What the CI workflow installs. */
export interface CiWorkflowOptions {
  readonly pythonVersion: string;
  readonly pipenvVersion: string;
  readonly uvVersion: string;
  readonly nodeVersion: string;
  readonly containerEngine: ContainerEngine;
}

/**
 * `.github/workflows/ci.yml`: on pull requests and pushes, the checks (no secret in a tracked file, generated files match
 * `.projenrc.ts`, the lock matches the Pipfile, ruff, hadolint, the tests, the Kubernetes
 * manifests), then the app image built with a layer cache and run until healthy; on the
 * default branch, the image pushed to its registry (GHCR by default). Every check is a
 * projen task, so `npx projen ci:lint` on a laptop runs what CI runs.
 */
export class CiWorkflow extends Component {
  private readonly workflow: github.GithubWorkflow;
  /** The steps that download packages from the Pipfile's sources, as `jobs.<job>.steps.<index>`. */
  private readonly downloadSteps: string[] = [];

  constructor(project: Project, options: CiWorkflowOptions, kubernetes: boolean) {
    super(project);
    const gh = new github.GitHub(project, { mergify: false, pullRequestLint: false });
    const workflow = gh.addWorkflow('ci');
    this.workflow = workflow;
    workflow.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });

    const goTools: github.workflows.JobStep[] = kubernetes
      ? [
        { name: 'Go (builds kustomize and kube-score)', uses: 'actions/setup-go@v5', with: { 'go-version': 'stable', 'cache': false } },
        { name: 'kustomize and kube-score', run: GO_CHECKERS.map((module) => `go install ${module}`).join('\n') },
      ]
      : [];
    const checks: github.workflows.JobStep[] = [
      checkout,
      ...node(options.nodeVersion),
      { name: `Python ${options.pythonVersion}`, uses: 'actions/setup-python@v5', with: { 'python-version': options.pythonVersion } },
      { name: 'Pipenv, uv and hadolint', run: `pip install "pipenv==${options.pipenvVersion}" "uv==${options.uvVersion}" "${HADOLINT_PIN}"` },
      ...goTools,
      run(CI_TASKS.secrets),
      run(CI_TASKS.verify),
      run(CI_TASKS.lock),
      run(TASK.install),
      run(CI_TASKS.lint),
      run(TASK.test),
      ...(kubernetes ? [run(CI_TASKS.kubernetes)] : []),
    ];
    this.downloadSteps.push(`jobs.checks.steps.${checks.findIndex((step) => step.name === TASK.install)}`);
    workflow.addJob('checks', {
      name: 'Checks',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ },
      steps: checks,
    });

    const docker = options.containerEngine === ContainerEngine.DOCKER;
    const onDefaultBranch = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    const imageSteps: github.workflows.JobStep[] = [
      checkout,
      ...node(options.nodeVersion),
      ...(docker
        ? [
          { name: 'Buildx, whose builder can use the Actions cache', id: 'buildx', uses: 'docker/setup-buildx-action@v3' },
          { name: 'Expose the Actions cache to Buildx', uses: 'crazy-max/ghaction-github-runtime@v3' },
        ]
        : []),
      {
        ...run(TASK.dockerBuild, docker ? ['--cache-from', 'type=gha', '--cache-to', 'type=gha,mode=max', '--load'] : []),
        // docker build runs on that builder
        ...(docker ? { env: { BUILDX_BUILDER: '${{ steps.buildx.outputs.name }}' } } : {}),
      },
      run(CI_TASKS.smoke),
      {
        name: 'Log in to GitHub\'s container registry',
        if: onDefaultBranch,
        uses: 'docker/login-action@v3',
        with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' },
      },
      { ...run(CI_TASKS.publish), if: onDefaultBranch },
    ];
    this.downloadSteps.push(`jobs.image.steps.${imageSteps.findIndex((step) => step.name === TASK.dockerBuild)}`);
    workflow.addJob('image', {
      name: 'App image',
      needs: ['checks'],
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ, packages: github.workflows.JobPermission.WRITE },
      steps: imageSteps,
    });
  }

  /**
   * A private index's credentials (`${INDEX_USER}` in a source url) come from the
   * repository's secrets of the same names, only in the steps that download packages.
   * Read at synth: sources added from `.projenrc.ts` count.
   */
  preSynthesize(): void {
    for (const name of indexCredentialVariables(this.project)) {
      for (const step of this.downloadSteps) this.workflow.file?.addOverride(`${step}.env.${name}`, `\${{ secrets.${name} }}`);
    }
  }
}
