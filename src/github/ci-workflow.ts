import { Component, github, Project } from '../projen-api';
import { GO_CHECKERS, HADOLINT_PIN } from './checker-pins';
import { CI_TASKS } from './ci-tasks';
import { ContainerEngine } from '../options';
import { DevstackSettings } from '../settings';
import { TASK } from '../tasks/task-names';

const NODE_VERSION = '20';
const run = (task: string, args: readonly string[] = []): github.workflows.JobStep => ({ name: task, run: ['npx projen', task, ...(args.length ? ['--', ...args] : [])].join(' ') });
const checkout: github.workflows.JobStep = { name: 'Checkout', uses: 'actions/checkout@v4' };
const node: github.workflows.JobStep[] = [
  { name: 'Node.js (runs .projenrc.ts and the tasks)', uses: 'actions/setup-node@v4', with: { 'node-version': NODE_VERSION, 'cache': 'npm' } },
  { name: 'Install the projen toolchain', run: 'npm ci' },
];

/**
 * `.github/workflows/ci.yml`: on pull requests and pushes, the checks (no secret in a tracked file, generated files match
 * `.projenrc.ts`, the lock matches the Pipfile, ruff, hadolint, the tests, the Kubernetes
 * manifests), then the app image built with a layer cache and run until healthy; on the
 * default branch, the image pushed to its registry (GHCR by default). Every check is a
 * projen task, so `npx projen ci:lint` on a laptop runs what CI runs.
 */
export class CiWorkflow extends Component {
  constructor(project: Project, settings: Pick<DevstackSettings, 'pythonVersion' | 'pipenvVersion' | 'containerEngine'>, kubernetes: boolean) {
    super(project);
    const gh = new github.GitHub(project, { mergify: false, pullRequestLint: false });
    const workflow = gh.addWorkflow('ci');
    workflow.on({ pullRequest: {}, push: { branches: ['main'] }, workflowDispatch: {} });

    const goTools: github.workflows.JobStep[] = kubernetes
      ? [
        { name: 'Go (builds kustomize and kube-score)', uses: 'actions/setup-go@v5', with: { 'go-version': 'stable', 'cache': false } },
        { name: 'kustomize and kube-score', run: GO_CHECKERS.map((module) => `go install ${module}`).join('\n') },
      ]
      : [];
    workflow.addJob('checks', {
      name: 'Checks',
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ },
      steps: [
        checkout,
        ...node,
        { name: `Python ${settings.pythonVersion}`, uses: 'actions/setup-python@v5', with: { 'python-version': settings.pythonVersion } },
        { name: 'Pipenv and hadolint', run: `pip install "pipenv==${settings.pipenvVersion}" "${HADOLINT_PIN}"` },
        ...goTools,
        run(CI_TASKS.secrets),
        run(CI_TASKS.verify),
        run(CI_TASKS.lock),
        run(TASK.install),
        run(CI_TASKS.lint),
        run(TASK.test),
        ...(kubernetes ? [run(CI_TASKS.kubernetes)] : []),
      ],
    });

    const docker = settings.containerEngine === ContainerEngine.DOCKER;
    const onDefaultBranch = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    workflow.addJob('image', {
      name: 'App image',
      needs: ['checks'],
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ, packages: github.workflows.JobPermission.WRITE },
      steps: [
        checkout,
        ...node,
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
      ],
    });
  }
}
