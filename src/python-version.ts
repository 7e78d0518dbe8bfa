import { OptionError } from './validation';

export const SUPPORTED_PYTHON_MINORS = { min: 10, max: 15 };

const PYTHON_VERSION = /^3\.(\d{1,2})$/;

export function checkPythonVersion(value: string): string {
  const match = PYTHON_VERSION.exec(value);
  const minor = match ? Number(match[1]) : NaN;
  if (!(minor >= SUPPORTED_PYTHON_MINORS.min && minor <= SUPPORTED_PYTHON_MINORS.max)) {
    throw new OptionError(
      'pythonVersion',
      value,
      `It must be a Python minor version from 3.${SUPPORTED_PYTHON_MINORS.min} to 3.${SUPPORTED_PYTHON_MINORS.max}, written as a string`,
      'pythonVersion: "3.12"',
    );
  }
  return value;
}

const SWITCHES = ['--python-version', '--pythonVersion'];

/**
 * Reads `pythonVersion` without losing digits.
 *
 * In `.projenrc.ts` the option is a string. On the `projen new` command line,
 * projen parses `--python-version 3.10` as the number 3.1 before any project
 * code runs, so a number is never trusted: the value is read back from the
 * command line as typed. If it cannot be found there, the user is told how to
 * pass it.
 *
 * @param value the option as received
 * @param argv the process arguments (`process.argv`), consulted only for numbers
 */
export function resolvePythonVersion(value: unknown, argv: readonly string[]): string {
  if (typeof value === 'string') {
    return checkPythonVersion(value.trim());
  }
  if (typeof value === 'number') {
    const typed = typedOnCommandLine(argv);
    if (typed !== undefined && Number(typed) === value) {
      return checkPythonVersion(typed);
    }
    throw new OptionError(
      'pythonVersion',
      value,
      'It arrived as a number, which cannot tell 3.1 from 3.10; give it as a string',
      'pythonVersion: "3.10" in .projenrc.ts, or --python-version 3.10 on the projen new command line',
    );
  }
  throw new OptionError('pythonVersion', value, 'It must be a string', 'pythonVersion: "3.12"');
}

function typedOnCommandLine(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    for (const name of SWITCHES) {
      if (arg === name && i + 1 < argv.length) return argv[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}
