import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { parse } from 'yaml';
import { createCookieSecret } from '../../src/cli/cookie-secret-create';
import { preflightProblem } from '../../src/cli/preflight-checks';
import { describeWhenAvailable } from '../e2e/harness/prerequisites';
import { tempDir, writeCommand } from '../util';

const realKubectl = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf-8' }).stdout.trim();

/** A kubeconfig whose cluster is a closed port: kubectl runs for real and finds no API server. */
function unreachableCluster(): string {
  const config = join(tempDir('kube-'), 'config');
  writeFileSync(config, `apiVersion: v1
kind: Config
clusters: [{ name: none, cluster: { server: "https://127.0.0.1:9" } }]
users: [{ name: none, user: { token: "x" } }]
contexts: [{ name: none, context: { cluster: none, user: none, namespace: default } }]
current-context: none
`);
  return config;
}

// The branches that need an API server (a missing Secret, an existing one, a Secret kubectl
// cannot create) run against a live cluster: test/e2e/cluster.e2e.test.ts.
describe('devstack-preflight: the Kubernetes tasks', () => {
  test('a missing kubectl names the install page and the context to select', () => {
    expect(preflightProblem({ kind: 'tool', tool: 'kubectl' }, tempDir(), tempDir('bin-'))).toMatch(/^kubectl is not installed here: install it \(https:\/\/kubernetes\.io\/docs\/tasks\/tools\/\) .*kubectl config use-context/);
  });

  test('an image without a registry cannot be pushed; a registry path or a Docker Hub account can', () => {
    expect(preflightProblem({ kind: 'registry', image: 'dash:1.0' }, tempDir())).toMatch(/^the image dash:1\.0 names no registry.*imageName: "ghcr\.io\/OWNER\/dash:1\.0"/);
    expect(preflightProblem({ kind: 'registry', image: 'ghcr.io/acme/dash:1.0' }, tempDir())).toBeUndefined();
    expect(preflightProblem({ kind: 'registry', image: 'localhost:5000/dash:1.0' }, tempDir())).toBeUndefined();
    expect(preflightProblem({ kind: 'registry', image: 'acme/dash:1.0' }, tempDir())).toBeUndefined();
  });
});

describeWhenAvailable(
  'devstack-preflight and devstack-cookie-secret with the real kubectl',
  { missing: realKubectl ? undefined : 'kubectl (apt-get install kubernetes-client)', kind: 'kubectl tests', inCi: ' scripts/test-all.sh must install it.' },
  () => {
    const kubectlOnly = () => {
      const bin = tempDir('bin-');
      writeCommand(bin, 'kubectl', `exec ${realKubectl} "$@"\n`);
      return `${bin}:${dirname(process.execPath)}`;
    };

    test('no reachable cluster is told apart from a missing Secret', () => {
      const previous = process.env.KUBECONFIG;
      process.env.KUBECONFIG = unreachableCluster();
      try {
        expect(preflightProblem({ kind: 'secret', name: 'dash-cookie-secret' }, tempDir(), kubectlOnly())).toMatch(/^kubectl cannot read Secrets in the current context \(.*127\.0\.0\.1:9.*\): check kubectl config current-context/);
      } finally {
        if (previous === undefined) delete process.env.KUBECONFIG;
        else process.env.KUBECONFIG = previous;
      }
    });

    test('the Secret kubectl would create holds 32 random bytes under the key the Deployment reads, new each time', () => {
      const made = [1, 2].map(() => {
        const stdout: string[] = [];
        const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
        try {
          expect(createCookieSecret('dash-cookie-secret', 'cookie-secret', ['--dry-run=client', '--output=yaml'], realKubectl)).toEqual({ ok: true });
        } finally {
          write.mockRestore();
        }
        return parse(stdout.join(''));
      });
      for (const secret of made) {
        expect(secret).toMatchObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'dash-cookie-secret' } });
        expect(Buffer.from(secret.data['cookie-secret'], 'base64').toString()).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(made[0].data['cookie-secret']).not.toBe(made[1].data['cookie-secret']);
    });
  },
);
