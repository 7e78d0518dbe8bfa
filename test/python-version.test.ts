import { resolvePythonVersion } from '../src/python-version';

describe('pythonVersion', () => {
  test('strings are taken as written', () => {
    expect(resolvePythonVersion('3.10', [])).toBe('3.10');
    expect(resolvePythonVersion('3.13', [])).toBe('3.13');
  });

  test("a number from projen's command line is read back as typed: --python-version 3.10 gives 3.10, never 3.1", () => {
    expect(resolvePythonVersion(3.1, ['node', 'projen', 'new', '--from', 'x.tgz', '--python-version', '3.10'])).toBe('3.10');
    expect(resolvePythonVersion(3.1, ['node', 'projen', 'new', '--python-version=3.10'])).toBe('3.10');
    expect(resolvePythonVersion(3.12, ['node', 'projen', 'new', '--pythonVersion', '3.12'])).toBe('3.12');
  });

  test('a number that cannot be traced to the command line is refused with how to pass it', () => {
    expect(() => resolvePythonVersion(3.1, [])).toThrow(/"pythonVersion": 3.1\. It arrived as a number.*Example: pythonVersion: "3.10"/);
    // the command line says something else than the number: not trusted either
    expect(() => resolvePythonVersion(3.1, ['--python-version', '3.12'])).toThrow(/arrived as a number/);
  });

  test('versions outside 3.10 to 3.15 are refused', () => {
    for (const bad of ['3.9', '3.1', '3.16', '2.7', '3', '3.11.4', 'py3.11', '']) {
      expect(() => resolvePythonVersion(bad, [])).toThrow(/invalid option "pythonVersion".*from 3\.10 to 3\.15/);
    }
  });
});
