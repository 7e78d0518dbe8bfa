/** The names of the generated tasks: the tasks, the README, the next steps and CI all use these. */
export const TASK = {
  build: 'build',
  install: 'install',
  lock: 'lock',
  dev: 'dev',
  test: 'test',
  dockerBuild: 'docker:build',
  dockerRun: 'docker:run',
  dockerPush: 'docker:push',
  k8sSecret: 'k8s:secret',
  k8sApply: 'k8s:apply',
  k8sDelete: 'k8s:delete',
  watch: 'watch',
  eject: 'eject',
} as const;

/** How a user runs a task. */
export function npxProjen(...tasks: string[]): string {
  return tasks.map((task) => `npx projen ${task}`).join(' && ');
}
