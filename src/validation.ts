/**
 * Rules for option values. Each check throws an `OptionError` that names the
 * option, the bad value, the rule and a correct example.
 */

export class OptionError extends Error {
  constructor(option: string, value: unknown, rule: string, example: string) {
    super(
      `py-streamlit-devstack: invalid option "${option}": ${show(value)}. ${rule}. Example: ${example}`,
    );
    this.name = 'OptionError';
    // The message says everything; frames inside this package would only hide it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const SUPPORTED_PYTHON_MINORS = { min: 10, max: 15 };

const PYTHON_VERSION = /^3\.(\d{1,2})$/;
// PEP 508 distribution names.
const PYTHON_PACKAGE_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
// PEP 440 public versions (plus local labels), optionally with a trailing `.*` for == and !=.
const PEP440_VERSION =
  /^(\d+!)?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[A-Za-z0-9]+(\.[A-Za-z0-9]+)*)?$/;
const PEP440_CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/;
// Debian policy 5.6.1: lower case letters, digits, + - . ; at least two characters.
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;
const VSCODE_EXTENSION = /^[A-Za-z0-9][A-Za-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9-]*$/;
const APP_ENTRYPOINT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.py$/;
// OCI distribution reference grammar (docker/distribution reference.go).
const OCI_DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const OCI_DOMAIN = `(?:${OCI_DOMAIN_COMPONENT}(?:\\.${OCI_DOMAIN_COMPONENT})*(?::[0-9]+)?)`;
const OCI_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const OCI_NAME = `(?:${OCI_DOMAIN}/)?${OCI_PATH_COMPONENT}(?:/${OCI_PATH_COMPONENT})*`;
const OCI_TAG = '[\\w][\\w.-]{0,127}';
const OCI_DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_WITH_TAG = new RegExp(`^${OCI_NAME}(?::${OCI_TAG})?$`);
const IMAGE_REFERENCE = new RegExp(`^${OCI_NAME}(?::${OCI_TAG})?(?:@${OCI_DIGEST})?$`);
const NPM_SPEC = /^[^\s"'`$\\;&|<>(){}]+$/;

function requireString(option: string, value: unknown, example: string): string {
  if (typeof value !== 'string') {
    throw new OptionError(option, value, 'It must be a string', example);
  }
  return value;
}

export function checkProjectName(value: unknown): string {
  const name = requireString('name', value, 'name: "my-streamlit-app"');
  if (name.length === 0 || name.length > 100 || /[\u0000-\u001f\u007f"\\`$]/.test(name)) {
    throw new OptionError(
      'name',
      value,
      'It must be 1 to 100 characters without control characters, quotes, backslashes, backticks or $',
      'name: "my-streamlit-app"',
    );
  }
  return name;
}

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

export function checkPort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new OptionError('port', value, 'It must be a whole number from 1024 to 65535', 'port: 8501');
  }
  if (value < 1024) {
    throw new OptionError(
      'port',
      value,
      "Ports below 1024 cannot be bound by the app's non-root user; use a port from 1024 to 65535 (publish it on a low host port with docker run -p 80:8501 if needed)",
      'port: 8501',
    );
  }
  return value;
}

export function checkAppEntrypoint(value: unknown): string {
  const path = requireString('appEntrypoint', value, 'appEntrypoint: "app/main.py"');
  if (!APP_ENTRYPOINT.test(path)) {
    throw new OptionError(
      'appEntrypoint',
      value,
      'It must be a relative path to a .py file inside the project, with / between folders, no .. and no hidden folders',
      'appEntrypoint: "app/main.py"',
    );
  }
  return path;
}

export function checkPythonPackages(option: string, value: unknown): Record<string, string> {
  const example = `${option}: { pandas: ">=2.2,<3", altair: "*" }`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OptionError(option, value, 'It must be an object of package name to version specifier', example);
  }
  const result: Record<string, string> = {};
  for (const [name, specifier] of Object.entries(value)) {
    if (!PYTHON_PACKAGE_NAME.test(name)) {
      throw new OptionError(
        option,
        name,
        'Package names must follow PEP 508: letters, digits, and . _ - inside (extras in [] are not supported)',
        example,
      );
    }
    result[name] = checkPep440Specifier(`${option}.${name}`, specifier);
  }
  return result;
}

function checkPep440Specifier(option: string, value: unknown): string {
  const example = `"${option.split('.').pop()}": ">=1.2,<2"`;
  const specifier = requireString(option, value, example);
  if (specifier === '*') return specifier;
  const clauses = specifier.split(',').map((clause) => clause.trim());
  const valid =
    clauses.length > 0 &&
    clauses.every((clause) => {
      const match = PEP440_CLAUSE.exec(clause);
      if (!match) return false;
      const [, operator, version] = match;
      const wildcard = (operator === '==' || operator === '!=') && version.endsWith('.*');
      return PEP440_VERSION.test(wildcard ? version.slice(0, -2) : version);
    });
  if (!valid) {
    throw new OptionError(
      option,
      value,
      'It must be "*" or a PEP 440 specifier set such as ">=1.2,<2", "~=1.4" or "==1.5.*"',
      example,
    );
  }
  return clauses.join(',');
}

export function checkAptPackages(option: string, value: unknown): string[] {
  return checkList(option, value, APT_PACKAGE, 'Debian package names are lower-case letters, digits and + - . (at least two characters)', `${option}: ["libgomp1"]`);
}

export function checkVscodeExtensions(value: unknown): string[] {
  return checkList(
    'vscodeExtensions',
    value,
    VSCODE_EXTENSION,
    'Extension ids are "publisher.name"',
    'vscodeExtensions: ["ms-python.python"]',
  );
}

export function checkDevDeps(value: unknown): string[] {
  return checkList('devDeps', value, NPM_SPEC, 'Each entry must be an npm package spec (name@range or a tarball path) without spaces or shell characters', 'devDeps: ["zod@^3"]');
}

function checkList(option: string, value: unknown, pattern: RegExp, rule: string, example: string): string[] {
  if (!Array.isArray(value)) {
    throw new OptionError(option, value, 'It must be a list of strings', example);
  }
  for (const item of value) {
    if (typeof item !== 'string' || !pattern.test(item)) {
      throw new OptionError(option, item, rule, example);
    }
  }
  return [...new Set(value as string[])];
}

export function checkImageName(value: unknown): string {
  const name = requireString('imageName', value, 'imageName: "my-app:latest"');
  if (name.length > 255 || !IMAGE_WITH_TAG.test(name)) {
    throw new OptionError(
      'imageName',
      value,
      'It must be an OCI image name with an optional tag: lower-case path components, optional registry host, no digest',
      'imageName: "registry.example.com/team/my-app:1.0"',
    );
  }
  return name;
}

export function checkBaseImage(value: unknown): string {
  const reference = requireString('baseImage', value, 'baseImage: "python:3.13-slim"');
  if (reference.length > 512 || !IMAGE_REFERENCE.test(reference)) {
    throw new OptionError(
      'baseImage',
      value,
      'It must be an OCI image reference: name, optional :tag, optional @sha256:digest',
      'baseImage: "python:3.13-slim@sha256:<64 hex digits>"',
    );
  }
  return reference;
}

export function checkPipenvVersion(value: unknown): string {
  const version = requireString('pipenvVersion', value, 'pipenvVersion: "2026.10.3"');
  if (!PEP440_VERSION.test(version)) {
    throw new OptionError('pipenvVersion', value, 'It must be an exact PEP 440 version', 'pipenvVersion: "2026.10.3"');
  }
  return version;
}

export function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new OptionError(option, value, 'It must be true or false', `${option}: false`);
  }
  return value;
}

export function checkEnum<T extends string>(option: string, value: unknown, allowed: readonly T[], example: string): T {
  if (!allowed.includes(value as T)) {
    throw new OptionError(option, value, `It must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, example);
  }
  return value as T;
}

/**
 * The rc is only transpiled, not type-checked, so a misspelt option name would be
 * ignored silently: refuse names the struct does not have, with the closest one.
 * Keys starting with "__" are projen's own (e.g. its project-creation data).
 */
export function checkOptionNames(given: readonly string[], known: readonly string[]): void {
  for (const key of given) {
    if (known.includes(key) || key.startsWith('__')) continue;
    const closest = [...known].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
    throw new OptionError(key, '(any value)', `There is no option "${key}"; did you mean "${closest}"? The options are ${known.join(', ')}`, `${closest}: ...`);
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
