import { kubernetesAppName, quantityValue } from '../../src/kubernetes/kubernetes-options';
import { resolveDevstackOptions } from '../../src/resolve-options';
import { OptionError } from '../../src/validation';
import { synth, tasksOf } from '../util';

const resolve = (options: object) => resolveDevstackOptions({ name: 'demo-app', ...options }, []);

function refusal(options: object): string {
  try {
    resolve(options);
  } catch (error) {
    expect(error).toBeInstanceOf(OptionError);
    return (error as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(options)}`);
}

describe('kubernetes options', () => {
  test('bad values are refused with the option, the rule and an example', () => {
    expect(refusal({ kubernetesOptions: { minReplicas: 0 } })).toBe(
      'py-streamlit-devstack: invalid option "kubernetesOptions.minReplicas": 0. It must be a whole number from 1 to 1000. Example: kubernetesOptions: { minReplicas: 3 }',
    );
    expect(refusal({ kubernetesOptions: { minReplicas: 4, maxReplicas: 3 } })).toMatch(/"kubernetesOptions\.maxReplicas": 3\. It must be a whole number from minReplicas \(4\) to 1000/);
    expect(refusal({ kubernetesOptions: { minReplicas: '3' } })).toMatch(/"kubernetesOptions\.minReplicas": "3"/);
    expect(refusal({ kubernetesOptions: { memoryLimit: '1GB' } })).toMatch(/"kubernetesOptions\.memoryLimit": "1GB"\. It must be a positive Kubernetes memory quantity/);
    expect(refusal({ kubernetesOptions: { cpuRequest: '250 m' } })).toMatch(/"kubernetesOptions\.cpuRequest": "250 m"\. It must be a positive Kubernetes CPU quantity/);
    expect(refusal({ kubernetesOptions: { cpuRequest: '2', cpuLimit: '500m' } })).toMatch(/"kubernetesOptions\.cpuRequest": "2"\. It must not exceed cpuLimit \(500m\)/);
    expect(refusal({ kubernetesOptions: { memoryRequest: '2Gi' } })).toMatch(/must not exceed memoryLimit \(1Gi\)/);
    expect(refusal({ kubernetesOptions: { targetCpuUtilization: 150 } })).toMatch(/whole percentage from 1 to 100/);
    expect(refusal({ kubernetesOptions: { ingressHost: 'https://dash.example.com' } })).toMatch(/"kubernetesOptions\.ingressHost".*no scheme, port or path/);
    expect(refusal({ kubernetesOptions: { ingressClassName: 'Nginx' } })).toMatch(/"kubernetesOptions\.ingressClassName"/);
    expect(refusal({ kubernetesOptions: { replicas: 3 } })).toMatch(/"replicas" is not one of its fields \(minReplicas, maxReplicas/);
    expect(refusal({ kubernetes: 'yes' })).toMatch(/"kubernetes": "yes"\. It must be true or false/);
  });

  test('"latest" is refused while the manifests deploy the image, and allowed without them', () => {
    expect(refusal({ imageName: 'ghcr.io/acme/dash:latest' })).toBe(
      'py-streamlit-devstack: invalid option "imageName": "ghcr.io/acme/dash:latest". The tag "latest" names no particular build, so Kubernetes can neither roll back nor tell versions apart; give a version (or no tag, for the default), or set kubernetes: false. Example: imageName: "ghcr.io/acme/dash:1.0.0"',
    );
    expect(resolve({ imageName: 'dash:latest', kubernetes: false }).imageName).toBe('dash:latest');
  });

  test('an image name without a tag gets the default tag; a registry port is not a tag', () => {
    expect(resolve({}).imageName).toBe('demo-app:0.1.0');
    expect(resolve({ imageName: 'localhost:5000/dash' }).imageName).toBe('localhost:5000/dash:0.1.0');
    expect(resolve({ imageName: 'localhost:5000/dash:2' }).imageName).toBe('localhost:5000/dash:2');
  });

  test('a refused option writes nothing', () => {
    expect(() => synth({ kubernetesOptions: { maxReplicas: 0 } })).toThrow(OptionError);
  });

  test('the app\'s Kubernetes name is an RFC 1035 label short enough for every suffix', () => {
    expect(kubernetesAppName('2048-game')).toBe('app-2048-game');
    const long = kubernetesAppName('a'.repeat(80));
    expect(`${long}-cookie-secret`.length).toBeLessThanOrEqual(63);
    expect(kubernetesAppName(`${'a'.repeat(48)}-b`)).toBe('a'.repeat(48));
    expect(resolve({ name: '2048 Game' }).kubernetes!.kubernetesOptions.appName).toBe('app-2048-game');
  });

  test('quantities are compared by value', () => {
    expect(quantityValue('500m')).toBe(0.5);
    expect(quantityValue('1Gi')).toBe(2 ** 30);
    expect(quantityValue('1G')).toBe(1e9);
    expect(resolve({ kubernetesOptions: { memoryRequest: '1000Mi', memoryLimit: '1Gi' } }).kubernetes!.kubernetesOptions.memoryRequest).toBe('1000Mi');
  });

  test('the tasks push the tagged image and deploy the base, each after its preflight check', () => {
    const tasks = tasksOf(synth({ imageName: 'ghcr.io/acme/dash:1.2' }));
    const steps = (name: string) => tasks[name].steps.map((step: any) => step.execArgs);
    expect(steps('docker:push')).toEqual([
      ['devstack-preflight', 'registry', 'ghcr.io/acme/dash:1.2'],
      ['devstack-preflight', 'engine', 'docker'],
      ['docker', 'push', 'ghcr.io/acme/dash:1.2'],
    ]);
    expect(steps('k8s:apply')).toEqual([
      ['devstack-preflight', 'tool', 'kubectl'],
      ['devstack-preflight', 'secret', 'demo-app-cookie-secret'],
      ['kubectl', 'apply', '-k', 'k8s'],
    ]);
    expect(steps('k8s:delete').at(-1)).toEqual(['kubectl', 'delete', '-k', 'k8s', '--ignore-not-found']);
    expect(steps('k8s:secret')).toEqual([['devstack-preflight', 'tool', 'kubectl'], ['devstack-cookie-secret', 'demo-app-cookie-secret', 'cookie-secret']]);
  });
});
