import { npxProjen, TASK } from '../contracts/task-names';
import { Component, InitProject, Project } from '../projen-api';
import { servedPath } from '../streamlit/streamlit-server';

/** What the next steps mention. */
export interface NextStepsOptions {
  readonly pythonVersion: string;
  readonly port: number;
  /** Without outer slashes; "" for the root. */
  readonly baseUrlPath: string;
  readonly imageName: string;
  /** Whether the project has the Kubernetes manifests. */
  readonly kubernetes: boolean;
  readonly appEntrypoint: string;
}

/** Tells the user what to do after `projen new`. */
export class NextSteps extends Component {
  constructor(
    project: Project,
    private readonly options: NextStepsOptions,
  ) {
    super(project);
  }

  postProjectCreation(_initProject: InitProject): void {
    const s = this.options;
    const steps = [
      '',
      'Your Streamlit stack is ready. Next steps:',
      '  1. Open this folder in VS Code and run "Dev Containers: Reopen in Container"',
      `     (it has Python ${s.pythonVersion}; or, with Pipenv and Python ${s.pythonVersion} on this machine: npx projen install).`,
      `  2. ${npxProjen(TASK.lock)}        # in the dev container: refresh Pipfile.lock, then commit it`,
      `  3. ${npxProjen(TASK.dev)}         # Streamlit with reload on http://localhost:${s.port}${servedPath(s.baseUrlPath, '/')}`,
      `  4. ${npxProjen(TASK.test)}        # the app's tests`,
      `  5. ${npxProjen(TASK.dockerBuild, TASK.dockerRun)}   # the production image ${s.imageName}`,
      ...(s.kubernetes ? [`  6. ${npxProjen(TASK.dockerPush, TASK.k8sSecret, TASK.k8sApply)}   # to Kubernetes (README: Deploy to Kubernetes)`] : []),
      `Edit .projenrc.ts and run npx projen to change the stack; ${s.appEntrypoint} is yours.`,
      '',
    ];
    console.log(steps.join('\n'));
  }
}
