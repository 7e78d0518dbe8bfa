import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { parseJsonc } from '../util';
import { CUSTOMIZATIONS, FEATURE_MARK, POST_CREATE_MARK } from './fixtures/customizations';
import { ensureStandInBaseImage } from './harness/base-image';
import { devcontainer, devcontainerExec, removeDevContainer } from './harness/devcontainer-cli';
import { describeWithContainers, inspectImage, podman, podmanOk, removeBuildLeftovers } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, projenNewWithVendoredTarball, run, runOk, RunResult, treeHashes, workDir } from './harness/generated-project';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { ensureCheckers } from './harness/python-tools';

jest.setTimeout(30 * 60 * 1000);

const IMAGE = 'localhost/devstack-custom:1.0.0';

/** A Dev Container Feature of the project's own, in `.devcontainer/hello/` (no Feature registry is reachable here). */
function writeLocalFeature(dir: string): void {
  const folder = join(dir, '.devcontainer', 'hello');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'devcontainer-feature.json'), JSON.stringify({
    id: 'hello',
    version: '1.0.0',
    name: 'Hello',
    options: { greeting: { type: 'string', default: 'hello' } },
  }, null, 2));
  writeFileSync(join(folder, 'install.sh'), `#!/bin/sh\nset -e\necho "$GREETING" > ${FEATURE_MARK}\n`);
  chmodSync(join(folder, 'install.sh'), 0o755);
}

/** An rc with `calls` inserted before its `project.synth();`, and the line the first call lands on. */
function withCalls(rc: string, calls: string): { text: string; line: number } {
  const lines = rc.split('\n');
  const at = lines.indexOf('project.synth();');
  expect(at).toBeGreaterThan(0);
  lines.splice(at, 0, ...calls.split('\n'));
  return { text: lines.join('\n'), line: at + 1 };
}

function customizeRc(dir: string, calls: string): void {
  const rcPath = join(dir, '.projenrc.ts');
  writeFileSync(rcPath, withCalls(readFileSync(rcPath, 'utf-8'), calls).text);
}

/** `npx projen` with one more call in the rc, which is restored afterwards. */
function synthWithCall(dir: string, call: string, env: NodeJS.ProcessEnv): { result: RunResult; line: number } {
  const rcPath = join(dir, '.projenrc.ts');
  const rc = readFileSync(rcPath, 'utf-8');
  const edited = withCalls(rc, call);
  try {
    writeFileSync(rcPath, edited.text);
    return { result: run('npx', ['projen'], dir, env), line: edited.line };
  } finally {
    writeFileSync(rcPath, rc);
  }
}

describeWithContainers('customizing the stack from .projenrc.ts (real npx projen, podman, Dev Containers CLI)', () => {
  let dir: string;
  const env = () => withPipenv(ensurePipenv());

  beforeAll(() => {
    ensureStandInBaseImage('3.11');
    const tarball = packThisPackage();
    dir = projenNewWithVendoredTarball(tarball, ['--python-version', '3.11', '--container-engine', 'podman', '--image-name', IMAGE], workDir('devstack-custom-')).dir;
    writeLocalFeature(dir);
    customizeRc(dir, CUSTOMIZATIONS);
  });

  afterAll(() => {
    if (dir) removeDevContainer(dir);
    removeBuildLeftovers();
    podman(['rmi', '--force', IMAGE]);
    cleanUpWorkDirs();
  });

  test('npx projen writes every customization into the generated files, then a second run changes nothing', () => {
    runOk('npx', ['projen'], dir, env());
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf-8');
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends libgomp1 /);
    expect(dockerfile).toContain('ENV APP_GREETING="hello from .projenrc.ts"');
    expect(dockerfile).toContain('LABEL org.opencontainers.image.source="https://github.com/acme/custom"');
    expect(dockerfile).toContain('RUN python -m compileall -q /opt/venv/lib');

    const pipfile = parseToml(readFileSync(join(dir, 'Pipfile'), 'utf-8')) as any;
    expect(pipfile.packages.humanize).toBe('>=4');
    // autoLock re-locked the changed Pipfile with the host's Pipenv
    expect(JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf-8')).default).toHaveProperty('humanize');

    const config = parseJsonc(readFileSync(join(dir, '.devcontainer', 'devcontainer.json'), 'utf-8'));
    expect(config.features).toEqual({ './hello': { greeting: 'hi from a local Feature' } });
    expect(config.customizations.vscode.extensions).toContain('ms-toolsai.jupyter');
    expect(config.postCreateCommand.mark.slice(0, 3)).toEqual(['pipenv', 'run', 'python']);
    expect(config.portsAttributes['5432']).toEqual({ label: 'Postgres', onAutoForward: 'silent' });

    const deployment = parseYaml(readFileSync(join(dir, 'k8s', 'deployment.yaml'), 'utf-8'));
    expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'LOG_LEVEL', value: 'info' });
    expect(JSON.parse(readFileSync(join(dir, '.projen', 'tasks.json'), 'utf-8')).tasks.dev.env.STREAMLIT_THEME_BASE).toBe('dark');

    const before = treeHashes(dir);
    runOk('npx', ['projen'], dir, env());
    expect(treeHashes(dir)).toEqual(before);
  });

  test('hadolint passes the customized Dockerfile', () => {
    const bin = ensureCheckers();
    const result = run(join(bin, 'hadolint'), ['Dockerfile'], dir);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  test("a refused method call fails npx projen with the method's message and writes nothing", () => {
    const before = treeHashes(dir);
    const refused = synthWithCall(dir, 'project.devcontainer?.addFeature("../outside");', env()).result;
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('py-streamlit-devstack: invalid argument of project.devcontainer.addFeature(): "../outside". A Feature is an OCI reference');
    // the rc is restored as it was, so every file is compared
    expect(treeHashes(dir)).toEqual(before);
  });

  test("any other error in the rc keeps its stack, at the rc's own line (source maps of the transpiled rc)", () => {
    const { result: failed, line } = synthWithCall(dir, 'if (project.dockerfile.stages.length) throw new RangeError("a mistake of the rc");', env());
    expect(failed.status).not.toBe(0);
    expect(failed.output).toMatch(new RegExp(`RangeError: a mistake of the rc\\n\\s+at .*\\.projenrc\\.ts:${line}:\\d+`));
  });

  test('the production image has the package, the variable, the label and the Debian package; it runs as before', () => {
    runOk('npx', ['projen', 'docker:build'], dir, env());
    const image = inspectImage(IMAGE);
    expect(image.Config.Labels?.['org.opencontainers.image.source']).toBe('https://github.com/acme/custom');
    expect(image.Config.User).toBe('10001:10001');
    const probe = podmanOk(['run', '--rm', '--no-healthcheck', '--entrypoint', 'python', IMAGE, '-c',
      'import humanize, os, shutil, subprocess; print(humanize.intcomma(1000), os.environ["APP_GREETING"], subprocess.run(["dpkg", "-s", "libgomp1"], capture_output=True).returncode, shutil.which("pipenv"))']);
    expect(probe.output.trim()).toBe('1,000 hello from .projenrc.ts 0 None');
  });

  test('the dev container installs the local Feature and runs the post-create command after the Pipenv environment exists', () => {
    // the workspace is mounted as is: the container's user (uid 1000) owns it, as on a developer's machine
    runOk('chown', ['-R', '1000:1000', dir], '/');
    const up = devcontainer('up', dir);
    expect(up.output).toMatch(/"outcome":"success"/);
    expect(devcontainerExec(dir, ['cat', FEATURE_MARK]).output.trim()).toBe('hi from a local Feature');
    // the command imported a package of the environment that updateContentCommand made
    expect(readFileSync(join(dir, POST_CREATE_MARK), 'utf-8')).toBe('12,345');
  });
});
