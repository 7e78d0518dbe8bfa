import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, lstatSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { parse as parseToml } from 'smol-toml';
import { ensureStandInBaseImage } from './harness/base-image';
import { engineEnv, podman, podmanOk } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNew, run, runOk, workDir } from './harness/generated-project';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { describeWhenAvailable, pypiAnswers } from './harness/prerequisites';
import { buildWheel, PrivateIndex, startPrivateIndex } from './harness/private-index';
import { ensureCheckers } from './harness/python-tools';

jest.setTimeout(30 * 60 * 1000);

/**
 * A private package index that requires HTTP basic auth, end to end: a Pipfile source written
 * `http://${INDEX_USER}:${INDEX_PASSWORD}@127.0.0.1:PORT/simple` (loopback, so plain http is
 * allowed) locks with the real Pipenv when the variables are set and fails without them, and
 * the real podman build installs the package from that index with the credentials as build
 * secrets, which end up in no layer, history entry or file of the image or the project.
 */

const IMAGE = 'localhost/devstack-index-auth:1.0.0';
const PACKAGE = 'devstack-private-probe';
const VALUE = 'from the private index';
const USER = `deploy-${randomBytes(4).toString('hex')}`;
// characters that must be percent-encoded in a URL: Pipenv encodes them when it locks, the image build must too
const PASSWORD = `s3cr3t@${randomBytes(6).toString('hex')}:w/rd%`;
/** Every form in which a credential could land somewhere: as given, and percent-encoded. */
const LEAKS = [USER, PASSWORD, encodeURIComponent(PASSWORD)];

const SOURCE_URL = (hostPort: string) => `http://\${INDEX_USER}:\${INDEX_PASSWORD}@${hostPort}/simple`;

function podmanAvailable(): string | undefined {
  const missing = [
    ['podman (apt-get install podman buildah runc)', ['podman', '--version']],
    ['debootstrap (apt-get install debootstrap), for the stand-in python base image', ['debootstrap', '--version']],
  ].filter(([, [command, ...args]]) => spawnSync(command, args).status !== 0).map(([name]) => name);
  return missing.length ? `missing: ${missing.join('; ')}` : undefined;
}

/** Files under `dir` (node_modules aside) whose bytes contain one of `needles`, by relative path. */
function filesContaining(dir: string, needles: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      if (entry === 'node_modules') continue;
      const full = join(folder, entry);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile() && fileContains(full, needles)) found.push(relative(dir, full));
    }
  };
  walk(dir);
  return found;
}

/** Whether a file's bytes contain one of `needles`, read in chunks (an image archive is large). */
function fileContains(path: string, needles: readonly string[]): boolean {
  const patterns = needles.map((needle) => Buffer.from(needle));
  const overlap = Math.max(...patterns.map((pattern) => pattern.length));
  const chunk = Buffer.alloc(8 * 1024 * 1024 + overlap);
  const fd = openSync(path, 'r');
  try {
    let kept = 0;
    for (;;) {
      const read = readSync(fd, chunk, kept, chunk.length - kept, null);
      if (read === 0) return false;
      const window = chunk.subarray(0, kept + read);
      if (patterns.some((pattern) => window.includes(pattern))) return true;
      kept = Math.min(overlap, window.length);
      window.copy(chunk, 0, window.length - kept);
    }
  } finally {
    closeSync(fd);
  }
}

describeWhenAvailable(
  'a private index with basic auth: ${VAR} credentials in the Pipfile source (real Pipenv, podman)',
  { missing: pypiAnswers() ? undefined : 'PyPI (https://pypi.org) does not answer', kind: 'private index tests' },
  () => {
    let dir: string;
    let index: PrivateIndex;
    const withCredentials = () => ({ ...withPipenv(ensurePipenv()), INDEX_USER: USER, INDEX_PASSWORD: PASSWORD });
    const withoutCredentials = () => {
      const env = withPipenv(ensurePipenv());
      delete env.INDEX_USER;
      delete env.INDEX_PASSWORD;
      return env;
    };
    const fileRequests = () => index.requests().filter((request) => request.path.startsWith('/files/'));

    beforeAll(async () => {
      const wheel = buildWheel(workDir('devstack-wheel-'), PACKAGE, '1.0.0', VALUE);
      index = await startPrivateIndex(wheel, USER, PASSWORD);
      dir = projenNew(packThisPackage(), ['--python-version', '3.11', '--container-engine', 'podman', '--image-name', IMAGE]).dir;
      const rcPath = join(dir, '.projenrc.ts');
      const rc = readFileSync(rcPath, 'utf-8').replace('project.synth();', [
        `project.pipfile.addSource({ name: "private", url: "${SOURCE_URL(index.hostPort)}" });`,
        `project.pipfile.addPackage("${PACKAGE}", "==1.0.0", "private");`,
        'project.synth();',
      ].join('\n'));
      writeFileSync(rcPath, rc);
      // without Pipenv on the PATH: the synth writes the files and does not lock yet
      runOk('npx', ['projen'], dir);
    });

    afterAll(() => {
      index?.close();
      if (podmanAvailable() === undefined) podman(['rmi', '--force', IMAGE]);
      cleanUpWorkDirs();
    });

    test('the Pipfile keeps the ${VAR} URL verbatim; the Dockerfile mounts the variables as secrets and docker:build passes them; hadolint passes', () => {
      const pipfile = parseToml(readFileSync(join(dir, 'Pipfile'), 'utf-8')) as any;
      expect(pipfile.source[1]).toEqual({ name: 'private', url: SOURCE_URL(index.hostPort), verify_ssl: true });
      expect(pipfile.packages[PACKAGE]).toEqual({ version: '==1.0.0', index: 'private' });
      const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf-8');
      expect(dockerfile).toContain('    --mount=type=secret,id=INDEX_PASSWORD \\\n    --mount=type=secret,id=INDEX_USER \\\n');
      const tasks = JSON.parse(readFileSync(join(dir, '.projen', 'tasks.json'), 'utf-8')).tasks;
      expect(tasks['docker:build'].steps.map((step: any) => step.execArgs?.join(' '))).toContain(
        `podman build --format docker --target app --tag ${IMAGE} --secret id=INDEX_PASSWORD,env=INDEX_PASSWORD --secret id=INDEX_USER,env=INDEX_USER .`,
      );
      const hadolint = run(join(ensureCheckers(), 'hadolint'), ['Dockerfile'], dir);
      expect(hadolint.output).toBe('');
      expect(hadolint.status).toBe(0);
    });

    test('negative control: npx projen lock without the variables fails at the index (401) and writes no lock', () => {
      const failed = run('npx', ['projen', 'lock'], dir, withoutCredentials());
      expect(failed.status).not.toBe(0);
      expect(readdirSync(dir)).not.toContain('Pipfile.lock');
      expect(index.requests().some((request) => request.answer === 'unauthorized')).toBe(true);
      expect(fileRequests()).toEqual([]);
    });

    test('npx projen lock with the variables set locks the private package; the lock keeps ${VAR}, no file holds a credential', () => {
      const locked = runOk('npx', ['projen', 'lock'], dir, withCredentials());
      console.log(`pipenv lock against the private index: ${locked.seconds.toFixed(1)} s`);
      const lock = JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8'));
      expect(lock._meta.sources[1]).toEqual({ name: 'private', url: SOURCE_URL(index.hostPort), verify_ssl: true });
      expect(lock.default[PACKAGE]).toMatchObject({ version: '==1.0.0', index: 'private' });
      expect(lock.default[PACKAGE].hashes).toHaveLength(1);
      expect(fileRequests().length).toBeGreaterThan(0);
      expect(fileRequests().every((request) => request.answer === 'served')).toBe(true);
      runOk(join(ensurePipenv(), 'pipenv'), ['verify'], dir, withoutCredentials());
      // the project folder (with the .venv Pipenv made) holds the credentials nowhere
      expect(filesContaining(dir, LEAKS)).toEqual([]);
    });

    describeWhenAvailable('the image build', { missing: podmanAvailable(), kind: 'container tests', locally: '\n!!! Run scripts/test-all.sh (as root) to install them.' }, () => {
      beforeAll(() => {
        ensureStandInBaseImage('3.11');
      });

      test('negative control: docker:build without the variables stops at the install with the missing secret named', () => {
        const failed = run('npx', ['projen', 'docker:build'], dir, engineEnv());
        expect(failed.status).not.toBe(0);
        expect(failed.output).toContain('error: the build secret INDEX_PASSWORD is missing or empty');
        expect(podman(['image', 'exists', IMAGE]).status).not.toBe(0);
      });

      test('docker:build with the variables set installs the package from the private index', () => {
        const before = fileRequests().length;
        const built = runOk('npx', ['projen', 'docker:build'], dir, { ...engineEnv(), INDEX_USER: USER, INDEX_PASSWORD: PASSWORD });
        console.log(`image build with the private index: ${built.seconds.toFixed(1)} s`);
        // pip fetched the wheel with the credentials (the index answers 401 to anything else)
        expect(fileRequests().length).toBeGreaterThan(before);
        expect(fileRequests().every((request) => request.answer === 'served')).toBe(true);
        const probe = podmanOk(['run', '--rm', '--no-healthcheck', '--entrypoint', 'python', IMAGE, '-c',
          'import devstack_private_probe, pathlib; print(devstack_private_probe.VALUE); print(pathlib.Path("/opt/venv/requirements.txt").read_text())']);
        expect(probe.output).toContain(VALUE);
        // the image's record of what it installed keeps the ${VAR} form
        expect(probe.output).toContain(`--extra-index-url ${SOURCE_URL(index.hostPort)}`);
      });

      test('the credentials are in no layer, history entry or setting of the image', () => {
        const history = podmanOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}', IMAGE]).output;
        expect(history).toContain('--mount=type=secret,id=INDEX_PASSWORD');
        const inspect = podmanOk(['image', 'inspect', IMAGE]).output;
        for (const leak of LEAKS) {
          expect(history).not.toContain(leak);
          expect(inspect).not.toContain(leak);
        }
        // every layer's files, uncompressed, as a docker-archive has them
        const archive = join(workDir('devstack-image-'), 'image.tar');
        podmanOk(['save', '--format', 'docker-archive', '--output', archive, IMAGE]);
        expect(fileContains(archive, [VALUE])).toBe(true); // the search finds what is there
        expect(fileContains(archive, LEAKS)).toBe(false);
      });
    });
  },
);
