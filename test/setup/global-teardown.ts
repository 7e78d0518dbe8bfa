import { promises as fs } from 'fs';
import { PACK_CACHE_ENV } from '../e2e/harness/generated-project';

/**
 * jest globalTeardown: removes the folder ./global-setup.ts made for this run's packed
 * tarballs, so the next run (or a fresh clone) packs its own build again. (fs.promises:
 * with --runInBand the test files' temp-folder guard still watches the sync calls, and
 * this folder is the run's, not a test file's.)
 */
export default async function globalTeardown(): Promise<void> {
  const cache = process.env[PACK_CACHE_ENV];
  if (cache) await fs.rm(cache, { recursive: true, force: true });
  delete process.env[PACK_CACHE_ENV];
}
