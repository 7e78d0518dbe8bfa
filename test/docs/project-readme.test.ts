import { ContainerEngine } from '../../src';
import { synth } from '../util';

const readme = (options = {}) => synth(options)['README.md'];

describe('the generated README', () => {
  test('repeats no value that follows an option, so it cannot go stale when one changes', () => {
    const changed = {
      pythonVersion: '3.12',
      port: 8765,
      appEntrypoint: 'src/dashboard.py',
      imageName: 'registry.example.com/team/dash:2.0',
      containerEngine: ContainerEngine.PODMAN,
    };
    expect(readme(changed)).toBe(readme());
    for (const value of ['3.13', '3.12', '8501', '8765', 'app/main.py', 'src/dashboard.py', 'demo-app:', 'registry.example.com', 'podman']) {
      expect(readme(changed)).not.toContain(value);
    }
  });

  test('points to the tasks, which projen regenerates, for the current values', () => {
    expect(readme()).toContain('`npx projen --help` lists every task');
    expect(readme()).toContain('`npx projen TASK --inspect`');
  });
});

describe('the README\'s Kubernetes part', () => {
  test('is there with the manifests, and absent without them', () => {
    expect(readme()).toContain('## Deploy to Kubernetes');
    expect(readme()).toContain('npx projen k8s:apply');
    const without = readme({ kubernetes: false });
    expect(without).not.toContain('Kubernetes');
    expect(without).not.toContain('k8s');
  });
});

describe('the README\'s CI part', () => {
  test('is there with the workflow, and absent without it', () => {
    expect(readme()).toContain('## CI');
    expect(readme({ githubActions: false })).not.toContain('ci.yml');
  });
});
