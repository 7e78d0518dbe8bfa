import { fitProjenTasks } from './projen-tasks';
import { preflightCommand } from '../contracts/preflight-protocol';
import { pythonEnvCommand, PythonEnvMode } from '../contracts/python-env-command';
import { TASK } from '../contracts/task-names';
import { CONTAINER } from '../docker/container-commands';
import { ContainerEngine } from '../docker/container-engine';
import { LAYOUT } from '../layout';
import { PIPENV_LOCK } from '../pipenv/pipenv-commands';
import { indexCredentialVariables } from '../pipenv/pipfile';
import { PIPENV_TASK_ENV } from '../pipenv/venv-location';
import { Component, Project, Task } from '../projen-api';
import { DEVELOPMENT_FLAGS, StreamlitServe, streamlitRunArgs } from '../streamlit/streamlit-server';

/** The everyday tasks of a generated project, for `.projenrc.ts` to extend (projen's `Task` API). */
export interface DevstackTaskSet {
  /** `install`: the Pipenv environment with exactly the locked packages, dev packages included (uv installs them). */
  readonly install: Task;
  /** `lock`: refreshes `Pipfile.lock` from the Pipfile. */
  readonly lock: Task;
  /** `dev`: Streamlit with reload. */
  readonly dev: Task;
  /** `test`: pytest in the Pipenv environment (projen's own test task). */
  readonly test: Task;
  /** `docker:build`: the production image. */
  readonly dockerBuild: Task;
  /** `docker:run`: runs the production image. */
  readonly dockerRun: Task;
  /** `watch`: re-synthesizes whenever `.projenrc.ts` is saved. */
  readonly watch: Task;
}

/** What the tasks need from the project's settings. */
export interface DevstackTasksOptions extends StreamlitServe {
  readonly imageName: string;
  readonly containerEngine: ContainerEngine;
  readonly pipenvVersion: string;
  readonly uvVersion: string;
}

/**
 * The tasks of a generated project: `install`, `lock`, `dev`, `test`,
 * `docker:build`, `docker:run` and `watch`. Each starts with a preflight check,
 * so a missing tool or lock file gives one clear sentence with the fix.
 */
export class DevstackTasks extends Component {
  public readonly tasks: DevstackTaskSet;
  private readonly settings: DevstackTasksOptions;

  constructor(project: Project, settings: DevstackTasksOptions) {
    super(project);
    this.settings = settings;
    const { tasks } = project;
    const engine = settings.containerEngine;
    // Each Pipenv task first makes the environment's Python the Pipfile's (devstack-python-env).
    const pipenvTask = (task: Task, environment: PythonEnvMode, args?: readonly string[]) => {
      task.execArgs(preflightCommand({ kind: 'pipenv', version: settings.pipenvVersion }));
      if (environment !== 'interpreter') task.execArgs(preflightCommand({ kind: 'uv', version: settings.uvVersion }));
      task.execArgs(pythonEnvCommand(environment));
      if (args) task.execArgs([...args]);
      return task;
    };

    const install = pipenvTask(
      tasks.addTask(TASK.install, {
        description: 'Install exactly what Pipfile.lock pins, dev packages included, into the Pipenv environment (devstack-python-env sync: uv pip sync of pipenv requirements --dev --hash)',
        env: { ...PIPENV_TASK_ENV },
      }),
      'sync',
    );
    const lock = pipenvTask(
      tasks.addTask(TASK.lock, { description: 'Refresh Pipfile.lock from the Pipfile (pipenv lock), then commit it', env: { ...PIPENV_TASK_ENV } }),
      'interpreter',
      PIPENV_LOCK,
    );
    const dev = pipenvTask(
      tasks.addTask(TASK.dev, {
        description: `Run the app on port ${settings.port}, rerun whenever a file is saved (pipenv run streamlit run ${settings.appEntrypoint})`,
        env: { ...PIPENV_TASK_ENV },
      }),
      'match',
      ['pipenv', 'run', ...streamlitRunArgs(settings, DEVELOPMENT_FLAGS)],
    );
    // projen's own "test" task (part of "build"): pytest in the Pipenv environment.
    project.testTask.description = 'Run the tests with pytest in the Pipenv environment (pipenv run pytest)';
    for (const [name, value] of Object.entries(PIPENV_TASK_ENV)) project.testTask.env(name, value);
    pipenvTask(project.testTask, 'match', ['pipenv', 'run', 'pytest']);
    fitProjenTasks(project);

    const dockerBuild = tasks.addTask(TASK.dockerBuild, {
      description: `Build the production image ${settings.imageName}, the Dockerfile's "app" target (${engine} build)`,
    });
    dockerBuild.execArgs(preflightCommand({ kind: 'lockfile' }));
    dockerBuild.execArgs(preflightCommand({ kind: 'engine', engine }));
    dockerBuild.execArgs(CONTAINER.buildApp(engine, settings.imageName), { receiveArgs: true });
    const dockerRun = tasks.addTask(TASK.dockerRun, { description: `Run the production image ${settings.imageName} on port ${settings.port} (${engine} run)` });
    dockerRun.execArgs(preflightCommand({ kind: 'engine', engine }));
    dockerRun.execArgs(CONTAINER.run(engine, settings.imageName, settings.port));

    const watch = tasks.addTask(TASK.watch, { description: `Re-synthesize whenever ${LAYOUT.projenrc} is saved (node --watch-path=${LAYOUT.projenrc} running npx projen)` });
    watch.execArgs(['node', `--watch-path=${LAYOUT.projenrc}`, '--watch-preserve-output', 'node_modules/projen/bin/projen']);
    this.tasks = { install, lock, dev, test: project.testTask, dockerBuild, dockerRun, watch };
  }

  /**
   * The build passes the private index's credentials as build secrets, read from the
   * environment: one per variable the Pipfile's sources reference, known only once
   * `.projenrc.ts` has added its sources.
   */
  preSynthesize(): void {
    const secrets = indexCredentialVariables(this.project);
    if (secrets.length === 0) return;
    const { containerEngine, imageName } = this.settings;
    const plain = CONTAINER.buildApp(containerEngine, imageName);
    const { dockerBuild } = this.tasks;
    const index = dockerBuild.steps.findIndex((step) => JSON.stringify(step.execArgs) === JSON.stringify(plain));
    if (index >= 0) dockerBuild.updateStep(index, { ...dockerBuild.steps[index], execArgs: CONTAINER.buildApp(containerEngine, imageName, secrets) });
  }
}
