import { Component, Project, Task } from 'projen';
import { ContainerEngine } from '../options';
import { PIPENV_TASK_ENV, VENV_IN_PROJECT } from '../pipenv/venv-location';
import { PROJENRC_FILE } from '../projenrc/projenrc-ts';
import { DevstackSettings } from '../settings';
import { baseUrlPathFlags } from '../streamlit/streamlit-server';

/** This package's `bin`: checks a task's prerequisites and explains what is missing. */
export const PREFLIGHT = 'devstack-preflight';

/** OCI images have no HEALTHCHECK field: podman must write the Docker format. */
export function imageFormatArgs(engine: ContainerEngine): string[] {
  return engine === ContainerEngine.PODMAN ? ['--format', 'docker'] : [];
}

/**
 * The tasks of a generated project: `install`, `lock`, `dev`, `test`,
 * `docker:build`, `docker:run` and `watch`. Each starts with a preflight check,
 * so a missing tool or lock file gives one clear sentence with the fix.
 */
export class DevstackTasks extends Component {
  constructor(project: Project, settings: DevstackSettings) {
    super(project);
    const { tasks } = project;
    const engine = settings.containerEngine;
    const pipenvTask = (task: Task, args: string[]) => {
      task.execArgs([PREFLIGHT, 'tool', 'pipenv', settings.pipenvVersion]);
      task.execArgs(args);
    };

    pipenvTask(
      tasks.addTask('install', { description: 'Create the Pipenv environment with dev packages', env: PIPENV_TASK_ENV }),
      ['pipenv', 'install', '--dev'],
    );
    pipenvTask(
      tasks.addTask('lock', { description: 'Refresh Pipfile.lock from the Pipfile (commit the result)', env: PIPENV_TASK_ENV }),
      ['pipenv', 'lock'],
    );
    pipenvTask(
      tasks.addTask('dev', { description: `Run Streamlit with reload on port ${settings.port}`, env: PIPENV_TASK_ENV }),
      ['pipenv', 'run', 'streamlit', 'run', settings.appEntrypoint, `--server.port=${settings.port}`, ...baseUrlPathFlags(settings.baseUrlPath), '--server.runOnSave=true'],
    );
    // projen's own "test" task (part of "build"): pytest in the Pipenv environment.
    project.testTask.env(VENV_IN_PROJECT, PIPENV_TASK_ENV[VENV_IN_PROJECT]);
    pipenvTask(project.testTask, ['pipenv', 'run', 'pytest']);

    const build = tasks.addTask('docker:build', {
      description: `Build the production image ${settings.imageName} (Dockerfile target "app")`,
    });
    build.execArgs([PREFLIGHT, 'lockfile']);
    build.execArgs([PREFLIGHT, 'engine', engine]);
    build.execArgs([
      engine, 'build',
      ...imageFormatArgs(engine),
      '--target', 'app', '--tag', settings.imageName, '.',
    ], { receiveArgs: true });
    const run = tasks.addTask('docker:run', { description: `Run the production image on port ${settings.port}` });
    run.execArgs([PREFLIGHT, 'engine', engine]);
    run.execArgs([engine, 'run', '--rm', '--publish', `${settings.port}:${settings.port}`, settings.imageName]);

    tasks
      .addTask('watch', { description: `Re-synthesize whenever ${PROJENRC_FILE} is saved` })
      .execArgs(['node', `--watch-path=${PROJENRC_FILE}`, '--watch-preserve-output', 'node_modules/projen/bin/projen']);
  }
}
