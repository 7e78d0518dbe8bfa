import { Project, SampleFile } from 'projen';
import { DevstackSettings, LAYOUT } from '../settings';
import { imageFormatArgs } from '../tasks/devstack-tasks';

/** The generated project's README, written once; the user owns it afterwards. */
export class ProjectReadme extends SampleFile {
  constructor(project: Project, settings: DevstackSettings) {
    super(project, 'README.md', { contents: readme(settings) });
  }
}

function readme(s: DevstackSettings): string {
  const engine = s.containerEngine;
  const buildFormat = imageFormatArgs(engine).map((arg) => ` ${arg}`).join('');
  return `# ${s.name}

A Streamlit app (Python ${s.pythonVersion}) made with [py-streamlit-devstack](https://www.npmjs.com/package/py-streamlit-devstack).

## Develop in the dev container (VS Code)

1. Install Docker and the VS Code extension "Dev Containers".
2. Open this folder and run **Dev Containers: Reopen in Container**.
   The first start builds the \`development\` stage of the Dockerfile and runs
   \`pipenv install --dev\`, which creates the environment in \`${LAYOUT.devVenv}/\`.
3. \`npx projen dev\` starts Streamlit on port ${s.port}; VS Code forwards it.

Git over SSH works inside the container: VS Code forwards your SSH agent
(\`ssh-add -l\` on the host should list your key), and github.com's host key is
already trusted.

## Tasks

| command | what it does |
|---|---|
| \`npx projen install\` | create the Pipenv environment with dev packages |
| \`npx projen dev\` | run \`${s.appEntrypoint}\` with reload on port ${s.port} |
| \`npx projen test\` | run the tests in \`${LAYOUT.testsDir}/\` (pytest + streamlit's AppTest) |
| \`npx projen lock\` | refresh \`Pipfile.lock\` after a dependency change (commit it) |
| \`npx projen docker:build\` | build the production image \`${s.imageName}\` |
| \`npx projen docker:run\` | run it on http://localhost:${s.port} |
| \`npx projen watch\` | re-synthesize whenever \`.projenrc.ts\` is saved |

Without projen: \`${engine} build${buildFormat} --target app -t ${s.imageName} .\` and
\`${engine} run --rm -p ${s.port}:${s.port} ${s.imageName}\`.

## Change the stack

Edit \`.projenrc.ts\` (Python version, port, packages, apt packages, ...) and run
\`npx projen\`. Add Python libraries there too (\`packages\`), not with \`pipenv install\`:
the Pipfile is generated. After a Pipfile change, \`npx projen\` refreshes
\`Pipfile.lock\` when Pipenv is installed, or tells you to run \`npx projen lock\`.

Generated (do not edit, \`npx projen\` rewrites them): \`Dockerfile\`, \`.dockerignore\`,
\`Pipfile\`, \`.devcontainer/devcontainer.json\`, \`.gitignore\`, \`package.json\`,
\`tsconfig.projen.json\`, \`.projen/\`.

Yours (never overwritten): \`${s.appEntrypoint}\`, \`${LAYOUT.appTestFile}\`,
\`${LAYOUT.streamlitConfig}\`, this README, \`Pipfile.lock\` and \`.projenrc.ts\`.

## The production image

The \`app\` stage holds only the locked runtime environment and the app: no Pipenv,
git, compilers or package lists. It runs as a non-root user, checks
\`/_stcore/health\` with Python (no curl needed) and stops promptly on SIGTERM.
The build fails when \`Pipfile.lock\` is missing or older than the Pipfile.
Secrets in \`.env\` and \`.streamlit/secrets.toml\` never enter the image or git.
`;
}
