import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { DockerfileStage } from '../../src';
import { synth, tempDir } from '../util';
import { ensureStandInBaseImage, standInBaseImage } from './harness/base-image';
import { inspectImage, podman, podmanOk } from './harness/engine';
import { describeWhenAvailable } from './harness/prerequisites';
import { MAX_LINE_BYTES } from '../../src/docker/dockerfile-input';
import { checkBaseImage } from '../../src/docker/image-reference';
import { dockerignoredBy } from '../../src/ignore/local-files';

jest.setTimeout(20 * 60 * 1000);

const IMAGE = 'localhost/devstack-dockerfile-values:test';
const PYTHON = '3.13';

/** Values that reach the Dockerfile and must arrive as the user means them. */
const ENV_VALUES: Record<string, string> = {
  LITERAL_DOLLAR: 'cost \\$5 and \\${NOT_EXPANDED}',
  QUOTES_AND_BACKSLASHES: 'say "hi" C:\\temp\\new',
  UNICODE: 'Grüße, 東京',
  LONGEST: 'x'.repeat(MAX_LINE_BYTES),
};
/** What the container sees for each. */
const ENV_EXPECTED: Record<string, string> = {
  LITERAL_DOLLAR: 'cost $5 and ${NOT_EXPANDED}',
  QUOTES_AND_BACKSLASHES: 'say "hi" C:\\temp\\new',
  UNICODE: 'Grüße, 東京',
  LONGEST: 'x'.repeat(MAX_LINE_BYTES),
};
/** Labels are literal: `$` is never expanded. */
const LABELS: Record<string, string> = {
  'org.example.price': 'cost $5',
  'org.example.template': 'a ${ b } ${unclosed $$ \\$',
  'org.example.quotes': 'say "hi" C:\\temp',
  'org.example.longest': 'y'.repeat(MAX_LINE_BYTES),
};

/**
 * The generated Dockerfile and .dockerignore with the values above, and one stage more at the
 * end that checks, in a RUN, what `base` left for the later stages (python, pip and apt-get on
 * the extended PATH, root) and copies the context in. LABEL lines are parsed the same in any
 * stage, so the app stage's rendered LABEL is repeated there: the production stage needs a
 * lock and PyPI to build, and the labels do not.
 */
function buildContext(): string {
  let labelLine = '';
  const files = synth({ name: 'values', pythonVersion: PYTHON }, undefined, (project) => {
    project.dockerfile.addEnv(DockerfileStage.BASE, { ...ENV_VALUES, PATH: '/opt/tools/bin:$PATH', UNBUFFERED_MODE: 'mode-${PYTHONUNBUFFERED}' });
    project.dockerfile.addLabels(LABELS);
    labelLine = project.dockerfile.renderStage(DockerfileStage.APP).find((line) => line.startsWith('LABEL '))!;
  });
  const dir = tempDir('devstack-values-');
  const check = [
    '',
    'FROM base AS check',
    ...labelLine.split('\n'),
    'RUN test "$(id -u)" = 0 && python --version && pip --version && apt-get --version >/dev/null && echo "$PATH" | grep -q "^/opt/tools/bin:"',
    'COPY . /context',
    'LABEL org.example.last-line=read',
  ];
  writeFileSync(join(dir, 'Dockerfile'), files.Dockerfile + check.join('\n') + '\n');
  writeFileSync(join(dir, '.dockerignore'), files['.dockerignore']);
  for (const path of CONTEXT_FILES) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), 'x\n');
  }
  return dir;
}

/** Files in the build context: entry points the checks refuse or accept, and the files around them. */
const CONTEXT_FILES = [
  'app/main.py',
  'app/id_rsa_tools.py',
  'certs.key/app.py',
  'app/keys/main.py',
  'app/key_tools.py',
  'src/__pycache__/main.py',
  'tests/main.py',
  'app/tests/main.py',
  'deep/er/.env',
  'app/.env.example',
  'app/credentials.json/main.py',
  'k8s/main.py',
];

const podmanThere = spawnSync('podman', ['--version']).status === 0;
const debootstrapThere = spawnSync('debootstrap', ['--version']).status === 0;

describeWhenAvailable('Dockerfile values through a real podman build', {
  missing: podmanThere && debootstrapThere ? undefined : 'podman and debootstrap (apt-get install podman buildah runc debootstrap)',
  kind: 'container tests',
  inCi: ' .ci/run (scripts/test-all.sh) must install them.',
}, () => {
  let image: ReturnType<typeof inspectImage>;
  let context: string[];

  beforeAll(() => {
    ensureStandInBaseImage(PYTHON);
    const dir = buildContext();
    podmanOk(['build', '--format', 'docker', '--pull=never', '--target', 'check', '-t', IMAGE, dir], dir);
    image = inspectImage(IMAGE);
    context = podmanOk(['run', '--rm', IMAGE, 'find', '/context', '-type', 'f'], dir).output.split('\n').filter((line) => line.startsWith('/context/')).map((line) => line.slice('/context/'.length)).sort();
  });

  afterAll(() => {
    podman(['rmi', '--force', IMAGE]);
  });

  test('the whole Dockerfile was read: the 16 KiB values did not end it early', () => {
    expect(image.Config.Labels?.['org.example.last-line']).toBe('read');
  });

  test('ENV values arrive as written, a "\\$" as a literal dollar sign, and $NAME expanded', () => {
    const env = Object.fromEntries(podmanOk(['run', '--rm', IMAGE, 'env'], '/').output.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    for (const [name, value] of Object.entries(ENV_EXPECTED)) expect([name, env[name]]).toEqual([name, value]);
    expect(env.UNBUFFERED_MODE).toBe('mode-1');
    expect(env.PATH).toMatch(/^\/opt\/tools\/bin:\/usr\/local\/sbin:/);
  });

  test('labels arrive literally, $5 and ${ included', () => {
    for (const [key, value] of Object.entries(LABELS)) expect([key, image.Config.Labels?.[key]]).toEqual([key, value]);
  });

  test('what the build context keeps is what dockerignoredBy() says, for every file', () => {
    const expected = CONTEXT_FILES.filter((path) => dockerignoredBy(path) === undefined).sort();
    // the generated files themselves are left out at the root (Dockerfile, .dockerignore)
    expect(context).toEqual(expected);
    expect(context).not.toContain('app/id_rsa_tools.py');
    expect(context).not.toContain('certs.key/app.py');
    expect(context).toContain('app/main.py');
  });
});

describeWhenAvailable('base image digests: checkBaseImage accepts exactly what podman can parse', {
  missing: podmanThere ? undefined : 'podman (apt-get install podman buildah runc)',
  kind: 'container tests',
}, () => {
  const hex = (length: number, char = 'a') => char.repeat(length);
  const references = [
    `python:3.13-slim@sha256:${hex(64)}`,
    `python:3.13-slim@sha384:${hex(96)}`,
    `python:3.13-slim@sha512:${hex(128)}`,
    `python@sha256:${hex(64)}`,
    `python:3.13-slim@sha256:${hex(64, 'A')}`,
    `python:3.13-slim@sha256:${hex(40)}`,
    `python:3.13-slim@sha256:${hex(65)}`,
    `python:3.13-slim@sha512:${hex(64)}`,
    `python:3.13-slim@md5:${hex(32)}`,
  ];

  test.each(references)('%s', (reference) => {
    const dir = tempDir('devstack-digest-');
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${reference}\n`);
    const result = podman(['build', '--pull=never', dir], dir);
    expect(result.status).not.toBe(0);
    // a reference podman can parse fails only because no such image is here
    const parsed = /image not known/.test(result.output);
    expect(/invalid checksum digest|unsupported digest algorithm|invalid reference format/.test(result.output)).toBe(!parsed);
    let accepted = true;
    try {
      checkBaseImage(reference);
    } catch {
      accepted = false;
    }
    expect([reference, accepted]).toEqual([reference, parsed]);
  });

  test('the stand-in base image name is one checkBaseImage accepts', () => {
    expect(checkBaseImage(standInBaseImage(PYTHON))).toBe(standInBaseImage(PYTHON));
  });
});
