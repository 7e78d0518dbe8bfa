import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { COMPILED_SRC_ENV, compileSrc } from './compiled-src';
import installPythonTestTools from './python-tools';
import { useRamTempFolder } from './run-temp-folder';
import { PACK_CACHE_ENV } from '../e2e/harness/generated-project';

/**
 * jest globalSetup, once per run before any worker starts: installs the Python test tools
 * (./python-tools.ts), and makes the folder in which the e2e tests share this run's packed
 * tarball (packThisPackage in test/e2e/harness/generated-project.ts). The workers inherit
 * the folder's path through the environment; ./global-teardown.ts removes it. Also compiles
 * this checkout's src/ into a folder of the run, for the tests that run it in a child Node
 * process (./compiled-src.ts): afresh in every run, so it is always the current src/ (each
 * file's output cached in jest's cache folder by its content).
 */
/** What globalSetup reads of jest's project configuration. */
interface ProjectConfig {
  readonly cacheDirectory: string;
  readonly roots: readonly string[];
}

export default async function globalSetup(_globalConfig: unknown, projectConfig: ProjectConfig): Promise<void> {
  // the unit tests' temporary folders in RAM where there is room (./run-temp-folder.ts); not the e2e tests'
  if (!projectConfig.roots.some((root) => /[\\/]test[\\/]e2e$/.test(root))) useRamTempFolder();
  installPythonTestTools();
  process.env[PACK_CACHE_ENV] = mkdtempSync(join(tmpdir(), 'devstack-pack-cache-'));
  const compiled = mkdtempSync(join(tmpdir(), 'devstack-compiled-src-'));
  process.env[COMPILED_SRC_ENV] = compiled;
  await compileSrc(compiled, join(projectConfig.cacheDirectory, 'devstack-compiled-src'));
}
