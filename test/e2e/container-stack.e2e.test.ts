import { spawn } from 'child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { ensureStandInBaseImage } from './harness/base-image';
import { renderAndScreenshot } from './harness/browser';
import { buildSteps } from './harness/build-log';
import { devcontainer, devcontainerCommand, devcontainerExec } from './harness/devcontainer-cli';
import { describeWithContainers, engineEnv, inspectImage, podman, podmanOk } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, REPO_ROOT, run, runOk, treeHashes, workDir } from './harness/generated-project';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { LOCK_STALE_MESSAGE } from '../../src/docker/dockerfile';

jest.setTimeout(30 * 60 * 1000);

const ARTIFACTS = join(REPO_ROOT, 'test-reports', 'e2e');
const timings: Array<[string, number]> = [];
const containers = new Set<string>();
const images = new Set<string>();
const workspaces: string[] = [];

function timed<T>(stage: string, action: () => T): T {
  const started = Date.now();
  const record = () => timings.push([stage, (Date.now() - started) / 1000]);
  const result = action();
  if (result instanceof Promise) return result.finally(record) as T;
  record();
  return result;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf-8');

/**
 * A new project from the packed tarball, the way a user makes one. The tarball is
 * copied into the workspace first, so that the spec in package.json also resolves
 * inside the dev container, where the workspace is mounted and the host's /tmp is not.
 */
function newProject(tarball: string, args: string[]): string {
  const dir = workDir('devstack-stack-');
  mkdirSync(join(dir, 'vendor'));
  copyFileSync(tarball, join(dir, 'vendor', 'py-streamlit-devstack.tgz'));
  projenNew('./vendor/py-streamlit-devstack.tgz', ['--python-version', '3.11', '--container-engine', 'podman', ...args], dir);
  return dir;
}

async function waitForHealth(port: number, seconds: number): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_stcore/health`);
      last = await response.text();
      if (response.ok) return last;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy answer on port ${port} within ${seconds} s (last: ${last})`);
}

function startContainer(image: string, name: string): void {
  containers.add(name);
  podmanOk(['run', '--detach', '--name', name, image]);
}

/** Runs a command in a container and returns its exit status and output. */
function inContainer(name: string, command: string[], user?: string) {
  return podman(['exec', ...(user ? ['--user', user] : []), name, ...command]);
}

describeWithContainers('the generated stack, built and run for real (podman, Pipenv, Streamlit, chromium, Dev Containers CLI)', () => {
  let tarball: string;
  let pipenvBin: string;
  let dir: string;
  let image: string;
  let coldBuildSeconds = 0;

  beforeAll(() => {
    timed('stand-in python:3.11-slim base image (cached per machine)', () => ensureStandInBaseImage());
    pipenvBin = timed('Pipenv from PyPI (cached per machine)', () => ensurePipenv());
    tarball = timed('npm pack', () => packThisPackage());
    dir = timed('projen new --from <tarball>', () => newProject(tarball, []));
    image = JSON.parse(read(dir, '.projen/tasks.json')).tasks['docker:build'].steps.at(-1).execArgs.slice(-2)[0];
    images.add(image);
    workspaces.push(dir);
  });

  afterAll(() => {
    for (const name of containers) podman(['rm', '--force', '--time', '0', name]);
    for (const workspace of workspaces) {
      const ids = podman(['ps', '--all', '--quiet', '--filter', `label=devcontainer.local_folder=${workspace}`]).output.split('\n').filter(Boolean);
      if (ids.length) podman(['rm', '--force', '--time', '0', ...ids]);
      // the Dev Containers CLI names its images after the folder
      const devImages = podman(['images', '--quiet', '--filter', `reference=vsc-${basename(workspace).toLowerCase()}-*`]).output.split('\n').filter(Boolean);
      if (devImages.length) podman(['rmi', '--force', ...devImages]);
    }
    for (const name of images) podman(['rmi', '--force', name]);
    cleanUpWorkDirs();
    console.log(`Container test stages:\n${timings.map(([stage, s]) => `  ${s.toFixed(1).padStart(7)} s  ${stage}`).join('\n')}`);
  });

  test('1. lock: the real Pipenv creates Pipfile.lock and `pipenv verify` passes', () => {
    timed('npx projen lock (pipenv lock)', () => runOk('npx', ['projen', 'lock'], dir, withPipenv(pipenvBin)));
    const lock = JSON.parse(read(dir, 'Pipfile.lock'));
    expect(Object.keys(lock.default)).toContain('streamlit');
    expect(Object.keys(lock.develop)).toEqual(expect.arrayContaining(['pytest', 'ruff']));
    expect(lock.default.streamlit.hashes.length).toBeGreaterThan(0);
    runOk(join(pipenvBin, 'pipenv'), ['verify'], dir, withPipenv(pipenvBin));
  });

  test('2. production image: healthy, renders in a browser, non-root, lean, healthcheck, prompt stop', async () => {
    // secrets and local state that must never reach the image
    runOk('git', ['init', '--quiet'], dir);
    writeFileSync(join(dir, '.env'), 'API_KEY=do-not-ship\n');
    writeFileSync(join(dir, '.streamlit', 'secrets.toml'), 'password = "do-not-ship"\n');
    // ... nor a commit: git itself says they are ignored
    for (const path of ['.env', '.streamlit/secrets.toml', '.venv/bin/python', 'node_modules/x']) {
      expect(`${path}: ${run('git', ['check-ignore', '--quiet', path], dir).status}`).toBe(`${path}: 0`);
    }
    const build = timed('build of the app target (npx projen docker:build; layer cache shared across runs)', () => runOk('npx', ['projen', 'docker:build'], dir, engineEnv()));
    coldBuildSeconds = build.seconds;
    const size = inspectImage(image).Size;
    console.log(`app image ${image}: ${(size / 1e6).toFixed(0)} MB`);

    startContainer(image, 'devstack-e2e-app');
    expect(await timed('app container healthy', () => waitForHealth(8501, 90))).toBe('ok');

    const screenshot = join(ARTIFACTS, 'app.png');
    const title: string = JSON.parse(/^TITLE = (".*")$/m.exec(read(dir, 'app/main.py'))![1]);
    const text = await renderAndScreenshot('http://127.0.0.1:8501/', [title, 'Showing 100 points.'], screenshot, 1);
    expect(text).toContain(title);
    expect(text).toContain('Showing 100 points.');
    expect(existsSync(screenshot)).toBe(true);

    expect(inContainer('devstack-e2e-app', ['id', '-u']).output.trim()).toBe('10001');
    const streamlitProcess = inContainer('devstack-e2e-app', ['cat', '/proc/1/status']).output;
    expect(/^Uid:\s+(\d+)/m.exec(streamlitProcess)?.[1]).toBe('10001');
    for (const tool of ['pipenv', 'virtualenv', 'git', 'gcc', 'cc', 'make']) {
      const found = inContainer('devstack-e2e-app', ['sh', '-c', `command -v ${tool} || echo absent`], '0');
      expect(`${tool}: ${found.output.trim()}`).toBe(`${tool}: absent`);
    }
    expect(inContainer('devstack-e2e-app', ['python', '-c', 'import pipenv'], '0').status).not.toBe(0);
    expect(inContainer('devstack-e2e-app', ['python', '-c', 'import virtualenv'], '0').status).not.toBe(0);
    const leftovers = inContainer('devstack-e2e-app', ['sh', '-c', 'ls -A /var/lib/apt/lists | grep -v -x -e partial -e lock; ls -d /root/.cache/pip /home/app/.cache/pip 2>/dev/null; true'], '0');
    expect(leftovers.output.trim()).toBe('');
    const unwanted = inContainer('devstack-e2e-app', ['sh', '-c', 'cd /workspace && ls -d .env .streamlit/secrets.toml .git .venv node_modules .projenrc.ts tests 2>/dev/null; true'], '0');
    expect(unwanted.output.trim()).toBe('');
    expect(inContainer('devstack-e2e-app', ['test', '-f', '/workspace/app/main.py']).status).toBe(0);

    const healthcheck = inspectImage(image).Healthcheck;
    expect(healthcheck.Test.slice(0, 2)).toEqual(['CMD', 'python']);
    expect(podman(['healthcheck', 'run', 'devstack-e2e-app']).status).toBe(0);

    const stop = timed('podman stop (SIGTERM)', () => podmanOk(['stop', 'devstack-e2e-app']));
    expect(stop.seconds).toBeLessThan(5);
    // Streamlit exited on SIGTERM by itself: a kill after the timeout would leave 137.
    expect(podmanOk(['inspect', '--format', '{{.State.ExitCode}}', 'devstack-e2e-app']).output.trim()).toBe('0');
  });

  test('3. incremental rebuild: an app-code-only change reuses every dependency layer from the cache', () => {
    const layersBefore = inspectImage(image).RootFS.Layers;
    appendFileSync(join(dir, 'app/main.py'), '\nst.write("rebuilt")\n');
    const rebuild = timed('rebuild after an app-code-only change', () => runOk('npx', ['projen', 'docker:build'], dir, engineEnv()));

    const steps = buildSteps(rebuild.output);
    expect(steps.filter((s) => /pip install|pipenv|apt-get/.test(s.instruction)).length).toBeGreaterThan(0);
    expect(steps.filter((s) => !s.cached).map((s) => s.instruction)).toEqual(['COPY . .']);
    // The same from the image itself: every layer but the application's is shared.
    const layersAfter = inspectImage(image).RootFS.Layers;
    expect(layersAfter.slice(0, -1)).toEqual(layersBefore.slice(0, -1));
    expect(layersAfter.at(-1)).not.toBe(layersBefore.at(-1));
    console.log(`rebuild ${rebuild.seconds.toFixed(1)} s against a first build of ${coldBuildSeconds.toFixed(1)} s (cold numbers: npx projen bench)`);
  });

  test('4. lock drift: a package added without re-locking fails the build with the fix, and tags no image', () => {
    const rc = read(dir, '.projenrc.ts');
    writeFileSync(join(dir, '.projenrc.ts'), rc.replace('packages: {},', 'packages: { humanize: "*" },'));
    const synth = runOk('npx', ['projen'], dir, engineEnv()); // no Pipenv on this PATH
    expect(synth.output).toMatch(/Pipfile changed, so Pipfile.lock is out of date.*npx projen lock/);
    podmanOk(['rmi', '--force', image]);

    const build = timed('build with a stale lock (fails)', () => run('npx', ['projen', 'docker:build'], dir, engineEnv()));
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(LOCK_STALE_MESSAGE);
    expect(podman(['image', 'exists', image]).status).not.toBe(0);

    writeFileSync(join(dir, '.projenrc.ts'), rc);
    runOk('npx', ['projen'], dir, engineEnv());
    runOk(join(pipenvBin, 'pipenv'), ['verify'], dir, withPipenv(pipenvBin));
  });

  test('5. dev container: builds the development stage, creates the Pipenv env, runs the tests, npx projen, git, ssh, the dev server', async () => {
    // The workspace belongs to the host user (uid 1000 on a usual single-user Linux machine).
    runOk('chown', ['-R', '1000:1000', dir], '/');
    const up = timed('devcontainer up (build development stage + postCreateCommand)', () => devcontainer('up', dir));
    expect(up.output).toMatch(/"outcome":"success"/);
    expect(existsSync(join(dir, '.venv', 'bin', 'pytest'))).toBe(true);

    const tests = timed('the project\'s own tests in the dev container', () => devcontainerExec(dir, ['pipenv', 'run', 'pytest', '-q']));
    expect(tests.output).toMatch(/2 passed/);
    expect(tests.status).toBe(0);

    const ignore = (hashes: Record<string, string>) =>
      Object.fromEntries(Object.entries(hashes).filter(([path]) => !/^\.venv\/|__pycache__|^\.pytest_cache\//.test(path)));
    const before = ignore(treeHashes(dir));
    const synth = timed('npx projen inside the dev container', () => devcontainerExec(dir, ['npx', 'projen']));
    expect(synth.status).toBe(0);
    expect(ignore(treeHashes(dir))).toEqual(before);

    expect(devcontainerExec(dir, ['git', '--version']).output).toMatch(/git version \d/);
    expect(devcontainerExec(dir, ['ssh', '-V']).output).toMatch(/OpenSSH_/);
    expect(devcontainerExec(dir, ['id', '-un']).output.trim()).toBe('vscode');
    expect(devcontainerExec(dir, ['grep', '-c', 'github.com ssh-ed25519', '/etc/ssh/ssh_known_hosts']).output.trim()).toBe('1');

    expect(await fetch('http://127.0.0.1:8501/_stcore/health').then(() => 'taken', () => 'free')).toBe('free');
    const server = spawn(...devcontainerCommand('exec', dir, ['npx', 'projen', 'dev']), { env: engineEnv(), stdio: 'ignore' });
    try {
      expect(await timed('dev server answers on the forwarded port', () => waitForHealth(8501, 120))).toBe('ok');
    } finally {
      server.kill();
      devcontainerExec(dir, ['pkill', '-f', 'streamlit run']);
    }
  });

  test('6. a non-default configuration really changes the stack: port, an apt package, a Python package the app imports', async () => {
    const custom = timed('projen new (custom configuration)', () => newProject(tarball, ['--port', '8765', '--image-name', 'devstack-e2e-custom']));
    images.add('devstack-e2e-custom');
    const rc = read(custom, '.projenrc.ts').replace('packages: {},', 'packages: { humanize: ">=4" },\n  aptPackages: ["libgomp1"],');
    writeFileSync(join(custom, '.projenrc.ts'), rc);
    timed('npx projen + pipenv lock (custom)', () => runOk('npx', ['projen'], custom, withPipenv(pipenvBin)));
    expect(existsSync(join(custom, 'Pipfile.lock'))).toBe(true);
    appendFileSync(join(custom, 'app/main.py'), '\nimport humanize\n\nst.write(f"Model size: {humanize.naturalsize(123456789)}")\n');

    timed('build (custom)', () => runOk('npx', ['projen', 'docker:build'], custom, engineEnv()));
    startContainer('devstack-e2e-custom', 'devstack-e2e-custom');
    expect(await waitForHealth(8765, 90)).toBe('ok');
    const text = await renderAndScreenshot('http://127.0.0.1:8765/', ['Model size: 123.5 MB'], join(ARTIFACTS, 'custom-app.png'), 1);
    expect(text).toContain('Model size: 123.5 MB');
    expect(inContainer('devstack-e2e-custom', ['dpkg-query', '--show', '--showformat=${Status}', 'libgomp1']).output).toContain('install ok installed');
    expect(podman(['healthcheck', 'run', 'devstack-e2e-custom']).status).toBe(0);
    podmanOk(['stop', 'devstack-e2e-custom']);
  });
});
