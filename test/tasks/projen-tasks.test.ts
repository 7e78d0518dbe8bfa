import { spawnSync } from 'child_process';
import { join } from 'path';
import { ContainerEngine } from '../../src';
import { PROJEN_BUILD_PHASES } from '../../src/tasks/projen-tasks';
import { synth, tasksOf, tempDir } from '../util';

const PROJEN_CLI = join(__dirname, '..', '..', 'node_modules', 'projen', 'bin', 'projen');

/** Each task's description, by name. */
function descriptions(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tasksOf(files)).map(([name, task]) => [name, task.description]));
}

describe("projen's own tasks, fitted to the stack", () => {
  test('the generated tasks are the stack\'s own: no compile, package, pre-compile or post-compile', () => {
    expect(Object.keys(tasksOf(synth())).sort()).toEqual([
      'build',
      'ci:k8s', 'ci:lint', 'ci:lock', 'ci:publish', 'ci:secrets', 'ci:smoke', 'ci:verify',
      'default', 'dev', 'docker:build', 'docker:push', 'docker:run', 'eject', 'install',
      'k8s:apply', 'k8s:delete', 'k8s:secret', 'lock', 'test', 'watch',
    ]);
    expect(PROJEN_BUILD_PHASES).toEqual(['pre-compile', 'compile', 'post-compile', 'package']);
  });

  test('build is the synth, then the tests, and says so; no task spawns a removed one', () => {
    const tasks = tasksOf(synth());
    expect(tasks.build.steps).toEqual([{ spawn: 'default' }, { spawn: 'test' }]);
    expect(tasks.build.description).toBe('Synthesize the project files (the default task), then run the tests (the test task)');
    const spawned = Object.values(tasks).flatMap((task: any) => (task.steps ?? []).map((step: any) => step.spawn).filter(Boolean));
    for (const name of spawned) expect(Object.keys(tasks)).toContain(name);
  });

  test('every task has a description, and each of the stack\'s everyday tasks names the command it runs', () => {
    const shown = descriptions(synth({ port: 8600, appEntrypoint: 'src/app.py', imageName: 'acme/dash:1.0' }));
    for (const [name, description] of Object.entries(shown)) expect([name, typeof description === 'string' && description.length > 10]).toEqual([name, true]);
    expect(shown).toMatchObject({
      'default': 'Synthesize the project files from .projenrc.ts (what npx projen runs: devstack-projenrc .projenrc.ts)',
      'install': 'Install exactly what Pipfile.lock pins, dev packages included, into the Pipenv environment (devstack-python-env sync: uv pip sync of pipenv requirements --dev --hash)',
      'lock': 'Refresh Pipfile.lock from the Pipfile (pipenv lock), then commit it',
      'dev': 'Run the app on port 8600, rerun whenever a file is saved (pipenv run streamlit run src/app.py)',
      'test': 'Run the tests with pytest in the Pipenv environment (pipenv run pytest)',
      'docker:build': 'Build the production image acme/dash:1.0, the Dockerfile\'s "app" target (docker build)',
      'docker:run': 'Run the production image acme/dash:1.0 on port 8600 (docker run)',
      'watch': 'Re-synthesize whenever .projenrc.ts is saved (node --watch-path=.projenrc.ts running npx projen)',
      'eject': 'Stop using projen: a last synth with PROJEN_EJECTING=true writes plain files, renames .projenrc.ts to .projenrc.ts.bak and adds scripts/run-task.cjs to run the tasks',
    });
    // each names the command of its last step, the one that does the work
    const tasks = tasksOf(synth());
    for (const name of ['default', 'install', 'lock', 'dev', 'test', 'docker:build', 'docker:run', 'watch']) {
      const command = tasks[name].steps.at(-1).execArgs.slice(0, name === 'default' || name === 'watch' ? 1 : 2).join(' ');
      expect([name, tasks[name].description]).toEqual([name, expect.stringContaining(command)]);
    }
  });

  test('a step added to a removed phase from .projenrc.ts fails with projen\'s "locked" error, instead of never running', () => {
    expect(() => synth({}, undefined, (project) => project.compileTask.exec('tsc'))).toThrow(/locked/);
    expect(() => synth({}, undefined, (project) => project.packageTask.spawn(project.testTask))).toThrow(/locked/);
  });

  test('with podman, the image tasks say podman', () => {
    const shown = descriptions(synth({ containerEngine: ContainerEngine.PODMAN }));
    expect(shown['docker:build']).toMatch(/\(podman build\)$/);
    expect(shown['docker:run']).toMatch(/\(podman run\)$/);
  });

  test('npx projen --help in the generated project lists the stack\'s tasks with their descriptions, and no build phase', () => {
    const dir = tempDir('help-');
    synth({}, dir);
    const help = spawnSync(process.execPath, [PROJEN_CLI, '--help'], { cwd: dir, encoding: 'utf-8', env: { ...process.env, COLUMNS: '400' } });
    expect(help.status).toBe(0);
    const listed = help.stdout.split('\n').map((line) => /^\s+projen (\S+)/.exec(line)?.[1]).filter(Boolean);
    expect(listed).toEqual(expect.arrayContaining(['build', 'default', 'dev', 'test', 'docker:build', 'watch']));
    for (const phase of PROJEN_BUILD_PHASES) expect(listed).not.toContain(phase);
    expect(help.stdout).toMatch(/projen test\s+Run the tests with pytest in the Pipenv environment \(pipenv run pytest\)/);
    expect(help.stdout).not.toContain('Run tests');
  });
});
