import { JsonFile, Project } from 'projen';
import { VENV_IN_PROJECT } from '../pipenv/venv-location';
import { DevstackSettings, LAYOUT } from '../settings';

/**
 * `.devcontainer/devcontainer.json` (current Dev Container spec): builds the
 * `development` stage of the Dockerfile and creates the Pipenv environment in
 * the workspace in `updateContentCommand` (before the editor attaches).
 */
export class DevcontainerConfig extends JsonFile {
  constructor(project: Project, settings: DevstackSettings) {
    const venvPython = `${LAYOUT.workspace}/${LAYOUT.devVenv}/bin/python`;
    super(project, '.devcontainer/devcontainer.json', {
      allowComments: true,
      obj: {
        name: settings.name,
        build: {
          dockerfile: '../Dockerfile',
          context: '..',
          target: 'development',
        },
        workspaceFolder: LAYOUT.workspace,
        workspaceMount: `source=\${localWorkspaceFolder},target=${LAYOUT.workspace},type=bind`,
        remoteUser: LAYOUT.devUser.name,
        containerEnv: { [VENV_IN_PROJECT]: '1' },
        forwardPorts: [settings.port],
        portsAttributes: {
          [String(settings.port)]: { label: 'Streamlit', onAutoForward: 'openBrowser' },
        },
        // The editor waits for updateContentCommand, and prebuilds cache its result.
        updateContentCommand: {
          pipenv: ['pipenv', 'install', '--dev'],
          npm: ['npm', 'install', '--no-audit', '--no-fund'],
        },
        customizations: {
          vscode: {
            extensions: [...settings.vscodeExtensions],
            settings: {
              'python.defaultInterpreterPath': venvPython,
              'python.terminal.activateEnvironment': true,
              'python.testing.pytestEnabled': true,
              'python.testing.pytestArgs': [LAYOUT.testsDir],
            },
          },
        },
      },
    });
  }
}
