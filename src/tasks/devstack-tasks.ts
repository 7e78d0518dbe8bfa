import { Component, Project } from 'projen';
import { ContainerEngine } from '../options';
import { PIPENV_TASK_ENV, VENV_IN_PROJECT } from '../pipenv/venv-location';
import { PROJENRC_FILE } from '../projenrc/projenrc-ts';
import { DevstackSettings } from '../settings';


/**
 * The tasks of a generated project: `install`, `lock`, `dev`, `test`,
 * `docker:build`, `docker:run` and `watch`.
 */
export class DevstackTasks extends Component {
  constructor(project: Project, settings: DevstackSettings) {
    super(project);
    const { tasks } = project;
    const engine = settings.containerEngine;

    tasks
      .addTask('install', { description: 'Create the Pipenv environment with dev packages', env: PIPENV_TASK_ENV })
      .execArgs(['pipenv', 'install', '--dev']);
    tasks
      .addTask('lock', { description: 'Refresh Pipfile.lock from the Pipfile (commit the result)', env: PIPENV_TASK_ENV })
      .execArgs(['pipenv', 'lock']);
    tasks
      .addTask('dev', { description: `Run Streamlit with reload on port ${settings.port}`, env: PIPENV_TASK_ENV })
      .execArgs([
        'pipenv', 'run', 'streamlit', 'run', settings.appEntrypoint,
        `--server.port=${settings.port}`, '--server.runOnSave=true',
      ]);
    // projen's own "test" task (part of "build"): pytest in the Pipenv environment.
    project.testTask.env(VENV_IN_PROJECT, PIPENV_TASK_ENV[VENV_IN_PROJECT]);
    project.testTask.execArgs(['pipenv', 'run', 'pytest']);
    tasks
      .addTask('docker:build', { description: `Build the production image ${settings.imageName} (Dockerfile target "app")` })
      .execArgs([
        engine, 'build',
        // OCI images have no HEALTHCHECK field: keep the Docker format.
        ...(engine === ContainerEngine.PODMAN ? ['--format', 'docker'] : []),
        '--target', 'app', '--tag', settings.imageName, '.',
      ]);
    tasks
      .addTask('docker:run', { description: `Run the production image on port ${settings.port}` })
      .execArgs([engine, 'run', '--rm', '--publish', `${settings.port}:${settings.port}`, settings.imageName]);
    tasks
      .addTask('watch', { description: `Re-synthesize whenever ${PROJENRC_FILE} is saved` })
      .execArgs(['node', `--watch-path=${PROJENRC_FILE}`, '--watch-preserve-output', 'node_modules/projen/bin/projen']);
  }
}
