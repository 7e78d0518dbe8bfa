/** One instruction of a podman/buildah build and whether its layer came from the cache. */
export interface BuildStep {
  /** The stage's position, e.g. "3/3". */
  readonly stage: string;
  /** The instruction as the log prints it, e.g. "COPY . .". */
  readonly instruction: string;
  readonly cached: boolean;
}

const STEP = /^\[(\d+\/\d+)\] STEP \d+\/\d+: (.*)$/;
const CACHE_HIT = /^--> Using cache [0-9a-f]+$/;
const STEP_DONE = /^--> [0-9a-f]+$/;

/**
 * The non-FROM steps of a podman/buildah build log, in the order they started.
 *
 * Stages are not printed one after the other: when `COPY --from=builder` needs a
 * stage that has not been built yet, the builder's steps are printed between that
 * COPY and its result. So a result line belongs to the innermost step still open.
 */
export function buildSteps(log: string): BuildStep[] {
  const steps: Array<{ stage: string; instruction: string; cached: boolean }> = [];
  const open: number[] = [];
  for (const line of log.split('\n')) {
    const step = STEP.exec(line);
    if (step) {
      // FROM prints no result line of its own.
      if (!step[2].startsWith('FROM ')) {
        open.push(steps.length);
        steps.push({ stage: step[1], instruction: step[2], cached: false });
      }
    } else if (CACHE_HIT.test(line)) {
      const current = open.at(-1);
      if (current === undefined) throw new Error(`build log: "${line}" outside any step`);
      steps[current].cached = true;
    } else if (STEP_DONE.test(line)) {
      open.pop();
    }
  }
  return steps;
}
