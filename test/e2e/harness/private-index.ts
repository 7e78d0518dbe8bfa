import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import { appendFileSync, existsSync, readFileSync } from 'fs';
import { createServer } from 'http';
import { AddressInfo } from 'net';
import { basename, join } from 'path';
import { runOk, workDir } from './generated-project';

export interface IndexRequest {
  readonly path: string;
  /** `unauthorized` without the right basic-auth credentials; `served` or `not-found` with them. */
  readonly answer: 'unauthorized' | 'served' | 'not-found';
}

export interface PrivateIndex {
  /** `127.0.0.1:PORT`, for an index URL `http://USER:PASSWORD@127.0.0.1:PORT/simple`. */
  readonly hostPort: string;
  /** What was asked of it so far. */
  requests(): IndexRequest[];
  close(): void;
}

/**
 * A pure-Python wheel built here (no registry has it), of one module whose `VALUE` is `value`.
 * Returns the wheel's path.
 */
export function buildWheel(dir: string, name: string, version: string, value: string): string {
  const script = `
import base64, hashlib, sys, zipfile
out, name, version, value = sys.argv[1:]
module = name.replace("-", "_")
dist = f"{module}-{version}"
files = {
    f"{module}.py": f"VALUE = {value!r}\\n",
    f"{dist}.dist-info/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",
    f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: devstack-e2e\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
record = "".join(f"{path},{digest(text.encode())},{len(text.encode())}\\n" for path, text in files.items()) + f"{dist}.dist-info/RECORD,,\\n"
path = f"{out}/{dist}-py3-none-any.whl"
with zipfile.ZipFile(path, "w") as wheel:
    for name_in_zip, text in {**files, f"{dist}.dist-info/RECORD": record}.items():
        wheel.writestr(name_in_zip, text)
print(path)
`;
  return runOk('python3', ['-c', script, dir, name, version, value], dir).output.trim();
}

/**
 * A PEP 503 simple index on 127.0.0.1 (and nowhere else) that serves one wheel and answers
 * 401 to every request without HTTP basic auth of `user` and `password`. It runs in a
 * process of its own (the tests run pipenv and podman with spawnSync, which blocks their
 * event loop); the credentials reach it through its environment, not its command line.
 */
export async function startPrivateIndex(wheel: string, user: string, password: string): Promise<PrivateIndex> {
  const log = join(workDir('devstack-index-'), 'requests.jsonl');
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, wheel, log], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, INDEX_SERVER_USER: user, INDEX_SERVER_PASSWORD: password },
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (chunk) => resolve(Number(/listening (\d+)/.exec(String(chunk))?.[1])));
    child.once('exit', (code) => reject(new Error(`the private index exited with ${code}`)));
  });
  return {
    hostPort: `127.0.0.1:${port}`,
    requests: () => (existsSync(log) ? readFileSync(log, 'utf-8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []),
    close: () => void child.kill(),
  };
}

function serve(wheel: string, log: string, user: string, password: string): void {
  const bytes = readFileSync(wheel);
  const file = basename(wheel);
  const project = file.split('-')[0].replace(/[-_.]+/g, '-').toLowerCase();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const record = (entry: IndexRequest) => appendFileSync(log, `${JSON.stringify(entry)}\n`);
  const html = (links: string) => `<!DOCTYPE html>\n<html><body>\n${links}\n</body></html>\n`;
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0]);
    if (request.headers.authorization !== expected) {
      record({ path, answer: 'unauthorized' });
      response.writeHead(401, { 'www-authenticate': 'Basic realm="private index"' });
      response.end();
      return;
    }
    const send = (type: string, body: string | Buffer) => {
      record({ path, answer: 'served' });
      response.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      response.end(body);
    };
    if (path === '/simple/' || path === '/simple') {
      send('text/html', html(`<a href="/simple/${project}/">${project}</a>`));
    } else if (path === `/simple/${project}/` || path === `/simple/${project}`) {
      send('text/html', html(`<a href="/files/${file}#sha256=${sha256}">${file}</a>`));
    } else if (path === `/files/${file}`) {
      send('application/octet-stream', bytes);
    } else {
      record({ path, answer: 'not-found' });
      response.writeHead(404);
      response.end();
    }
  });
  server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
}

if (require.main === module) {
  const [wheel, log] = process.argv.slice(2);
  serve(wheel, log, process.env.INDEX_SERVER_USER ?? '', process.env.INDEX_SERVER_PASSWORD ?? '');
}
