import { TASK } from '../contracts/task-names';
import { Project, Task } from '../projen-api';

/**
 * projen's build phases. They compile and package nothing in this stack (the app is Python,
 * run from source; its image is `docker:build`), so `npx projen --help` would list four
 * tasks that do nothing.
 */
export const PROJEN_BUILD_PHASES = ['pre-compile', 'compile', 'post-compile', 'package'] as const;

/**
 * projen's own tasks, fitted to this stack: the build phases are removed, `build` is what
 * a build here is (the synth, then the tests), and `eject` says what it does. projen locks
 * its `build` task and it spawns the phases, so it is replaced, not edited (`project.buildTask`
 * and the phases' getters keep returning the removed, locked tasks).
 *
 * @returns the new `build` task
 */
export function fitProjenTasks(project: Project): Task {
  const { tasks } = project;
  tasks.removeTask(TASK.build);
  // locked, so a step added through project.compileTask (or the others) fails loudly instead of vanishing
  for (const phase of PROJEN_BUILD_PHASES) tasks.removeTask(phase)?.lock();
  const synth = project.defaultTask;
  const build = tasks.addTask(TASK.build, {
    description: synth
      ? `Synthesize the project files (the ${synth.name} task), then run the tests (the ${project.testTask.name} task)`
      : `Run the tests (the ${project.testTask.name} task)`,
  });
  if (synth) build.spawn(synth);
  build.spawn(project.testTask);
  const eject = tasks.tryFind(TASK.eject);
  if (eject) {
    eject.description = 'Stop using projen: a last synth with PROJEN_EJECTING=true writes plain files, '
      + 'renames .projenrc.ts to .projenrc.ts.bak and adds scripts/run-task.cjs to run the tasks';
  }
  return build;
}
