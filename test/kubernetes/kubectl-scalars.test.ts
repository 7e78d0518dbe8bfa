import { spawnSync } from 'child_process';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { onPath } from '../../src/util/on-path';
import { describeWhenAvailable } from '../e2e/harness/prerequisites';
import { synth, tempDir } from '../util';

const kubectl = onPath('kubectl');

/**
 * Issue 18: values that YAML 1.1 readers (kubectl's sigs.k8s.io/yaml on go-yaml v2, PyYAML)
 * read as booleans, numbers, null or timestamps when written plain. `FLAG=yes` and the tag
 * `on` are the issue's own cases.
 */
const ENVIRONMENT: Record<string, string> = {
  FLAG: 'yes',
  NO_FLAG: 'no',
  Y: 'y',
  N: 'n',
  ON: 'on',
  OFF: 'Off',
  COUNT: '1_000',
  OCTAL_1_2: '0o17',
  OCTAL_GO: '0O17',
  OCTAL_1_1: '012',
  BINARY: '0B101',
  HEX: '0X1F',
  HEX_UNDERSCORE: '0_x1F',
  SEXAGESIMAL: '1:20',
  TILDE: '~',
  NULL_WORD: 'NULL',
  DAY: '2001-12-14',
  SHORT_DAY: '2001-1-2',
  INFINITY: '.inf',
  MERGE: '<<',
  VALUE: '=',
};
const TAG = 'on';

/** A project with the tag and environment, synthesized; its folder. */
function generated(): string {
  const outdir = tempDir();
  synth({ imageName: `ghcr.io/acme/dash:${TAG}` }, outdir, (project) => {
    for (const [name, value] of Object.entries(ENVIRONMENT)) project.kubernetes!.addEnv(name, value);
    // a value set with addOverride goes through the same writer
    project.kubernetes!.deployment.addOverride('metadata.annotations.rollout', 'off');
  });
  return outdir;
}

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('kubectl', args, { encoding: 'utf-8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function envOf(deployment: any): Record<string, unknown> {
  const container = deployment.spec.template.spec.containers.find((c: any) => c.name === 'app') ?? deployment.spec.template.spec.containers[0];
  return Object.fromEntries(container.env.filter((entry: any) => 'value' in entry).map((entry: any) => [entry.name, entry.value]));
}

describeWhenAvailable(
  'strings YAML 1.1 would read as something else, through kubectl itself',
  { missing: kubectl ? undefined : 'kubectl (apt-get install kubernetes-client)', kind: 'kubectl tests', inCi: ' scripts/test-all.sh must install it.' },
  () => {
    let outdir: string;
    beforeAll(() => {
      outdir = generated();
    });

    test('kubectl kustomize k8s builds the base, with the tag "on" and every value the very string given', () => {
      const built = run(['kustomize', join(outdir, 'k8s')]);
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      // kustomize's own output, read back by a YAML 1.1 reader
      const deployment = parseAllDocuments(built.stdout, { version: '1.1' }).map((doc) => doc.toJS()).find((o) => o.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].image).toBe(`ghcr.io/acme/dash:${TAG}`);
      expect(envOf(deployment)).toMatchObject(ENVIRONMENT);
    });

    // `kubectl apply -f`'s decoder (manifest to unstructured JSON), offline: `label --local` decodes the same way
    test('kubectl apply -f\'s decoder reads every env name and value of k8s/deployment.yaml as the string given', () => {
      const decoded = run(['label', '--local', '-f', join(outdir, 'k8s', 'deployment.yaml'), 'checked=yes', '-o', 'json']);
      expect(decoded.stderr).toBe('');
      expect(decoded.status).toBe(0);
      const deployment = JSON.parse(decoded.stdout);
      expect(envOf(deployment)).toMatchObject(ENVIRONMENT);
      expect(deployment.metadata.annotations.rollout).toBe('off');
    });

    // the typed decoder (into core/v1 EnvVar) refuses a bool or number where a string belongs
    test('kubectl\'s typed decoder lists every variable as NAME=value', () => {
      const listed = run(['set', 'env', '--local', '-f', join(outdir, 'k8s', 'deployment.yaml'), '--list']);
      expect(listed.stderr).toBe('');
      expect(listed.status).toBe(0);
      for (const [name, value] of Object.entries(ENVIRONMENT)) expect(listed.stdout.split('\n')).toContain(`${name}=${value}`);
    });
  },
);
