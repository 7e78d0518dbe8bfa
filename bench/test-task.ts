/**
 * The unit test task's time, side by side in one run on one machine (`npx projen bench --only
 * test-task`): `npx projen test` of this checkout and of an earlier commit (a git worktree of
 * it with its own `npm ci`, kept in the system's temp folder for the next run), alternating,
 * after a warm-up run of each (jest's transform cache and eslint's cache filled, as on a
 * developer's machine after the first run; a worktree kept from an earlier benchmark is warm
 * already). Both run without `CI`, as `npx projen test` does locally. This machine's speed drifts by a fifth between minutes, so only runs taken in turn
 * compare, and the median says more than any one run.
 */
import { existsSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { median } from './synth-speed';
import { REPO_ROOT, runOk } from '../test/e2e/harness/generated-project';

/** The last whole commit before issue 19's work on the test suite (its child b3b2871 lacks src/tasks/task-names.ts). */
export const TEST_TASK_BASELINE = '0fdf115';

export interface TestTaskResults {
  readonly baseline: string;
  readonly runs: number;
  readonly currentSeconds: readonly number[];
  readonly baselineSeconds: readonly number[];
  readonly currentMedian: number;
  readonly baselineMedian: number;
  readonly ratio: number;
}

/** A worktree of `commit` with its dependencies installed, made once and reused; `made` when this call made it. */
function baselineCheckout(commit: string): { dir: string; made: boolean } {
  const root = join(tmpdir(), 'py-streamlit-devstack-bench');
  const dir = join(root, commit);
  if (existsSync(join(dir, 'node_modules', '.package-lock.json'))) return { dir, made: false };
  mkdirSync(root, { recursive: true });
  if (!existsSync(join(dir, '.git'))) runOk('git', ['worktree', 'add', '--detach', dir, commit], REPO_ROOT, process.env);
  runOk('npm', ['ci', '--no-audit', '--no-fund'], dir, process.env);
  return { dir, made: true };
}

/** Seconds of one `npx projen test` in `dir`, locally (CI unset); a failing run fails the benchmark. */
function timedTestTask(dir: string): number {
  const env = { ...process.env };
  delete env.CI;
  return runOk('npx', ['projen', 'test'], dir, env).seconds;
}

export function measureTestTask(runs: number, baseline = TEST_TASK_BASELINE): TestTaskResults {
  const { dir: previous, made } = baselineCheckout(baseline);
  timedTestTask(REPO_ROOT);
  // a worktree kept from an earlier run has its caches filled already (its test task takes minutes)
  if (made) timedTestTask(previous);
  const currentSeconds: number[] = [];
  const baselineSeconds: number[] = [];
  for (let run = 0; run < runs; run++) {
    currentSeconds.push(timedTestTask(REPO_ROOT));
    baselineSeconds.push(timedTestTask(previous));
    console.log(`test task run ${run + 1}/${runs}: this checkout ${currentSeconds[run].toFixed(1)} s, ${baseline} ${baselineSeconds[run].toFixed(1)} s`);
  }
  const currentMedian = median(currentSeconds);
  const baselineMedian = median(baselineSeconds);
  return { baseline, runs, currentSeconds, baselineSeconds, currentMedian, baselineMedian, ratio: currentMedian / baselineMedian };
}
