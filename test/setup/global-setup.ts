import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import installPythonTestTools from './python-tools';
import { PACK_CACHE_ENV } from '../e2e/harness/generated-project';

/**
 * jest globalSetup, once per run before any worker starts: installs the Python test tools
 * (./python-tools.ts), and makes the folder in which the e2e tests share this run's packed
 * tarball (packThisPackage in test/e2e/harness/generated-project.ts). The workers inherit
 * the folder's path through the environment; ./global-teardown.ts removes it.
 */
export default function globalSetup(): void {
  installPythonTestTools();
  process.env[PACK_CACHE_ENV] = mkdtempSync(join(tmpdir(), 'devstack-pack-cache-'));
}
