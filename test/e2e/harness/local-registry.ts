import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createHash } from 'crypto';
import { appendFileSync, existsSync, readFileSync } from 'fs';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { basename, join } from 'path';
import { workDir } from './generated-project';

export interface RegistryRequest {
  readonly path: string;
  readonly answer: 'served' | 'redirected';
}

export interface LocalRegistry {
  /** The registry URL to give npm (`npm_config_registry`). */
  readonly url: string;
  /** What was asked of it so far: `served` for this package, `redirected` for everything else. */
  requests(): RegistryRequest[];
  close(): void;
}

/**
 * An npm registry on 127.0.0.1 that serves one package, this one, from its packed tarball
 * (a packument with one version, as the public registry would list it after a release), and
 * redirects every other request to the registry npm is configured with. npm follows the
 * redirects, so `npx projen new --from py-streamlit-devstack` resolves the name here and
 * everything else as usual. (Verdaccio does not install on these machines.)
 *
 * It runs in a process of its own: the tests run npm with spawnSync, which blocks their
 * own event loop.
 */
export async function startLocalRegistry(tarball: string): Promise<LocalRegistry> {
  const log = join(workDir('devstack-registry-'), 'requests.jsonl');
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf-8' }).trim();
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, tarball, upstream, log], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk) => resolve(Number(/listening (\d+)/.exec(String(chunk))?.[1])));
    child.once('exit', (code) => reject(new Error(`the local registry exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => (existsSync(log) ? readFileSync(log, 'utf-8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []),
    close: () => child.kill(),
  };
}

function serve(tarball: string, upstream: string, log: string): void {
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf-8' }));
  const bytes = readFileSync(tarball);
  const tarballPath = `/${manifest.name}/-/${basename(tarball)}`;
  const record = (entry: RegistryRequest) => appendFileSync(log, `${JSON.stringify(entry)}\n`);
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    if (path === `/${manifest.name}`) {
      record({ path, answer: 'served' });
      const { port } = server.address() as AddressInfo;
      const version = {
        ...manifest,
        _id: `${manifest.name}@${manifest.version}`,
        dist: {
          tarball: `http://127.0.0.1:${port}${tarballPath}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        },
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ 'name': manifest.name, 'dist-tags': { latest: manifest.version }, 'versions': { [manifest.version]: version } }));
    } else if (path === tarballPath) {
      record({ path, answer: 'served' });
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      response.end(bytes);
    } else {
      record({ path, answer: 'redirected' });
      response.writeHead(302, { location: `${upstream.replace(/\/$/, '')}${request.url}` });
      response.end();
    }
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
}

if (require.main === module) {
  const [tarball, upstream, log] = process.argv.slice(2);
  serve(tarball, upstream, log);
}
