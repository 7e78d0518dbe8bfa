import { promises as fs } from 'fs';
import { COMPILED_SRC_ENV } from './compiled-src';
import { RUN_TEMP_ENV } from './run-temp-folder';
import { PACK_CACHE_ENV } from '../e2e/harness/generated-project';

/**
 * jest globalTeardown: removes the folders ./global-setup.ts made for this run's packed
 * tarballs, its compiled src/ and its RAM-backed temp folder, so the next run (or a fresh clone) packs and compiles its
 * own. (fs.promises: with --runInBand the test files' temp-folder guard still watches the
 * sync calls, and these folders are the run's, not a test file's.)
 */
export default async function globalTeardown(): Promise<void> {
  const cache = process.env[PACK_CACHE_ENV];
  if (cache) await fs.rm(cache, { recursive: true, force: true });
  delete process.env[PACK_CACHE_ENV];
  const compiled = process.env[COMPILED_SRC_ENV];
  if (compiled) await fs.rm(compiled, { recursive: true, force: true });
  delete process.env[COMPILED_SRC_ENV];
  const runTemp = process.env[RUN_TEMP_ENV];
  if (runTemp) await fs.rm(runTemp, { recursive: true, force: true });
  delete process.env[RUN_TEMP_ENV];
}
