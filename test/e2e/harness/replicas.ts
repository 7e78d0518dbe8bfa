import { ensureStandInBaseImage } from './base-image';
import { podman, podmanOk } from './engine';
import { projenNewWithVendoredTarball, runOk, workDir } from './generated-project';
import { Replica } from './load-balancer';
import { ensurePipenv, withPipenv } from './pipenv';
import { waitForUrl } from './wait-for-url';
import { STREAMLIT_SERVER } from '../../../src/streamlit/streamlit-server';

/**
 * A new project on Python 3.11 (this host's, so the host's Pipenv locks it during the
 * synth), built into its production image with the project's own `docker:build` task.
 */
export function buildLockedAppImage(tarball: string, imageName: string, extraArgs: readonly string[] = []): { dir: string } {
  ensureStandInBaseImage('3.11');
  const env = withPipenv(ensurePipenv());
  const args = ['--python-version', '3.11', '--container-engine', 'podman', '--image-name', imageName, ...extraArgs];
  const dir = projenNewWithVendoredTarball(tarball, args, workDir('devstack-replicas-')).dir;
  runOk('npx', ['projen'], dir, env);
  runOk('npx', ['projen', 'docker:build'], dir, env);
  return { dir };
}

/**
 * Replicas of the app image on the host's ports `firstPort`, `firstPort + 1`, ..., each
 * given `secrets[i]` as its cookie secret, run as the Deployment runs them: read-only
 * root filesystem, a writable /tmp, no capabilities.
 */
export function startReplicas(image: string, prefix: string, firstPort: number, secrets: readonly string[]): Replica[] {
  return secrets.map((secret, i) => {
    const replica = { name: `${prefix}${i + 1}`, port: firstPort + i };
    podman(['rm', '--force', '--time', '0', replica.name]);
    podmanOk([
      'run', '--detach', '--name', replica.name,
      '--read-only', '--tmpfs', '/tmp', '--cap-drop', 'ALL',
      '--env', `${STREAMLIT_SERVER.cookieSecretEnv}=${secret}`,
      image, `--server.port=${replica.port}`,
    ]);
    return replica;
  });
}

export function removeReplicas(replicas: readonly Replica[]): void {
  if (replicas.length) podman(['rm', '--force', '--time', '0', ...replicas.map((r) => r.name)]);
}

/** Resident memory of a replica's Streamlit server (its pid 1), in MB. */
export function serverMemoryMb(replica: Replica): number {
  const status = podmanOk(['exec', replica.name, 'cat', '/proc/1/status']).output;
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no VmRSS for ${replica.name}:\n${status}`);
  return kb / 1024;
}

/** Waits until every replica answers its health endpoint (the readiness signal). */
export async function waitForReplicas(replicas: readonly Replica[], healthPath: string = STREAMLIT_SERVER.healthPath): Promise<void> {
  for (const replica of replicas) {
    const running = () => podman(['inspect', '--format', '{{.State.Running}}', replica.name]).output.trim() === 'true';
    await waitForUrl(`http://127.0.0.1:${replica.port}${healthPath}`, `replica ${replica.name}`, {
      gone: () => (running() ? undefined : podman(['logs', replica.name]).output),
    });
  }
}
