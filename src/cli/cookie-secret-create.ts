import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface SecretOutcome {
  readonly ok: boolean;
  /** What to tell the user, when kubectl's own output is not enough. */
  readonly message?: string;
}

/**
 * Runs `kubectl create secret generic NAME --from-file=KEY=FILE` with a random value in
 * a file only this user can read, removed right after (Node's stdin is a socket, which
 * kubectl cannot open as a file; the value never goes on a command line). kubectl's
 * output (the created object, or the manifest with `--dry-run=client -o yaml`) passes through.
 */
export function createCookieSecret(name: string | undefined, key: string | undefined, kubectlOptions: readonly string[], kubectl = 'kubectl'): SecretOutcome {
  if (!name || !key) return { ok: false, message: 'usage: devstack-cookie-secret SECRET_NAME KEY [kubectl options]' };
  const folder = mkdtempSync(join(tmpdir(), 'devstack-secret-'));
  try {
    const valueFile = join(folder, key);
    writeFileSync(valueFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const result = spawnSync(kubectl, ['create', 'secret', 'generic', name, `--from-file=${key}=${valueFile}`, ...kubectlOptions], {
      encoding: 'utf-8',
    });
    if (result.error) return { ok: false, message: `kubectl could not be run: ${result.error.message}` };
    process.stdout.write(result.stdout ?? '');
    if (result.status === 0) return { ok: true };
    if (/AlreadyExists|already exists/.test(result.stderr ?? '')) {
      return {
        ok: true,
        message: `the Secret ${name} already exists and is kept (a new value would log out every signed-in user). To rotate it: kubectl delete secret ${name}, run this task again, then kubectl rollout restart deployment.`,
      };
    }
    return { ok: false, message: `kubectl could not create the Secret ${name}: ${(result.stderr ?? '').trim()}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
