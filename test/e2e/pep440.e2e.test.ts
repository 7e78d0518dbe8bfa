import { spawnSync } from 'child_process';
import { join } from 'path';
import * as fc from 'fast-check';
import { describeWithCheckers, ensureCheckers } from './harness/python-tools';
import { checkPythonPackages } from '../../src/pipenv/pep440';

jest.setTimeout(5 * 60 * 1000);

const OPERATORS = ['~=', '==', '!=', '<=', '>=', '<', '>', '===', '=', '=>', '~', ''];
const VERSIONS = [
  '1', '1.0', '1.0.0', '2024.10.3', '1.0a1', '1.0b2', '1.0rc1', '1.0c1', '1.0alpha1', '1.0-beta.2', '1.0.post1', '1.0-1', '1.0.dev1', '1.0a1.dev2',
  '1!2.0', '1.0+abc', '1.0+abc.5', '1.0+local-1', '1.*', '1.0.*', '1.0.dev1.*', '1.0+abc.*', '1.0a1.*', 'v1.0', 'V1.0', '01.0', '1..0', '1.0.',
  'abc', 'latest', '*', '1.0 ', ' 1.0', '1.0_a1', '1.0.post', '1.0-dev', '1.*.0', '1.0+', '1.0+abc..1', '1.0+ABC', '١.٠',
];
/** The cases the issue named, which the old hand-written rule accepted. */
const REPORTED = ['~=1', '>=1.0+abc', '<=1.0+local', '==1.0+abc.*', '==1.0.dev1.*'];

function corpus(): string[] {
  const single = OPERATORS.flatMap((operator) => VERSIONS.flatMap((version) => [`${operator}${version}`, `${operator} ${version}`]));
  const sets = ['>=1.2,<2', '>=1.2, <2', ' >=1.2 , <2 ', '>=1.2,', ',>=1.2', '>=1.2,,<2', '>=1.2;<2', '>=1.2 <2', '==1.5.*,!=1.5.3', '~=1.4.2,!=1.4.5', '===foo', '===foo bar', '=== 1.0', '>=1.0\n', '>=1.0\t'];
  const random = fc.sample(fc.stringMatching(/^[~=!<>]{0,3} ?[0-9va.!+*,\-_ ]{0,10}$/), { numRuns: 400, seed: 440 });
  return [...new Set([...single, ...sets, ...REPORTED, ...random])].filter((spec) => spec !== '*' && !hasNoClause(spec));
}

/**
 * Sets without a clause ("", " , "): packaging reads them as "any version"; the project
 * type refuses them on purpose and asks for pipenv's explicit "*".
 */
const hasNoClause = (spec: string) => spec.split(',').every((clause) => clause.trim() === '');

/** Whether `packaging.specifiers.SpecifierSet` accepts each specifier: what pip and Pipenv use. */
function packagingAccepts(python: string, specifiers: string[]): boolean[] {
  const script = [
    'import json, sys',
    'from packaging.specifiers import SpecifierSet, InvalidSpecifier',
    'def ok(s):',
    '    try:',
    '        SpecifierSet(s)',
    '        return True',
    '    except InvalidSpecifier:',
    '        return False',
    'print(json.dumps([ok(s) for s in json.load(sys.stdin)]))',
  ].join('\n');
  const result = spawnSync(python, ['-c', script], { input: JSON.stringify(specifiers), encoding: 'utf-8' });
  if (result.status !== 0) throw new Error(`python failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function weAccept(specifier: string): boolean {
  try {
    checkPythonPackages('packages', { pandas: specifier });
    return true;
  } catch {
    return false;
  }
}

describeWithCheckers("PEP 440 specifiers: the project type accepts exactly what Python's packaging accepts", () => {
  test(`a generated corpus of specifiers (operators x version forms, sets, ${REPORTED.length} reported cases, random strings)`, () => {
    const python = join(ensureCheckers(), 'python');
    const specifiers = corpus();
    const reference = packagingAccepts(python, specifiers);
    const disagreements = specifiers
      .map((specifier, i) => ({ specifier, packaging: reference[i], ours: weAccept(specifier) }))
      .filter(({ packaging, ours }) => packaging !== ours);
    console.log(`PEP 440 corpus: ${specifiers.length} specifiers, ${reference.filter(Boolean).length} valid per packaging, ${disagreements.length} disagreements`);
    expect(disagreements).toEqual([]);
    for (const reported of REPORTED) expect(weAccept(reported)).toBe(false);
    expect(weAccept('*')).toBe(true); // pipenv's "any version"
    for (const empty of ['', ' ', ',', ' , ']) expect(weAccept(empty)).toBe(false);
  });
});
