import { ChildProcess, spawn } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { workDir } from './generated-project';
import { ensureGoTool } from './go-tools';
import { waitForUrl } from './wait-for-url';

export interface ImageRegistry {
  /** `127.0.0.1:PORT`, the registry host for image names. */
  readonly host: string;
  /** A registries.conf that lets podman push to it over plain HTTP (CONTAINERS_REGISTRIES_CONF). */
  readonly registriesConf: string;
  /** The registry's process. */
  readonly pid: number;
  /** The tags the registry holds for a repository, from its own API. */
  tags(repository: string): Promise<string[]>;
  stop(): void;
}

/** The CNCF Distribution registry on 127.0.0.1:`port`, storing in a temporary folder; waits until its API answers. */
export async function startImageRegistry(port: number): Promise<ImageRegistry> {
  const folder = workDir('devstack-image-registry-');
  const config = join(folder, 'config.yml');
  writeFileSync(config, `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${join(folder, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`);
  const registriesConf = join(folder, 'registries.conf');
  writeFileSync(registriesConf, `[[registry]]\nlocation = "127.0.0.1:${port}"\ninsecure = true\n`);
  const base = `http://127.0.0.1:${port}/v2/`;
  if (await fetch(base).then(() => true, () => false)) throw new Error(`something already answers on 127.0.0.1:${port} (${base}): stop it, the tests start their own registry there`);
  const child: ChildProcess = spawn(ensureGoTool('registry'), ['serve', config], { stdio: 'ignore' });
  try {
    await waitForUrl(base, 'the image registry', { timeoutMs: 60_000, gone: () => (child.exitCode === null ? undefined : `exit ${child.exitCode}`) });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    host: `127.0.0.1:${port}`,
    pid: child.pid!,
    registriesConf,
    tags: async (repository) => ((await (await fetch(`${base}${repository}/tags/list`)).json()) as { tags?: string[] }).tags ?? [],
    stop: () => child.kill(),
  };
}
