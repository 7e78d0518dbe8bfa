import { spawnSync } from 'child_process';
import { SUPPORTED_PYTHON_MINORS } from '../../src/python-version';
import { describeWhenAvailable } from '../e2e/harness/prerequisites';
import { pyyamlPython } from '../e2e/harness/python-tools';
import { errorOf, synth } from '../util';

const pyyaml = pyyamlPython();

/** Each text read by PyYAML's `safe_load` (YAML 1.1), as JSON; keys that are not strings come back as `!key:<repr>`. */
function pyyamlRead(texts: readonly string[]): any[] {
  const script = [
    'import json, sys, yaml',
    'def strict(node):',
    '    if isinstance(node, dict): return {(k if isinstance(k, str) else "!key:%r" % (k,)): strict(v) for k, v in node.items()}',
    '    if isinstance(node, list): return [strict(v) for v in node]',
    '    return node',
    'print(json.dumps([strict(yaml.safe_load(text)) for text in json.load(sys.stdin)], default=repr))',
  ].join('\n');
  const result = spawnSync(pyyaml!, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf-8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describeWhenAvailable(
  'the generated GitHub files read by PyYAML (YAML 1.1)',
  { missing: pyyaml ? undefined : 'PyYAML (installed from PyPI on first use, which does not answer)', kind: 'PyYAML tests' },
  () => {
    test('every value that comes from the options reads back as the string given (python-version "3.10" is not 3.1)', () => {
      const minors = Array.from({ length: SUPPORTED_PYTHON_MINORS.max - SUPPORTED_PYTHON_MINORS.min + 1 }, (_, i) => `3.${SUPPORTED_PYTHON_MINORS.min + i}`);
      const sources = [{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'internal', url: 'https://${INDEX_USER}:${TOKEN_1_000}@pypi.internal.example/simple' }];
      const texts = minors.map((pythonVersion) => synth({ pythonVersion, pipfileSources: sources })['.github/workflows/ci.yml']);
      pyyamlRead(texts).forEach((workflow, index) => {
        const steps: any[] = workflow.jobs.checks.steps;
        expect(steps.find((step) => step.uses === 'actions/setup-python@v5').with['python-version']).toBe(minors[index]);
        expect(steps.find((step) => step.name === 'install').env).toEqual({ INDEX_USER: '${{ secrets.INDEX_USER }}', TOKEN_1_000: '${{ secrets.TOKEN_1_000 }}' });
      });
    });

    test.each(['ON', 'YES', 'NO', 'OFF', 'Y', 'N'])('a credential variable named %s, a YAML 1.1 scalar as a workflow env key, is refused', (name) => {
      const url = `https://\${${name}}:\${INDEX_PASSWORD}@pypi.internal.example/simple`;
      const error = errorOf(() => synth({ pipfileSources: [{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'internal', url }] }));
      expect(error.message).toContain('invalid option "pipfileSources');
      expect(error.message).toContain(`"\${${name}}" is a boolean or null to YAML 1.1 readers`);
      expect(error.message).toContain('INDEX_USER');
    });

    test('credential variables named TRUE or NULL, which the writer quotes already, are accepted and read back as those names', () => {
      const url = 'https://${TRUE}:${NULL}@pypi.internal.example/simple';
      const [workflow] = pyyamlRead([synth({ pipfileSources: [{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'internal', url }] })['.github/workflows/ci.yml']]);
      const install = workflow.jobs.checks.steps.find((step: any) => step.name === 'install');
      expect(install.env).toEqual({ TRUE: '${{ secrets.TRUE }}', NULL: '${{ secrets.NULL }}' });
    });

    test('dependabot.yml reads back as written', () => {
      const [dependabot] = pyyamlRead([synth()['.github/dependabot.yml']]);
      expect(dependabot.version).toBe(2);
      for (const update of dependabot.updates) expect(update).toMatchObject({ directory: '/', schedule: { interval: 'weekly' } });
    });
  },
);
