import { writeFileSync } from 'fs';
import { join } from 'path';
import { ensurePipenv } from './harness/pipenv';
import { describeWithCheckers } from './harness/python-tools';
import { lockState, pipfileHash } from '../../src/pipenv/pipfile-hash';
import { synth, tempDir } from '../util';
import { run } from './harness/generated-project';

jest.setTimeout(5 * 60 * 1000);

/** Pipfiles that exercise each part of Pipenv's hash rule. */
const HAND_WRITTEN: Record<string, string> = {
  'no [[source]] (Pipenv assumes PyPI)': `
[packages]
requests = "*"
`,
  'names in mixed case and with _ and . (PEP 503-normalized)': `
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
Django = "==4.*"
"My_Package.Name" = ">=1.0"
"zope.interface" = "*"

[dev-packages]
PyTest = "*"
`,
  'inline tables, extras, markers, a private index, a custom category, [pipenv] and [scripts]': `
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "https://pypi.internal.example/simple"
verify_ssl = false
name = "internal"

[packages]
requests = {version = ">=2.31", extras = ["socks"]}
gunicorn = {version = "*", markers = "sys_platform == 'linux'"}
internal-lib = {version = "==1.2.3", index = "internal"}

[docs]
Sphinx = "*"

[pipenv]
allow_prereleases = true

[scripts]
serve = "streamlit run app/main.py"

[requires]
python_version = "3.13"
`,
  'text outside ASCII (escaped as json.dumps does)': `
[packages]
streamlit = {version = "*", markers = "platform_machine != 'ärm'"}

[requires]
python_version = "3.12"
`,
};

function writeLock(dir: string, hash: string): void {
  writeFileSync(join(dir, 'Pipfile.lock'), JSON.stringify({ _meta: { 'hash': { sha256: hash }, 'pipfile-spec': 6, 'requires': {}, 'sources': [] }, default: {}, develop: {} }));
}

describeWithCheckers('the Pipfile hash is computed exactly as the real `pipenv verify` computes it', () => {
  let pipenv: string;
  const verify = (dir: string) => run(pipenv, ['verify'], dir, { ...process.env, PIPENV_VERBOSITY: '-1', PIPENV_IGNORE_VIRTUALENVS: '1' });

  beforeAll(() => {
    pipenv = join(ensurePipenv(), 'pipenv');
  });

  const corpus: Array<[string, () => string]> = [
    ['the generated Pipfile (defaults)', () => synth({}, tempDir()).Pipfile],
    ['a generated Pipfile with packages and dev packages', () => synth({ pythonVersion: '3.11', packages: { Pandas: '>=2.2,<3', altair: '*' }, devPackages: { mypy: '==1.13.*' } }, tempDir()).Pipfile],
    ...Object.entries(HAND_WRITTEN).map(([name, text]): [string, () => string] => [name, () => text]),
  ];

  test.each(corpus)('%s: our hash passes `pipenv verify`; after a change, both say the lock is stale; a revert makes both agree again', (_name, pipfileText) => {
    const dir = tempDir('devstack-hash-');
    const text = pipfileText();
    writeFileSync(join(dir, 'Pipfile'), text);
    writeLock(dir, pipfileHash(text));
    expect(lockState(dir)).toBe('current');
    const current = verify(dir);
    expect(`${current.status} ${current.output.trim()}`).toBe('0 Pipfile.lock is up-to-date.');

    writeFileSync(join(dir, 'Pipfile'), `${text}\n[dev-packages-extra]\nhumanize = "*"\n`);
    expect(lockState(dir)).toBe('stale');
    expect(verify(dir).status).not.toBe(0);

    writeFileSync(join(dir, 'Pipfile'), text);
    expect(lockState(dir)).toBe('current');
    expect(verify(dir).status).toBe(0);
  });
});
