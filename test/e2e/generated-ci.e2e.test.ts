import { spawnSync } from 'child_process';
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { delimiter, join } from 'path';
import { parse } from 'yaml';
import { missingPrerequisite, podman } from './harness/engine';
import { cleanUpWorkDirs, packThisPackage, run, runOk } from './harness/generated-project';
import { ensureGoTool, missingGo } from './harness/go-tools';
import { ImageRegistry, startImageRegistry } from './harness/image-registry';
import { ensurePipenv, withPipenv } from './harness/pipenv';
import { describeWhenAvailable } from './harness/prerequisites';
import { ensureCheckers } from './harness/python-tools';
import { buildLockedAppImage } from './harness/replicas';
import { NPMRC_WITH_TOKEN } from '../adoption/git-fixtures';

jest.setTimeout(20 * 60 * 1000);

const REGISTRY_PORT = 18780;
/** The project's image names a registry on this machine, so ci:publish pushes somewhere real. */
const IMAGE = `127.0.0.1:${REGISTRY_PORT}/devstack/e2e-ci:1.0.0`;
const COMMIT = '3f2c1d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e';

/**
 * The generated project's CI, run for real: every `npx projen ...` step of its workflow, in
 * order, on a generated project (Python 3.11, podman), with the checkers the workflow installs.
 */
describeWhenAvailable(
  'the generated project\'s CI: actionlint on its workflow, then its steps run as tasks',
  {
    missing: [missingPrerequisite(), missingGo(), spawnSync('shellcheck', ['--version']).status === 0 ? undefined : 'shellcheck (apt-get install shellcheck)'].filter(Boolean).join('; ') || undefined,
    kind: 'generated CI tests',
    inCi: ' .ci/run (scripts/test-all.sh) must install them.',
  },
  () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    let registry: ImageRegistry;
    const git = (...args: string[]) => runOk('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], dir);
    const task = (name: string) => run('npx', ['projen', name], dir, env);

    beforeAll(async () => {
      registry = await startImageRegistry(REGISTRY_PORT);
      dir = buildLockedAppImage(packThisPackage(), IMAGE).dir;
      const tools = [ensurePipenv(), ensureCheckers(), join(ensureGoTool('kustomize'), '..')];
      // what GitHub Actions sets, and the registry on this machine that accepts plain HTTP
      env = { ...withPipenv(tools[0]), GITHUB_SHA: COMMIT, CONTAINERS_REGISTRIES_CONF: registry.registriesConf };
      env.PATH = [...tools, env.PATH].join(delimiter);
      ensureGoTool('kube-score');
      git('init', '--quiet');
      git('add', '.');
      git('commit', '--quiet', '--message', 'feat: a new Streamlit app');
    });

    afterAll(() => {
      registry.stop();
      podman(['rmi', '--force', IMAGE, IMAGE.replace(':1.0.0', `:sha-${COMMIT.slice(0, 12)}`)]);
      cleanUpWorkDirs();
    });

    test('actionlint (with shellcheck) finds nothing in the generated workflow', () => {
      const result = run(ensureGoTool('actionlint'), ['-color=false'], dir);
      expect(result.output).toBe('');
      expect(result.status).toBe(0);
    });

    test('every projen step of the workflow passes, in the workflow\'s order; ci:publish pushes the version and commit tags to a real registry', async () => {
      const workflow = parse(readFileSync(join(dir, '.github', 'workflows', 'ci.yml'), 'utf-8'));
      const steps: string[] = [...workflow.jobs.checks.steps, ...workflow.jobs.image.steps]
        .filter((step: any) => step.run?.startsWith('npx projen '))
        .map((step: any) => step.run.split(' ')[2]);
      expect(steps).toEqual(['ci:secrets', 'ci:verify', 'ci:lock', 'install', 'ci:lint', 'test', 'ci:k8s', 'docker:build', 'ci:smoke', 'ci:publish']);
      const seconds: Record<string, string> = {};
      for (const name of steps) {
        const result = task(name);
        seconds[name] = result.seconds.toFixed(1);
        if (result.status !== 0) throw new Error(`npx projen ${name} failed:\n${result.output}`);
      }
      console.log(`generated CI steps (s): ${JSON.stringify(seconds)}`);
      expect(task('ci:smoke').output).toMatch(/is healthy on \/_stcore\/health after/);
      expect((await registry.tags('devstack/e2e-ci')).sort()).toEqual(['1.0.0', `sha-${COMMIT.slice(0, 12)}`]);
    });

    test('negative controls: a committed token, a committed edit of a generated file, a lint error and a CRITICAL manifest each fail their step', () => {
      writeFileSync(join(dir, '.npmrc'), NPMRC_WITH_TOKEN);
      git('add', '.npmrc');
      const secrets = task('ci:secrets');
      expect(secrets.status).not.toBe(0);
      expect(secrets.output).toMatch(/^ {2}\.npmrc \(@secretlint\/secretlint-rule-npm/m);
      expect(secrets.output).not.toContain('npm_A1b2');
      git('rm', '--quiet', '--cached', '.npmrc');
      rmSync(join(dir, '.npmrc'));
      expect(task('ci:secrets').status).toBe(0);

      writeFileSync(join(dir, 'Dockerfile'), readFileSync(join(dir, 'Dockerfile'), 'utf-8').replace('EXPOSE 8501', 'EXPOSE 9000'));
      git('commit', '--quiet', '--all', '--message', 'edit a generated file');
      const verify = task('ci:verify');
      expect(verify.status).not.toBe(0);
      expect(verify.output).toMatch(/npx projen changed Dockerfile: the committed files do not match \.projenrc\.ts/);
      git('reset', '--quiet', '--hard', 'HEAD~1');

      writeFileSync(join(dir, 'app', 'main.py'), `${readFileSync(join(dir, 'app', 'main.py'), 'utf-8')}\nimport os\n`);
      const lint = task('ci:lint');
      expect(lint.status).not.toBe(0);
      expect(lint.output).toMatch(/F401 .*`os` imported but unused/);
      git('checkout', '--quiet', '--', 'app/main.py');

      const deployment = join(dir, 'k8s', 'deployment.yaml');
      const manifest = readFileSync(deployment, 'utf-8');
      writeFileSync(deployment, manifest.replace(/ {10}limits:\n( {12}.*\n)+/, ''));
      const k8s = task('ci:k8s');
      expect(k8s.status).not.toBe(0);
      expect(k8s.output).toMatch(/\[CRITICAL\]/);
      writeFileSync(deployment, manifest);
    });
  },
);
