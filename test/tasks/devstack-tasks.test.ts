import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'projen/lib/testing';
import { ContainerEngine } from '../../src';
import { DevstackTasks } from '../../src/tasks/devstack-tasks';
import { bareProject, synth, tasksOf, tempDir } from '../util';

const argsOf = (task: any) => task.steps.map((step: any) => step.execArgs);

describe('tasks', () => {
  test('install, lock, dev and test use Pipenv; uv installs; each first makes the environment\'s Python the Pipfile\'s', () => {
    const tasks = tasksOf(synth({ port: 8600, appEntrypoint: 'src/app.py', pipenvVersion: '2025.0.4', uvVersion: '0.11.2' }));
    // the preflight's install hints name the project's own Pipenv and uv versions
    const pipenv = ['devstack-preflight', 'tool', 'pipenv', '2025.0.4'];
    const uv = ['devstack-preflight', 'tool', 'uv', '0.11.2'];
    expect(argsOf(tasks.install)).toEqual([pipenv, uv, ['devstack-python-env', 'sync']]);
    // locking needs the interpreter, not the packages (nor uv)
    expect(argsOf(tasks.lock)).toEqual([pipenv, ['devstack-python-env', 'match', '--no-install'], ['pipenv', 'lock']]);
    expect(argsOf(tasks.dev)).toEqual([pipenv, uv, ['devstack-python-env', 'match'], ['pipenv', 'run', 'streamlit', 'run', 'src/app.py', '--server.port=8600', '--server.runOnSave=true']]);
    expect(argsOf(tasks.test)).toEqual([pipenv, uv, ['devstack-python-env', 'match'], ['pipenv', 'run', 'pytest']]);
    for (const name of ['install', 'lock', 'dev', 'test']) expect(tasks[name].env).toEqual(tasks.install.env);
  });

  const defaultTasks = tasksOf(synth());
  // what Pipenv is given, through projen's own task runtime: a value it cannot read as a boolean
  // (the literal "${PIPENV_VENV_IN_PROJECT:-0}" that runtime made of a shell default) is unset to
  // Pipenv, which then takes any .venv folder, or the environment a terminal activated, as its own
  test.each([
    { variable: 'PIPENV_VENV_IN_PROJECT', name: 'unset', given: undefined, expected: '0' },
    { variable: 'PIPENV_VENV_IN_PROJECT', name: 'empty', given: '', expected: '0' },
    { variable: 'PIPENV_VENV_IN_PROJECT', name: '0', given: '0', expected: '0' },
    { variable: 'PIPENV_VENV_IN_PROJECT', name: '1', given: '1', expected: '1' },
    { variable: 'PIPENV_IGNORE_VIRTUALENVS', name: 'unset', given: undefined, expected: '1' },
    { variable: 'PIPENV_IGNORE_VIRTUALENVS', name: 'empty', given: '', expected: '1' },
    { variable: 'PIPENV_IGNORE_VIRTUALENVS', name: '0', given: '0', expected: '0' },
    { variable: 'PIPENV_IGNORE_VIRTUALENVS', name: '1', given: '1', expected: '1' },
  ])('$variable $name in the caller\'s environment: the Pipenv tasks give Pipenv "$expected"', ({ variable, given, expected }) => {
    const dir = tempDir();
    mkdirSync(join(dir, '.projen'));
    const probe = { name: 'probe', env: defaultTasks.dev.env, steps: [{ execArgs: ['node', '-p', `JSON.stringify(process.env.${variable})`] }] };
    writeFileSync(join(dir, '.projen', 'tasks.json'), JSON.stringify({ tasks: { probe } }));
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env[variable];
    if (given !== undefined) env[variable] = given;
    const run = spawnSync(process.execPath, [require.resolve('projen/lib/run-task.cjs'), 'probe'], { cwd: dir, env, encoding: 'utf-8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').pop()).toBe(JSON.stringify(expected));
  });

  test('docker:build builds the app target tagged imageName; docker:run publishes the port', () => {
    const tasks = tasksOf(synth({ port: 8600, imageName: 'acme/dash:1.0' }));
    expect(argsOf(tasks['docker:build'])).toEqual([
      ['devstack-preflight', 'lockfile'],
      ['devstack-preflight', 'engine', 'docker'],
      ['docker', 'build', '--target', 'app', '--tag', 'acme/dash:1.0', '.'],
    ]);
    expect(argsOf(tasks['docker:run'])).toEqual([['devstack-preflight', 'engine', 'docker'], ['docker', 'run', '--rm', '--publish', '8600:8600', 'acme/dash:1.0']]);
  });

  test('with podman, builds keep the Docker format so HEALTHCHECK survives', () => {
    const tasks = tasksOf(synth({ containerEngine: ContainerEngine.PODMAN }));
    expect(argsOf(tasks['docker:build']).pop()).toEqual(['podman', 'build', '--format', 'docker', '--target', 'app', '--tag', 'demo-app:0.1.0', '.']);
    expect(argsOf(tasks['docker:run']).pop()[0]).toBe('podman');
  });

  test('watch re-runs the synth whenever .projenrc.ts is saved', () => {
    expect(argsOf(tasksOf(synth()).watch)).toEqual([['node', '--watch-path=.projenrc.ts', '--watch-preserve-output', 'node_modules/projen/bin/projen']]);
  });
});

describe('project.devstackTasks', () => {
  test('names the generated tasks, typed, for .projenrc.ts to extend with projen\'s Task API', () => {
    let names: string[] = [];
    const files = synth({}, undefined, (project) => {
      const t = project.devstackTasks;
      names = [t.install, t.lock, t.dev, t.test, t.dockerBuild, t.dockerRun, t.watch].map((task) => task.name);
      t.dev.env('STREAMLIT_THEME_BASE', 'dark');
    });
    expect(names).toEqual(['install', 'lock', 'dev', 'test', 'docker:build', 'docker:run', 'watch']);
    const written = JSON.parse(files['.projen/tasks.json']).tasks;
    expect(written.dev.env.STREAMLIT_THEME_BASE).toBe('dark');
    // only that task: the tasks do not share one environment object
    for (const other of ['install', 'lock', 'test']) expect(written[other].env).not.toHaveProperty('STREAMLIT_THEME_BASE');
  });

  test('the dev task and the image run the same `streamlit run` command, each with its own mode flags', () => {
    const files = synth({ port: 8600, baseUrlPath: 'dash', appEntrypoint: 'src/app.py' });
    const dev = tasksOf(files).dev.steps.at(-1).execArgs as string[];
    const entrypoint = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(files.Dockerfile)![1]) as string[];
    const shared = ['streamlit', 'run', 'src/app.py', '--server.port=8600', '--server.baseUrlPath=dash'];
    expect(entrypoint.slice(0, shared.length)).toEqual(shared);
    expect(dev).toEqual(['pipenv', 'run', ...shared, '--server.runOnSave=true']);
  });
});

describe('the tasks component alone', () => {
  test('on a bare projen Project it adds the same tasks, from its own small settings', () => {
    const project = bareProject();
    const { tasks } = new DevstackTasks(project, {
      appEntrypoint: 'app/main.py', port: 8501, baseUrlPath: '', imageName: 'bare:1.0.0', containerEngine: ContainerEngine.PODMAN, pipenvVersion: '2026.10.3', uvVersion: '0.13.9',
    });
    const written = JSON.parse(Testing.synth(project, { parseJson: false })['.projen/tasks.json']).tasks;
    expect(argsOf(written['docker:build']).at(-1)).toEqual(['podman', 'build', '--format', 'docker', '--target', 'app', '--tag', 'bare:1.0.0', '.']);
    expect(argsOf(written['docker:run']).at(-1)).toEqual(['podman', 'run', '--rm', '--publish', '8501:8501', 'bare:1.0.0']);
    expect(written[tasks.dev.name].steps.at(-1).execArgs).toEqual(['pipenv', 'run', 'streamlit', 'run', 'app/main.py', '--server.port=8501', '--server.runOnSave=true']);
  });
});
