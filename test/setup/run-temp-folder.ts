import { chmodSync, mkdtempSync, statfsSync } from 'fs';
import { join } from 'path';

/**
 * The unit tests write thousands of small files (a whole project per synth) into temporary
 * folders: on this machine's disk, projen's file writes and mkdirs were about 7 of the suite's
 * 90 CPU seconds. A run of the unit tests therefore gets a temporary folder of its own in RAM
 * (`/dev/shm`, a tmpfs on Linux) as its workers' TMPDIR, when that has room to spare; otherwise
 * (no tmpfs there, or a container's 64 MB one) the system's temp folder as before. The e2e tests
 * keep the system's: podman mounts their workspaces, and they mean the user's own disk.
 *
 * The folder is open to every user, as /tmp is (sticky), since tests run children as another
 * user. ./global-teardown.ts removes it.
 */
export const RUN_TEMP_ENV = 'DEVSTACK_RUN_TEMP';

const RAM_FOLDER = '/dev/shm';
const TMPFS_MAGIC = 0x01021994;
/** Far above what a unit run keeps at once (under 1 GB): a smaller tmpfs is left alone. */
const MIN_FREE_BYTES = 4 * 2 ** 30;

/** Makes the run's RAM-backed temp folder and points TMPDIR at it; undefined (TMPDIR unchanged) where there is none with room. */
export function useRamTempFolder(): string | undefined {
  let free: number;
  try {
    const stats = statfsSync(RAM_FOLDER);
    if (stats.type !== TMPFS_MAGIC) return undefined;
    free = stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
  if (free < MIN_FREE_BYTES) return undefined;
  const folder = mkdtempSync(join(RAM_FOLDER, 'devstack-unit-run-'));
  chmodSync(folder, 0o1777);
  process.env[RUN_TEMP_ENV] = folder;
  process.env.TMPDIR = folder;
  return folder;
}
