import { parse } from 'yaml';
import { ContainerEngine } from '../../src';
import { DEPENDABOT_ECOSYSTEMS } from '../../src/github/dependabot';
import { TOOL_PINS } from '../../src/tool-pins';
import { synth, tasksOf } from '../util';

const workflowOf = (files: Record<string, string>) => parse(files['.github/workflows/ci.yml']);
const runSteps = (job: any): string[] => job.steps.filter((step: any) => step.run).map((step: any) => step.run);

describe('.github/workflows/ci.yml', () => {
  test('every check is a projen task that exists, so a laptop runs what CI runs', () => {
    const files = synth();
    const workflow = workflowOf(files);
    const tasks = tasksOf(files);
    const projenRuns = [...runSteps(workflow.jobs.checks), ...runSteps(workflow.jobs.image)].filter((run) => run.startsWith('npx projen'));
    expect(projenRuns.map((run) => run.split(' ')[2])).toEqual([
      'ci:secrets', 'ci:verify', 'ci:lock', 'install', 'ci:lint', 'test', 'ci:k8s', 'docker:build', 'ci:smoke', 'ci:publish',
    ]);
    for (const run of projenRuns) expect(tasks[run.split(' ')[2]]).toBeDefined();
    // the other run steps only install tools
    const setup = [...runSteps(workflow.jobs.checks), ...runSteps(workflow.jobs.image)].filter((run) => !run.startsWith('npx projen'));
    expect(setup).toEqual(['npm ci', `pip install "pipenv==2026.10.3" "uv==0.13.9" "${TOOL_PINS.hadolint.install}"`, expect.stringMatching(/^go install sigs\.k8s\.io\/kustomize/), 'npm ci']);
  });

  test('runs on pull requests and pushes; publishes only from a push to main, with a package write permission', () => {
    const workflow = workflowOf(synth());
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    const image = workflow.jobs.image;
    expect(image.needs).toBe('checks');
    expect(image.permissions).toEqual({ contents: 'read', packages: 'write' });
    const publishing = image.steps.filter((step: any) => step.if);
    expect(publishing.map((step: any) => step.uses ?? step.run)).toEqual(['docker/login-action@v3', 'npx projen ci:publish']);
    for (const step of publishing) expect(step.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(workflow.jobs.checks.permissions).toEqual({ contents: 'read' });
  });

  test('the image is built with the Actions layer cache (Docker), and without it for podman', () => {
    const dockerBuild = workflowOf(synth()).jobs.image.steps.find((step: any) => step.run?.startsWith('npx projen docker:build'));
    expect(dockerBuild.run).toBe('npx projen docker:build -- --cache-from type=gha --cache-to type=gha,mode=max --load');
    const podmanBuild = workflowOf(synth({ containerEngine: ContainerEngine.PODMAN })).jobs.image.steps.find((step: any) => step.run?.startsWith('npx projen docker:build'));
    expect(podmanBuild.run).toBe('npx projen docker:build');
  });

  test('Python follows pythonVersion; without Kubernetes manifests there is no Kubernetes check', () => {
    const files = synth({ pythonVersion: '3.12', kubernetes: false });
    const checks = workflowOf(files).jobs.checks;
    expect(checks.steps.find((step: any) => step.uses === 'actions/setup-python@v5').with['python-version']).toBe('3.12');
    expect(runSteps(checks).join('\n')).not.toMatch(/kube|ci:k8s/);
    expect(tasksOf(files)['ci:k8s']).toBeUndefined();
  });

  test('githubActions: false removes the workflow and dependabot, and keeps the ci:* tasks', () => {
    const files = synth({ githubActions: false });
    expect(Object.keys(files).filter((path) => path.startsWith('.github/'))).toEqual([]);
    expect(tasksOf(files)['ci:lint']).toBeDefined();
  });

  test('the ci:* tasks run the checks with their preflight checks', () => {
    const tasks = tasksOf(synth({ port: 8600, baseUrlPath: 'dash' }));
    const steps = (name: string) => tasks[name].steps.map((step: any) => step.execArgs ?? step.spawn);
    expect(steps('ci:verify')).toEqual(['default', ['devstack-preflight', 'unchanged']]);
    expect(steps('ci:lock').at(-1)).toEqual(['pipenv', 'verify']);
    expect(steps('ci:lint')).toContainEqual(['hadolint', 'Dockerfile']);
    expect(steps('ci:lint')).toContainEqual(['pipenv', 'run', 'ruff', 'format', '--check', '.']);
    expect(steps('ci:smoke')).toEqual([['devstack-smoke', 'docker', 'demo-app:0.1.0', '8600', '/dash/_stcore/health']]);
    expect(steps('ci:k8s').at(-1)).toEqual(['kube-score', 'score', '--output-format', 'ci', 'k8s/deployment.yaml', 'k8s/service.yaml', 'k8s/ingress.yaml', 'k8s/autoscaler.yaml', 'k8s/disruption-budget.yaml', 'k8s/network-policy.yaml']);
  });
});

describe('.github/dependabot.yml', () => {
  test('watches pip (Pipenv), docker, devcontainers, github-actions and npm at the root, weekly', () => {
    const config = parse(synth()['.github/dependabot.yml']);
    expect(config.version).toBe(2);
    expect(config.updates.map((update: any) => update['package-ecosystem'])).toEqual([...DEPENDABOT_ECOSYSTEMS]);
    expect(DEPENDABOT_ECOSYSTEMS).toEqual(['pip', 'docker', 'devcontainers', 'github-actions', 'npm']);
    for (const update of config.updates) expect(update).toMatchObject({ directory: '/', schedule: { interval: 'weekly' } });
  });

  test('a private index\'s credentials come from the repository\'s secrets, only in the steps that download packages', () => {
    const sources = [{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'internal', url: 'https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple' }];
    for (const containerEngine of [ContainerEngine.DOCKER, ContainerEngine.PODMAN]) {
      const workflow = workflowOf(synth({ pipfileSources: sources, containerEngine }));
      const withEnv = (job: any) => job.steps.filter((step: any) => Object.keys(step.env ?? {}).some((key) => key.startsWith('INDEX_'))).map((step: any) => step.name);
      expect(withEnv(workflow.jobs.checks)).toEqual(['install']);
      expect(withEnv(workflow.jobs.image)).toEqual(['docker:build']);
      const build = workflow.jobs.image.steps.find((step: any) => step.name === 'docker:build');
      expect(build.env).toMatchObject({ INDEX_USER: '${{ secrets.INDEX_USER }}', INDEX_PASSWORD: '${{ secrets.INDEX_PASSWORD }}' });
      if (containerEngine === ContainerEngine.DOCKER) expect(build.env.BUILDX_BUILDER).toBe('${{ steps.buildx.outputs.name }}');
      expect(workflow.env).toBeUndefined();
    }
    const plain = workflowOf(synth());
    expect(JSON.stringify(plain)).not.toContain('secrets.INDEX_');
  });
});
