import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { ensureStandInBaseImage } from './harness/base-image';
import { openApp } from './harness/browser';
import { buildSteps } from './harness/build-log';
import { devcontainer, devcontainerCommand, devcontainerExec } from './harness/devcontainer-cli';
import { describeWithContainers, engineEnv, inspectImage, podman, podmanOk } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, REPO_ROOT, run, runOk, treeHashes, workDir } from './harness/generated-project';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { lockMessage } from '../../src/pipenv/pipenv-commands';
import { ignoredByGit, PLANTED_IMAGE_ONLY, PLANTED_LOCAL_STATE, PLANTED_MARK, PLANTED_SECRETS, plantFiles } from '../ignore/planted-files';

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
 * A new project from the packed tarball, exactly the way a user makes one: the tarball stays
 * where npm pack wrote it, outside the project (so outside the dev container); the project
 * must keep its own copy for the container's npm install to work.
 */
function newProject(tarball: string, args: string[]): string {
  return projenNew(tarball, ['--container-engine', 'podman', ...args], workDir('devstack-stack-')).dir;
}

/**
 * Waits for `/_stcore/health` to answer 200. The readiness signal is the answer itself;
 * when a container is named, its exit ends the wait at once, with its log.
 */
async function waitForHealth(port: number, container?: string): Promise<string> {
  const deadline = Date.now() + 180_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/_stcore/health`);
      last = await response.text();
      if (response.ok) return last;
    } catch (error) {
      last = String(error);
    }
    if (container && podman(['inspect', '--format', '{{.State.Running}}', container]).output.trim() !== 'true') {
      throw new Error(`container ${container} stopped before it was healthy:\n${podman(['logs', container]).output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy answer on port ${port} within 180 s (last: ${last})`);
}

function startContainer(image: string, name: string): void {
  containers.add(name);
  podmanOk(['run', '--detach', '--name', name, image]);
}

/** Runs a command in a container and returns its exit status and output. */
function inContainer(name: string, command: string[], user?: string) {
  return podman(['exec', ...(user ? ['--user', user] : []), name, ...command]);
}

/** Every file of an image whose content holds `mark`, found on the image's own filesystem. */
function filesHolding(image: string, mark: string): string[] {
  const root = podmanOk(['image', 'mount', image]).output.trim();
  try {
    const found = run('grep', ['-rlIF', mark, root], '/');
    if (found.status > 1) throw new Error(`grep failed: ${found.output}`);
    return found.output.split('\n').filter(Boolean).map((path) => path.slice(root.length));
  } finally {
    podman(['image', 'unmount', image]);
  }
}

const appLog = (name: string) => () => podman(['logs', name]).output;

describeWithContainers('the generated stack, built and run for real (podman, Pipenv, Streamlit, chromium, Dev Containers CLI)', () => {
  let tarball: string;
  let pipenvBin: string;
  let dir: string;
  let image: string;
  let coldBuildSeconds = 0;

  beforeAll(() => {
    timed('stand-in python:3.13-slim base image (cached per machine)', () => ensureStandInBaseImage('3.13'));
    timed('stand-in python:3.11-slim base image (cached per machine)', () => ensureStandInBaseImage('3.11'));
    pipenvBin = timed('Pipenv from PyPI (cached per machine)', () => ensurePipenv());
    tarball = timed('npm pack', () => packThisPackage());
    // the defaults, as `npx projen new --from py-streamlit-devstack` gives them
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

  test('1. dev container: builds the development stage, creates the lock and installs it in updateContentCommand, Node 24, locks, tests, npx projen, a remapped uid, git, ssh', () => {
    expect(read(dir, 'Pipfile')).toContain('python_version = "3.13"');
    // The workspace belongs to the host user (uid 1000 on a usual single-user Linux machine).
    runOk('chown', ['-R', '1000:1000', dir], '/');
    const up = timed('devcontainer up, cold (development stage + updateContentCommand)', () => devcontainer('up', dir));
    expect(up.output).toMatch(/"outcome":"success"/);
    expect(up.output).toMatch(/Running the updateContentCommand from devcontainer\.json/);
    expect(up.output).not.toMatch(/Running the postCreateCommand/);
    // the environment is the image's /opt/venv, outside the workspace mount; Pipenv and VS Code's setting name it
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    expect(devcontainerExec(dir, ['test', '-x', '/opt/venv/bin/pytest']).status).toBe(0);
    expect(devcontainerExec(dir, ['pipenv', '--venv']).output.trim().split('\n').pop()).toBe('/opt/venv');
    expect(devcontainerExec(dir, ['python', '--version']).output).toMatch(/Python 3\.13\./);
    expect(devcontainerExec(dir, ['which', 'python']).output.trim()).toBe('/opt/venv/bin/python');
    // a supported Node.js, copied from the official image (here the registry-built stand-in), and its npm
    expect(devcontainerExec(dir, ['node', '--version']).output.trim()).toMatch(/^v24\./);
    expect(devcontainerExec(dir, ['npm', '--version']).output.trim()).toMatch(/^\d+\./);
    expect(up.output).not.toMatch(/EBADENGINE/);

    // made from a tarball the container cannot see: the project's own copy is what npm installed there
    expect(devcontainerExec(dir, ['test', '-e', tarball]).status).not.toBe(0);
    const vendored = `.devstack/vendor/${basename(tarball)}`;
    expect(JSON.parse(read(dir, 'package.json')).devDependencies['py-streamlit-devstack']).toBe(`file:${vendored}`);
    expect(read(dir, '.projenrc.ts')).toContain(`"py-streamlit-devstack@file:${vendored}"`);
    expect(up.output).not.toMatch(/npm (error|ERR!)/);
    const reinstall = timed('npm install inside the dev container', () => devcontainerExec(dir, ['npm', 'install', '--no-audit', '--no-fund']));
    expect(reinstall.status).toBe(0);
    expect(devcontainerExec(dir, ['node', '-p', 'require("py-streamlit-devstack/package.json").name']).output.trim()).toBe('py-streamlit-devstack');

    // A 3.13 project is locked where Python 3.13 is: in its dev container, with the project's task.
    timed('npx projen lock in the dev container (pipenv lock)', () => expect(devcontainerExec(dir, ['npx', 'projen', 'lock']).status).toBe(0));
    const lock = JSON.parse(read(dir, 'Pipfile.lock'));
    expect(Object.keys(lock.default)).toContain('streamlit');
    expect(Object.keys(lock.develop)).toEqual(expect.arrayContaining(['pytest', 'ruff']));
    expect(lock.default.streamlit.hashes.length).toBeGreaterThan(0);
    expect(devcontainerExec(dir, ['pipenv', 'verify']).status).toBe(0);
    runOk(join(pipenvBin, 'pipenv'), ['verify'], dir, withPipenv(pipenvBin));

    const tests = timed('the project\'s own tests in the dev container', () => devcontainerExec(dir, ['pipenv', 'run', 'pytest', '-q']));
    expect(tests.output).toMatch(/2 passed/);
    expect(tests.status).toBe(0);
    expect(devcontainerExec(dir, ['pipenv', 'run', 'ruff', 'format', '--check', '.']).status).toBe(0);

    const ignore = (hashes: Record<string, string>) =>
      Object.fromEntries(Object.entries(hashes).filter(([path]) => !/^\.venv\/|__pycache__|^\.pytest_cache\/|^\.ruff_cache\//.test(path)));
    const before = ignore(treeHashes(dir));
    const synth = timed('npx projen inside the dev container', () => devcontainerExec(dir, ['npx', 'projen']));
    expect(synth.status).toBe(0);
    expect(synth.output).not.toMatch(/Pipfile\.lock/); // the lock is current: no message about it
    expect(ignore(treeHashes(dir))).toEqual(before);

    // On a host whose ids are not 1000, the Dev Containers CLI gives the dev user the host's uid
    // and gid at start (its updateUID step: usermod and groupmod, then re-owning only the home).
    // The environment stays writable through its group.
    const devImage = podmanOk(['ps', '--filter', `label=devcontainer.local_folder=${dir}`, '--format', '{{.Image}}']).output.trim().split('\n')[0];
    const remapped = `devstack-e2e-remapped-${process.pid}`;
    images.add(remapped);
    const context = workDir('devstack-remap-');
    writeFileSync(join(context, 'Dockerfile'), [
      `FROM ${devImage}`,
      'USER root',
      'RUN groupmod --gid 1234 vscode && usermod --uid 1234 --gid 1234 vscode && chown -R 1234:1234 /home/vscode',
      'USER vscode',
      '',
    ].join('\n'));
    podmanOk(['build', '--tag', remapped, context]);
    const write = podman(['run', '--rm', remapped, 'sh', '-c', 'id -u && touch /opt/venv/lib/written-by-remapped-user && uv pip install --python /opt/venv/bin/python --quiet six && python -c "import six"']);
    expect(`${write.status} ${write.output}`).toMatch(/^0 1234\n/);

    expect(devcontainerExec(dir, ['git', '--version']).output).toMatch(/git version \d/);
    expect(devcontainerExec(dir, ['ssh', '-V']).output).toMatch(/OpenSSH_/);
    expect(devcontainerExec(dir, ['id', '-un']).output.trim()).toBe('vscode');
    expect(devcontainerExec(dir, ['grep', '-c', 'github.com ssh-ed25519', '/etc/ssh/ssh_known_hosts']).output.trim()).toBe('1');
  });

  test('1b. a fresh workspace of a locked project starts ready: the image holds the locked dev packages, updateContentCommand installs none; pipenv install X updates Pipfile, lock and environment', () => {
    // the project as a clone gives it: its files and its lock, no node_modules, no environment
    const fresh = join(workDir('devstack-fresh-'), 'workspace');
    runOk('cp', ['-a', dir, fresh], '/');
    rmSync(join(fresh, 'node_modules'), { recursive: true, force: true });
    workspaces.push(fresh);
    runOk('chown', ['-R', '1000:1000', fresh], '/');
    const up = timed('devcontainer up, fresh workspace of a locked project', () => devcontainer('up', fresh));
    expect(up.output).toMatch(/"outcome":"success"/);
    // the image's stamp names this very lock, so nothing was installed (the image's build log comes before)
    const start = up.output.slice(up.output.indexOf('Running the updateContentCommand'));
    expect(start).not.toMatch(/Resolved \d+ packages|Installed \d+ packages|Prepared \d+ packages|Downloading /);
    const lockHash = createHash('sha256').update(readFileSync(join(fresh, 'Pipfile.lock'))).digest('hex');
    // sha256sum's line, written by the image build: the hash, then the file it read
    expect(devcontainerExec(fresh, ['cat', '/opt/venv/.devstack-synced-lock']).output.trim()).toBe(`${lockHash}  /tmp/devstack-lock/Pipfile.lock`);
    // the install task still brings it in line when asked: uv checks it, and has nothing to install
    const install = timed('npx projen install in the fresh workspace', () => devcontainerExec(fresh, ['npx', 'projen', 'install']));
    expect(`${install.status} ${install.output}`).toMatch(/^0 [\s\S]*Resolved \d+ packages/);
    expect(install.output).not.toMatch(/Installed \d+ packages|Prepared \d+ packages/);
    // the toolchain came from the image: npm added only what its build could not see (the vendored tarball)
    expect(start).toMatch(/added 1 package in /);
    expect(devcontainerExec(fresh, ['node', '-p', 'require("projen/package.json").version']).output.trim()).toBe(JSON.parse(read(fresh, 'package.json')).devDependencies.projen);
    const lock = JSON.parse(read(fresh, 'Pipfile.lock'));
    const listed = devcontainerExec(fresh, ['uv', 'pip', 'list', '--python', '/opt/venv/bin/python', '--format', 'json']).output;
    const installed = new Map((JSON.parse(listed.split('\n').find((line) => line.startsWith('['))!) as Array<{ name: string; version: string }>).map((entry) => [entry.name.toLowerCase(), entry.version]));
    for (const name of ['streamlit', 'pytest', 'ruff']) {
      const section = name === 'streamlit' ? lock.default : lock.develop;
      expect([name, installed.get(name)]).toEqual([name, section[name].version.replace(/^==/, '')]);
    }
    const tests = timed('npx projen test in the fresh workspace', () => devcontainerExec(fresh, ['npx', 'projen', 'test']));
    expect(tests.output).toMatch(/2 passed/);
    expect(tests.output).not.toMatch(/Installed \d+ packages/);

    // Pipenv stays the tool users edit with: `pipenv install X` updates the Pipfile and the lock
    // and installs into the baked environment (writable by the dev user through its group)
    const added = timed('pipenv install six in the dev container', () => devcontainerExec(fresh, ['pipenv', 'install', 'six']));
    expect(`${added.status} ${added.output}`).toMatch(/^0 /);
    expect(read(fresh, 'Pipfile')).toMatch(/^six = "\*"$/m);
    expect(Object.keys(JSON.parse(read(fresh, 'Pipfile.lock')).default)).toContain('six');
    expect(devcontainerExec(fresh, ['python', '-c', 'import six, sys; print(sys.prefix)']).output.trim().split('\n').pop()).toBe('/opt/venv');
    expect(existsSync(join(fresh, '.venv'))).toBe(false);
    // the next synth keeps it: it stops and says what .projenrc.ts must add
    const pipfile = read(fresh, 'Pipfile');
    const resynth = devcontainerExec(fresh, ['npx', 'projen']);
    expect(resynth.status).not.toBe(0);
    expect(resynth.output).toContain('[packages] six = "*" added');
    expect(resynth.output).toContain('packages: { "six": "*" }');
    expect(read(fresh, 'Pipfile')).toBe(pipfile);
  });

  test('2. production image: no secret or local file at any depth, healthy, renders with no developer menu, XSRF on, non-root, lean, prompt stop', async () => {
    runOk('git', ['init', '--quiet'], dir);
    const planted = [...PLANTED_SECRETS, ...PLANTED_LOCAL_STATE, ...PLANTED_IMAGE_ONLY];
    plantFiles(dir, planted);
    // git itself says the secrets and local files are ignored (a project-level .npmrc may be committed)
    const mustBeIgnored = [...PLANTED_SECRETS, ...PLANTED_LOCAL_STATE];
    expect(ignoredByGit(dir, mustBeIgnored).sort()).toEqual([...mustBeIgnored].sort());

    const build = timed('build of the app target (npx projen docker:build; layer cache shared across runs)', () => runOk('npx', ['projen', 'docker:build'], dir, engineEnv()));
    coldBuildSeconds = build.seconds;
    console.log(`app image ${image}: ${(inspectImage(image).Size / 1e6).toFixed(0)} MB`);
    // not one planted file, at any depth, is anywhere in the image
    expect(filesHolding(image, PLANTED_MARK)).toEqual([]);
    expect(inspectImage(image).Config.User).toBe('10001:10001');

    startContainer(image, 'devstack-e2e-app');
    expect(await timed('app container healthy', () => waitForHealth(8501, 'devstack-e2e-app'))).toBe('ok');

    const title: string = JSON.parse(/^TITLE = (".*")$/m.exec(read(dir, 'app/main.py'))![1]);
    const page = await timed('app rendered in chromium', () =>
      openApp('http://127.0.0.1:8501/', { texts: [title, 'Showing 100 points.'], charts: 1, screenshotPath: join(ARTIFACTS, 'app.png'), serverLog: appLog('devstack-e2e-app') }),
    );
    console.log(`app page signals (s): ${JSON.stringify(page.timings)}`);
    expect(page.text).toContain(title);
    expect(page.text).toContain('Showing 100 points.');
    // viewers of the production app get no Deploy button (the dev server shows it: test 6)
    expect(page.deployButtons).toBe(0);
    // XSRF protection is on: an upload without the token is refused as such
    const upload = await fetch('http://127.0.0.1:8501/_stcore/upload_file/some-session/some-file', { method: 'PUT' });
    expect(`${upload.status} ${await upload.text()}`).toBe('403 XSRF token missing or invalid');

    expect(inContainer('devstack-e2e-app', ['id', '-u']).output.trim()).toBe('10001');
    const streamlitProcess = inContainer('devstack-e2e-app', ['cat', '/proc/1/status']).output;
    expect(/^Uid:\s+(\d+)/m.exec(streamlitProcess)?.[1]).toBe('10001');
    for (const tool of ['pipenv', 'uv', 'virtualenv', 'git', 'gcc', 'cc', 'make']) {
      const found = inContainer('devstack-e2e-app', ['sh', '-c', `command -v ${tool} || echo absent`], '0');
      expect(`${tool}: ${found.output.trim()}`).toBe(`${tool}: absent`);
    }
    expect(inContainer('devstack-e2e-app', ['python', '-c', 'import pipenv'], '0').status).not.toBe(0);
    expect(inContainer('devstack-e2e-app', ['python', '-c', 'import virtualenv'], '0').status).not.toBe(0);
    const leftovers = inContainer('devstack-e2e-app', ['sh', '-c', 'ls -A /var/lib/apt/lists | grep -v -x -e partial -e lock; ls -d /root/.cache/pip /home/app/.cache/pip 2>/dev/null; true'], '0');
    expect(leftovers.output.trim()).toBe('');
    const unwanted = inContainer('devstack-e2e-app', ['sh', '-c', 'cd /workspace && ls -d .git .venv node_modules .projenrc.ts tests .devcontainer 2>/dev/null; true'], '0');
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

  test('3. a plain build with no --target, as CI systems and hosting services run it, gives the production image', () => {
    images.add('devstack-e2e-plain');
    const plain = timed('podman build with no --target', () => runOk('podman', ['build', '--format', 'docker', '--tag', 'devstack-e2e-plain', '.'], dir, engineEnv()));
    const built = inspectImage('devstack-e2e-plain');
    expect(built.Config.User).toBe('10001:10001');
    expect(built.Config.Entrypoint.slice(0, 2)).toEqual(['streamlit', 'run']);
    expect(built.Config.Cmd ?? []).not.toContain('sleep');
    expect(built.Healthcheck.Test.slice(0, 2)).toEqual(['CMD', 'python']);
    // the very layers of `docker:build --target app`
    expect(built.RootFS.Layers).toEqual(inspectImage(image).RootFS.Layers);
    expect(plain.output).not.toMatch(/STEP \d+\/\d+: FROM \S+ AS development/);
  });

  test('4. incremental rebuild: an app-code-only change reuses every dependency layer from the cache', () => {
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

  test('5. lock drift: a package added without re-locking fails the build with the fix and tags no image; a revert is reported as current', () => {
    const rc = read(dir, '.projenrc.ts');
    writeFileSync(join(dir, '.projenrc.ts'), rc.replace('packages: {},', 'packages: { humanize: "*" },'));
    const synth = runOk('npx', ['projen'], dir, engineEnv()); // no Pipenv on this PATH
    expect(synth.output).toMatch(/Pipfile.lock is out of date with the Pipfile .*npx projen lock/);
    podmanOk(['rmi', '--force', image]);

    const build = timed('build with a stale lock (fails)', () => run('npx', ['projen', 'docker:build'], dir, engineEnv()));
    expect(build.status).not.toBe(0);
    expect(build.output).toContain(lockMessage('stale'));
    expect(podman(['image', 'exists', image]).status).not.toBe(0);

    writeFileSync(join(dir, '.projenrc.ts'), rc);
    const reverted = runOk('npx', ['projen'], dir, engineEnv());
    expect(reverted.output).not.toMatch(/Pipfile\.lock/);
    runOk(join(pipenvBin, 'pipenv'), ['verify'], dir, withPipenv(pipenvBin));
  });

  test('6. the dev server in the dev container answers on the forwarded port and shows developers the Deploy menu', async () => {
    expect(await fetch('http://127.0.0.1:8501/_stcore/health').then(() => 'taken', () => 'free')).toBe('free');
    const server = spawn(...devcontainerCommand('exec', dir, ['npx', 'projen', 'dev']), { env: engineEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (chunk) => (log += chunk));
    server.stderr.on('data', (chunk) => (log += chunk));
    try {
      const health = await timed('dev server answers on the forwarded port', () => waitForHealth(8501).catch((error: Error) => `${error.message}\nnpx projen dev printed:\n${log}`));
      expect(health).toBe('ok');
      const page = await openApp('http://127.0.0.1:8501/', { texts: ['Showing 100 points.'], screenshotPath: join(ARTIFACTS, 'dev-server.png') });
      // the negative control of test 2: the same check finds the developer menu here
      expect(page.deployButtons).toBe(1);
    } finally {
      server.kill();
      devcontainerExec(dir, ['pkill', '-f', 'streamlit run']);
    }
  });

  test('7. a non-default configuration really changes the stack: Python 3.11, port, an apt package, a Python package the app imports', async () => {
    const custom = timed('projen new (custom configuration)', () => newProject(tarball, ['--python-version', '3.11', '--port', '8765', '--image-name', 'devstack-e2e-custom:e2e']));
    images.add('devstack-e2e-custom:e2e');
    const rc = read(custom, '.projenrc.ts').replace('packages: {},', 'packages: { humanize: ">=4" },\n  aptPackages: ["libgomp1"],');
    writeFileSync(join(custom, '.projenrc.ts'), rc);
    // a 3.11 project on this 3.11 host: the host's Pipenv locks it during the synth
    timed('npx projen + pipenv lock (custom)', () => runOk('npx', ['projen'], custom, withPipenv(pipenvBin)));
    expect(existsSync(join(custom, 'Pipfile.lock'))).toBe(true);
    appendFileSync(join(custom, 'app/main.py'), '\nimport humanize\n\nst.write(f"Model size: {humanize.naturalsize(123456789)}")\n');

    timed('build (custom)', () => runOk('npx', ['projen', 'docker:build'], custom, engineEnv()));
    startContainer('devstack-e2e-custom:e2e', 'devstack-e2e-custom');
    expect(await waitForHealth(8765, 'devstack-e2e-custom')).toBe('ok');
    const page = await openApp('http://127.0.0.1:8765/', {
      texts: ['Model size: 123.5 MB'],
      charts: 1,
      screenshotPath: join(ARTIFACTS, 'custom-app.png'),
      serverLog: appLog('devstack-e2e-custom'),
    });
    expect(page.text).toContain('Model size: 123.5 MB');
    expect(inContainer('devstack-e2e-custom', ['python', '--version']).output).toMatch(/Python 3\.11\./);
    expect(inContainer('devstack-e2e-custom', ['dpkg-query', '--show', '--showformat=${Status}', 'libgomp1']).output).toContain('install ok installed');
    expect(podman(['healthcheck', 'run', 'devstack-e2e-custom']).status).toBe(0);
    podmanOk(['stop', 'devstack-e2e-custom']);
  });
});
