import { Component, InitProject, Project } from '../projen-api';
import { DevstackSettings } from '../settings';
import { servedPath } from '../streamlit/streamlit-server';

/** Tells the user what to do after `projen new`. */
export class NextSteps extends Component {
  constructor(
    project: Project,
    private readonly settings: DevstackSettings,
  ) {
    super(project);
  }

  postProjectCreation(_initProject: InitProject): void {
    const s = this.settings;
    const steps = [
      '',
      'Your Streamlit stack is ready. Next steps:',
      '  1. Open this folder in VS Code and run "Dev Containers: Reopen in Container"',
      `     (it has Python ${s.pythonVersion}; or, with Pipenv and Python ${s.pythonVersion} on this machine: npx projen install).`,
      '  2. npx projen lock        # in the dev container: refresh Pipfile.lock, then commit it',
      `  3. npx projen dev         # Streamlit with reload on http://localhost:${s.port}${servedPath(s.baseUrlPath, '/')}`,
      '  4. npx projen test        # the app\'s tests',
      `  5. npx projen docker:build && npx projen docker:run   # the production image ${s.imageName}`,
      ...(s.kubernetes ? ['  6. npx projen docker:push && npx projen k8s:secret && npx projen k8s:apply   # to Kubernetes (README: Deploy to Kubernetes)'] : []),
      `Edit .projenrc.ts and run npx projen to change the stack; ${s.appEntrypoint} is yours.`,
      '',
    ];
    console.log(steps.join('\n'));
  }
}
