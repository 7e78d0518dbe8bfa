import { spawnSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
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

/** A stand-in kubectl that answers `get secret` with `output`, for the branches that need a cluster. */
function kubectlAnswering(output: string, status = 0): string {
  const bin = tempDir('bin-');
  writeCommand(bin, 'kubectl', `printf '%s' '${output}'\nexit ${status}\n`);
  return bin;
}

describe('devstack-preflight: the Kubernetes tasks', () => {
  test('a missing kubectl names the install page and the context to select', () => {
    expect(preflightProblem({ kind: 'tool', tool: 'kubectl' }, tempDir(), tempDir('bin-'))).toMatch(/^kubectl is not installed here: install it \(https:\/\/kubernetes\.io\/docs\/tasks\/tools\/\) .*kubectl config use-context/);
  });

  test('a missing cookie Secret says to run k8s:secret first; an existing one passes', () => {
    expect(preflightProblem({ kind: 'secret', name: 'dash-cookie-secret' }, tempDir(), kubectlAnswering(''))).toBe(
      'the Secret dash-cookie-secret (Streamlit\'s cookie secret, shared by every replica) does not exist in this namespace: run npx projen k8s:secret once, then run this task again.',
    );
    expect(preflightProblem({ kind: 'secret', name: 'dash-cookie-secret' }, tempDir(), kubectlAnswering('secret/dash-cookie-secret\n'))).toBeUndefined();
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

describe('devstack-cookie-secret', () => {
  test('an existing Secret is kept, with how to rotate it', () => {
    const bin = tempDir('bin-');
    writeCommand(bin, 'kubectl', 'echo \'Error from server (AlreadyExists): secrets "dash-cookie-secret" already exists\' >&2; exit 1\n');
    const outcome = createCookieSecret('dash-cookie-secret', 'cookie-secret', [], join(bin, 'kubectl'));
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toMatch(/^the Secret dash-cookie-secret already exists and is kept .* To rotate it: kubectl delete secret dash-cookie-secret/);
  });

  test('any other kubectl failure fails with kubectl\'s reason; the value is never an argument', () => {
    const bin = tempDir('bin-');
    const argsFile = join(tempDir(), 'args');
    writeCommand(bin, 'kubectl', `echo "$@" > ${argsFile}; echo 'error: forbidden' >&2; exit 1\n`);
    const outcome = createCookieSecret('dash-cookie-secret', 'cookie-secret', [], join(bin, 'kubectl'));
    expect(outcome).toEqual({ ok: false, message: 'kubectl could not create the Secret dash-cookie-secret: error: forbidden' });
    const args = readFileSync(argsFile, 'utf-8').trim();
    expect(args).toMatch(/^create secret generic dash-cookie-secret --from-file=cookie-secret=\/\S+\/cookie-secret$/);
    // the file with the value is gone once kubectl has read it
    expect(existsSync(args.split('=').pop()!)).toBe(false);
  });
});
