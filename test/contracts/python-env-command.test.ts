import { decodePythonEnvMode, PYTHON_ENV, PYTHON_ENV_MODES, pythonEnvCommand, PythonEnvMode } from '../../src/contracts/python-env-command';

describe('devstack-python-env: what a task writes is what the bin reads', () => {
  test('each mode round-trips; its arguments name no other mode', () => {
    for (const mode of Object.keys(PYTHON_ENV_MODES) as PythonEnvMode[]) {
      const [bin, ...args] = pythonEnvCommand(mode);
      expect(bin).toBe(PYTHON_ENV);
      expect(decodePythonEnvMode(args)).toBe(mode);
    }
  });

  test('anything else is no mode (the bin prints its usage)', () => {
    for (const args of [[], ['install'], ['sync', '--no-install'], ['match', '--no-install', 'x'], ['--no-install'], ['Sync']]) {
      expect([args, decodePythonEnvMode(args)]).toEqual([args, undefined]);
    }
  });
});
