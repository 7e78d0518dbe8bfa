import { npxProjen, TASK } from '../contracts/task-names';
import { LAYOUT } from '../layout';
import { Project, SampleFile } from '../projen-api';
import { APP_PATH_MODULE } from '../streamlit/app-path-module';

export const README_FILE = 'README.md';

/** What the README mentions: the name, and which optional parts exist. */
export interface ReadmeOptions {
  readonly name: string;
  /** Whether the project has the Kubernetes manifests. */
  readonly kubernetes: boolean;
  /** Whether the project has the GitHub Actions CI. */
  readonly githubActions: boolean;
}

/** The generated project's README, written once; the user owns it afterwards. */
export class ProjectReadme extends SampleFile {
  constructor(project: Project, options: ReadmeOptions) {
    super(project, README_FILE, { contents: readme(options) });
  }
}

/**
 * Written once and then the user's, so it repeats no value that follows an option
 * (port, Python version, image name, app path, engine): it would go stale the first
 * time one changes. It points to the tasks, which projen regenerates, instead.
 */
function readme(s: ReadmeOptions): string {
  return `# ${s.name}

A Streamlit app made with [py-streamlit-devstack](https://www.npmjs.com/package/py-streamlit-devstack).
Its stack (Python version, port, packages, images) is defined in \`.projenrc.ts\`.

## Develop in the dev container (VS Code)

1. Install Docker and the VS Code extension "Dev Containers".
2. Open this folder and run **Dev Containers: Reopen in Container**.
   The first start builds the \`development\` stage of the Dockerfile, whose image already
   holds the locked dev packages in \`${LAYOUT.venv}\` (outside the workspace), then installs
   the \`.projenrc.ts\` toolchain and runs \`${npxProjen(TASK.install)}\`, which only brings that
   environment in line with \`Pipfile.lock\`.
3. \`${npxProjen(TASK.dev)}\` starts Streamlit; VS Code forwards its port.

Git over SSH works inside the container: VS Code forwards your SSH agent
(\`ssh-add -l\` on the host should list your key), and github.com's host key is
already trusted.

## Tasks

\`npx projen --help\` lists every task with what it does for this project's settings;
\`npx projen TASK --inspect\` shows the exact commands a task runs.

| command | what it does |
|---|---|
${taskRows([
  [TASK.install, 'install exactly what `Pipfile.lock` pins, dev packages included (uv)'],
  [TASK.dev, 'run the app with reload'],
  [TASK.test, `run the tests in \`${LAYOUT.testsDir}/\` (pytest + streamlit's AppTest)`],
  [TASK.lock, 'refresh `Pipfile.lock` after a dependency change (commit it)'],
  [TASK.dockerBuild, 'build the production image'],
  [TASK.dockerRun, 'run it'],
  ...(s.kubernetes ? KUBERNETES_TASK_ROWS : []),
  [TASK.watch, 're-synthesize whenever `.projenrc.ts` is saved'],
])}

${s.githubActions ? CI_SECTION : ''}## Change the stack

Edit \`.projenrc.ts\` and run \`npx projen\`. Add Python libraries there too
(\`packages\`, \`devPackages\`): the Pipfile is generated from it. After a Pipfile
change, \`npx projen\` refreshes \`Pipfile.lock\` when Pipenv is installed, or tells
you to run \`npx projen lock\`. \`pipenv install X\` works as well (it updates the
Pipfile, the lock and the environment); name X in \`.projenrc.ts\` too, or the next
\`npx projen\` stops and says what to add rather than undo it.

Generated (do not edit, \`npx projen\` rewrites them): \`Dockerfile\`, \`.dockerignore\`,
\`Pipfile\`, \`.devcontainer/devcontainer.json\`, \`.gitignore\`, \`package.json\`,
\`tsconfig.projen.json\`, \`${APP_PATH_MODULE}\` (where the app is, for the tests), ${s.kubernetes ? '\`k8s/*.yaml\`, ' : ''}${s.githubActions ? '\`.github/workflows/ci.yml\`, \`.github/dependabot.yml\`, ' : ''}\`.projen/\`.

Yours (never overwritten): the app, \`${LAYOUT.appTestFile}\`, \`${LAYOUT.streamlitConfig}\`,
this README, \`Pipfile.lock\` and \`.projenrc.ts\`.

## The production image

A plain \`docker build .\` gives the production image (the \`app\` stage is last). It
holds only the locked runtime environment and the app: no Pipenv, git, compilers or
package lists. It runs as a numeric non-root user, checks \`/_stcore/health\` with
Python (no curl needed), shows viewers no developer menu and stops promptly on SIGTERM.
The build fails when \`Pipfile.lock\` is missing or out of date with the Pipfile.
Secrets (\`.env\`, \`.streamlit/secrets.toml\`, keys, cloud credentials) never enter
the image or git, in any folder.
${s.kubernetes ? KUBERNETES_SECTION : ''}`;
}

const KUBERNETES_TASK_ROWS: Array<[string, string]> = [
  [TASK.dockerPush, 'push it to the registry named in `imageName`'],
  [TASK.k8sSecret, 'create the cookie secret every replica shares (once per namespace)'],
  [TASK.k8sApply, 'deploy `k8s/` to the current kubectl context'],
  [TASK.k8sDelete, 'remove what `k8s:apply` deployed'],
];

/** The README's task table: each task's command and what it does. */
function taskRows(rows: ReadonlyArray<readonly [string, string]>): string {
  return rows.map(([task, what]) => `| \`${npxProjen(task)}\` | ${what} |`).join('\n');
}

const KUBERNETES_SECTION = `
## Deploy to Kubernetes

\`k8s/\` is a kustomize base generated from \`.projenrc.ts\` (options \`kubernetes\` and
\`kubernetesOptions\`). Set \`imageName\` to your registry's path, run \`npx projen\`, then,
with kubectl pointed at your cluster:

\`\`\`sh
${npxProjen(TASK.dockerBuild, TASK.dockerPush)}
${npxProjen(TASK.k8sSecret)}    # once per namespace
${npxProjen(TASK.k8sApply)}     # kubectl apply -k k8s
\`\`\`

Streamlit keeps each session in one server process, so the Service and the Ingress pin
each browser to one replica (cookie affinity; the annotations are ingress-nginx's, other
controllers need their own equivalent), and every replica signs login cookies
(\`st.login\`) with the same secret, which \`k8s:secret\` creates in the cluster (never in
this repository), so a user who lands on another replica stays signed in. A
HorizontalPodAutoscaler owns the replica count. Keep environment-specific changes in an
overlay of your own (\`k8s/overlays/prod/kustomization.yaml\` with \`resources: [../..]\`);
CI can set the deployed tag there with \`kustomize edit set image\`.
`;

const CI_SECTION = `## CI

\`.github/workflows/ci.yml\` runs on every pull request and push; each of its checks is a
task you can run here: \`npx projen ci:secrets\` (no tracked file holds a secret),
\`ci:verify\` (generated files match \`.projenrc.ts\`),
\`ci:lock\` (the lock matches the Pipfile), \`ci:lint\` (ruff, hadolint), \`test\`,
\`docker:build\` and \`ci:smoke\` (the image starts healthy). From \`main\`, \`ci:publish\`
pushes the image to GitHub's container registry. Dependabot keeps the dependencies current.

`;
