import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { CONTAINER } from '../docker/container-commands';

export interface SmokeOutcome {
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Runs `image` with `engine`, publishing `port`, and waits until `http://127.0.0.1:port<healthPath>`
 * answers 200 (the readiness signal) or the container stops, then removes the container.
 */
export async function smokeRun(engine: string, image: string, port: number, healthPath: string, timeoutSeconds = 180): Promise<SmokeOutcome> {
  const name = `devstack-smoke-${randomBytes(4).toString('hex')}`;
  const [command, ...args] = CONTAINER.run(engine, image, port, ['--detach', '--name', name]);
  const started = spawnSync(command, args, { encoding: 'utf-8' });
  if (started.status !== 0) return { ok: false, message: `${engine} run ${image} failed: ${(started.stderr || started.error?.message || '').trim()}` };
  const begun = Date.now();
  try {
    while (Date.now() - begun < timeoutSeconds * 1000) {
      const answer = await fetch(`http://127.0.0.1:${port}${healthPath}`).then((response) => response.status, () => 0);
      if (answer === 200) return { ok: true, message: `${image} is healthy on ${healthPath} after ${((Date.now() - begun) / 1000).toFixed(1)} s` };
      const running = spawnSync(engine, ['inspect', '--format', '{{.State.Running}}', name], { encoding: 'utf-8' }).stdout.trim();
      if (running !== 'true') return { ok: false, message: `${image} stopped before it was healthy:\n${logs(engine, name)}` };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { ok: false, message: `${image} was not healthy on ${healthPath} within ${timeoutSeconds} s:\n${logs(engine, name)}` };
  } finally {
    spawnSync(engine, ['rm', '--force', name], { stdio: 'ignore' });
  }
}

function logs(engine: string, name: string): string {
  const result = spawnSync(engine, ['logs', name], { encoding: 'utf-8' });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
}
