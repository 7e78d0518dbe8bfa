import { spawnSync } from 'child_process';

/** True when PyPI answers here (Pipenv, the checkers and the images' packages come from it). */
export function pypiAnswers(): boolean {
  const probe = spawnSync('python3', ['-c', "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/pip/', timeout=15)"]);
  return probe.status === 0;
}

/** What a group of tests needs, and what to do when it is missing. */
export interface Prerequisites {
  /** What is missing, or undefined when everything is there. */
  readonly missing: string | undefined;
  /** The tests' kind, for the messages ("container tests"). */
  readonly kind: string;
  /** Appended to the CI failure. */
  readonly inCi?: string;
  /** Appended to the local skip warning. */
  readonly locally?: string;
}

/**
 * `describe` that runs when its prerequisites exist, fails in CI when they do not
 * (`.ci/run` must install them), and otherwise skips loudly.
 */
export function describeWhenAvailable(name: string, needs: Prerequisites, body: () => void): void {
  const { missing, kind, inCi = '', locally = '' } = needs;
  if (!missing) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      test('prerequisites', () => {
        throw new Error(`${kind} cannot run in CI: ${missing}.${inCi}`);
      });
    });
    return;
  }
  console.warn(`\n!!! SKIPPING "${name}": ${missing}.${locally}\n`);
  describe.skip(name, body);
}
