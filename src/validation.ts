/**
 * Rules for option values. Each check throws an `OptionError` that names the
 * option, the bad value, the rule and a correct example.
 */

import * as pep440 from '@renovatebot/pep440';
import { DEFAULTS } from './defaults';
import { DevstackError } from './errors';
import { needsQuotesForYaml11 } from './files/yaml-scalars';
import { canonicalPackageName } from './pipenv/pipfile-hash';
import { PIPENV_SETTING_KEYS, PYPI_SOURCE } from './pipenv/pipfile-tables';
import { credentialQueryKey, hasReference, isLoopbackHost, redactedUrl, referencedNames, urlParts } from './util/url-credentials';

export class OptionError extends DevstackError {
  constructor(
    option: string,
    value: unknown,
    /** The rule the value broke, as one clause. */
    public readonly rule: string,
    example: string,
  ) {
    super(`${subjectOf(option)}: ${show(value)}. ${rule}. Example: ${example}`);
    this.name = 'OptionError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * Characters that are invisible or reorder text: C0 and C1 controls (NUL too), format
 * characters (bidi overrides such as U+202E, zero-width spaces and joiners), line and
 * paragraph separators, lone surrogates, private-use code points, Unicode's
 * Default_Ignorable_Code_Point (which a renderer may draw as nothing: the Hangul fillers
 * U+115F, U+1160, U+3164, U+FFA0, the combining grapheme joiner, variation selectors) and
 * U+2800, the blank Braille pattern, which is a letter to Unicode but looks like a space.
 */
const INVISIBLE_OR_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{DI}\u2800]/u;

/**
 * What a name or an id must not hold: the characters above and every space but U+0020
 * (the other \p{Zs}: no-break, en, em, ideographic... spaces), which make a name look like another.
 */
const INVISIBLE_IN_NAME = new RegExp(`${INVISIBLE_OR_CONTROL.source}|[\\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]`, 'u');

/** Whether a name or an id holds an invisible, control or non-ASCII space character. */
export function hasInvisibleCharacter(name: string): boolean {
  return INVISIBLE_IN_NAME.test(name);
}

/** Whether a label names a method ("project.pipfile.addPackage()") rather than an option ("port"). */
export function isMethodLabel(label: string): boolean {
  return label.endsWith('()');
}

/** A correct call of a labelled method, for an error's example: `callExample("project.x.add()", '"a"')` gives `project.x.add("a")`. */
export function callExample(method: string, args: string): string {
  return `${method.slice(0, -2)}(${args})`;
}

/** An option by name, or a method's argument. */
function subjectOf(option: string): string {
  return isMethodLabel(option) ? `invalid argument of ${option}` : `invalid option "${option}"`;
}

/** A string without control or invisible characters, so on one line. */
export function isOneLine(value: unknown): value is string {
  return typeof value === 'string' && !INVISIBLE_OR_CONTROL.test(value);
}

/** An environment variable name a shell and Python can read: a C identifier. */
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function show(value: unknown): string {
  // invisible characters are shown as escapes, so the message says what is wrong
  if (value === undefined) return 'undefined';
  // JSON would show NaN and Infinity as null
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.replace(new RegExp(INVISIBLE_IN_NAME.source, 'gu'), escapeCharacter);
}

/** `\u3164` (or `\u{E0061}` beyond the BMP) for one character. */
function escapeCharacter(char: string): string {
  const code = char.codePointAt(0)!.toString(16).toUpperCase();
  return code.length > 4 ? `\\u{${code}}` : `\\u${code.padStart(4, '0')}`;
}

export const SUPPORTED_PYTHON_MINORS = { min: 10, max: 15 };

const PYTHON_VERSION = /^3\.(\d{1,2})$/;
// PEP 508 distribution names.
const PYTHON_PACKAGE_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
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
// The digests the engines verify (go-digest: the registered algorithms, lower-case hex of their exact length);
// podman refuses others ("invalid checksum digest format/length", "unsupported digest algorithm").
const OCI_DIGEST = '(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})';
const IMAGE_WITH_TAG = new RegExp(`^${OCI_NAME}(?::${OCI_TAG})?$`);
const IMAGE_REFERENCE = new RegExp(`^${OCI_NAME}(?::${OCI_TAG})?(?:@${OCI_DIGEST})?$`);

function requireString(option: string, value: unknown, example: string): string {
  if (typeof value !== 'string') {
    throw new OptionError(option, value, 'It must be a string', example);
  }
  return value;
}

export function checkProjectName(value: unknown): string {
  const name = requireString('name', value, 'name: "my-streamlit-app"');
  if (name.trim().length === 0 || name.length > 100 || INVISIBLE_IN_NAME.test(name) || /["\\`$]/.test(name)) {
    throw new OptionError(
      'name',
      value,
      'It must be 1 to 100 characters, not only spaces, without control or invisible characters (such as bidi overrides, zero-width spaces or the Hangul filler U+3164), spaces other than the plain one, quotes, backslashes, backticks or $',
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
    throw new OptionError('port', value, 'It must be a whole number from 1024 to 65535', `port: ${DEFAULTS.port}`);
  }
  if (value < 1024) {
    throw new OptionError(
      'port',
      value,
      `Ports below 1024 cannot be bound by the app's non-root user; use a port from 1024 to 65535 (publish it on a low host port with docker run -p 80:${DEFAULTS.port} if needed)`,
      `port: ${DEFAULTS.port}`,
    );
  }
  return value;
}

const URL_PATH_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/** A base URL path without its outer slashes ("" for the root); segments of URL-safe characters, no "." or "..". */
export function checkBaseUrlPath(value: unknown): string {
  const path = requireString('baseUrlPath', value, 'baseUrlPath: "dash"').replace(/^\/+|\/+$/g, '');
  const segments = path === '' ? [] : path.split('/');
  if (path.length > 200 || segments.some((segment) => !URL_PATH_SEGMENT.test(segment) || segment === '.' || segment === '..')) {
    throw new OptionError(
      'baseUrlPath',
      value,
      'It must be a URL path of segments made of letters, digits, ".", "_", "~" and "-", separated by "/" (no "." or ".." segment, no query)',
      'baseUrlPath: "apps/sales"',
    );
  }
  return path;
}

/** The generated ignore file and the pattern that leaves a path out, or undefined when it is kept. */
export type IgnoreCheck = (path: string) => { readonly file: string; readonly pattern: string } | undefined;

export function checkAppEntrypoint(value: unknown, ignoredBy: IgnoreCheck): string {
  const path = requireString('appEntrypoint', value, `appEntrypoint: "${DEFAULTS.appEntrypoint}"`);
  if (!APP_ENTRYPOINT.test(path)) {
    throw new OptionError(
      'appEntrypoint',
      value,
      'It must be a relative path to a .py file inside the project, with / between folders, no .. and no hidden folders',
      `appEntrypoint: "${DEFAULTS.appEntrypoint}"`,
    );
  }
  const ignored = ignoredBy(path);
  if (ignored !== undefined) {
    const where = ignored.file === '.dockerignore' ? 'the image' : 'git (it would never be committed, so a clone or CI has no app)';
    throw new OptionError(
      'appEntrypoint',
      value,
      `The generated ${ignored.file} leaves it out of ${where}: the pattern "${ignored.pattern}" matches it (such patterns keep secrets, keys, caches, tooling and the tests' folder out); move or rename the app`,
      `appEntrypoint: "${DEFAULTS.appEntrypoint}"`,
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
  const seen = new Map<string, string>();
  for (const [name, specifier] of Object.entries(value)) {
    if (!PYTHON_PACKAGE_NAME.test(name)) {
      throw new OptionError(
        option,
        name,
        'Package names must follow PEP 508: letters, digits, and . _ - inside (extras in [] are not supported)',
        example,
      );
    }
    const canonical = canonicalPackageName(name);
    const earlier = seen.get(canonical);
    if (earlier !== undefined) {
      throw new OptionError(
        option,
        name,
        `"${earlier}" and "${name}" are the same package to pip and Pipenv (PEP 503 compares names in lower case, with runs of . _ - alike); keep one of them`,
        example,
      );
    }
    seen.set(canonical, name);
    const method = isMethodLabel(option) ? { label: option, packageName: name } : undefined;
    result[name] = checkPep440Specifier(`${option}.${name}`, specifier, method);
  }
  return result;
}

/**
 * The built-in packages with the user's on top. A user's entry for a built-in package
 * (`Streamlit: "~=1.50"` for `streamlit`), compared by PEP 503 name, replaces it.
 */
export function withBuiltins(builtins: Readonly<Record<string, string>>, given: Readonly<Record<string, string>>): Record<string, string> {
  const givenNames = new Set(Object.keys(given).map(canonicalPackageName));
  const kept = Object.entries(builtins).filter(([name]) => !givenNames.has(canonicalPackageName(name)));
  return { ...Object.fromEntries(kept), ...given };
}

/** `==` / `!=` prefix matching (`.*`): packaging allows it only right after the release segment. */
const PREFIX_MATCH = /^(==|!=)\s*(.*)\.\*$/;
const RELEASE_ONLY = /^v?(\d+!)?\d+(\.\d+)*$/i;
/** `===` compares strings: anything without whitespace, `;` or `)`. */
const ARBITRARY_EQUALITY = /^===\s*[^\s;)]*$/;

/**
 * A PEP 440 specifier set, by the rules of Python's `packaging` (what pip and Pipenv use):
 * the maintained `@renovatebot/pep440` parser, plus packaging's rules for `===` and for
 * where `.*` may stand. Empty clauses are skipped, as packaging skips them. Tested
 * against packaging itself in test/e2e/pep440.e2e.test.ts.
 */
export function isPep440SpecifierSet(specifier: string): boolean {
  if (INVISIBLE_OR_CONTROL.test(specifier.replace(/[\t\n\r\f\v]/g, ' '))) return false;
  const clauses = clausesOf(specifier);
  return (
    clauses.length > 0 &&
    clauses.every((clause) => {
      if (clause.startsWith('===')) return ARBITRARY_EQUALITY.test(clause);
      const prefix = PREFIX_MATCH.exec(clause);
      if (prefix && !RELEASE_ONLY.test(prefix[2].trim())) return false;
      return pep440.validRange(clause);
    })
  );
}

function checkPep440Specifier(option: string, value: unknown, method?: { label: string; packageName: string }): string {
  const example = method ? callExample(method.label, `"${method.packageName}", ">=1.2,<2"`) : `"${option.split('.').pop()}": ">=1.2,<2"`;
  option = method?.label ?? option;
  const specifier = requireString(option, value, example);
  if (specifier === '*') return specifier;
  if (!isPep440SpecifierSet(specifier)) {
    throw new OptionError(
      option,
      value,
      'It must be "*" or a PEP 440 specifier set such as ">=1.2,<2", "~=1.4" or "==1.5.*"',
      example,
    );
  }
  return clausesOf(specifier).join(',');
}

/** The clauses of a specifier set, trimmed; empty ones are skipped, as packaging skips them. */
function clausesOf(specifier: string): string[] {
  return specifier.split(',').map((clause) => clause.trim()).filter(Boolean);
}

export function checkAptPackages(option: string, value: unknown, example = `${option}: ["libgomp1"]`): string[] {
  return checkList(option, value, APT_PACKAGE, 'Debian package names are lower-case letters, digits and + - . (at least two characters)', example);
}

export function checkVscodeExtensions(value: unknown, option = 'vscodeExtensions', example = `vscodeExtensions: ["${DEFAULTS.vscodeExtensions[0]}"]`): string[] {
  return checkList(option, value, VSCODE_EXTENSION, 'Extension ids are "publisher.name"', example);
}

/** A list of one-line strings; what npm makes of each entry is checked by src/projenrc/npm-spec.ts. */
export function checkDevDeps(value: unknown): string[] {
  return checkList('devDeps', value, /^\S(.*\S)?$/, 'Each entry must be one npm package spec, such as name@range, without surrounding spaces', 'devDeps: ["zod@^3"]');
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
  const name = requireString('imageName', value, 'imageName: "my-app:1.0.0"');
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
  const reference = requireString('baseImage', value, `baseImage: "python:${DEFAULTS.pythonVersion}-slim"`);
  if (reference.length > 512 || !IMAGE_REFERENCE.test(reference)) {
    throw new OptionError(
      'baseImage',
      value,
      'It must be an OCI image reference: name, optional :tag, optional @sha256: and 64 lower-case hex digits (or sha384: 96, sha512: 128)',
      `baseImage: "python:${DEFAULTS.pythonVersion}-slim@sha256:<64 hex digits>"`,
    );
  }
  return reference;
}

export function checkPipenvVersion(value: unknown): string {
  const version = requireString('pipenvVersion', value, `pipenvVersion: "${DEFAULTS.pipenvVersion}"`);
  if (pep440.valid(version.trim()) === null || version !== version.trim()) {
    throw new OptionError('pipenvVersion', value, 'It must be an exact PEP 440 version', `pipenvVersion: "${DEFAULTS.pipenvVersion}"`);
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

export function editDistance(a: string, b: string): number {
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

/**
 * A warning when `baseImage` is an official-style `python` image whose tag names another
 * Python than `pythonVersion` (for example `python:3.9-slim` with "3.12"), or undefined.
 * Other images say nothing about their Python in the name, so they are not judged.
 */
export function baseImageMismatch(baseImage: string, pythonVersion: string): string | undefined {
  const match = /(?:^|\/)python:(\d+)\.(\d+)(?![\d])[^@]*(?:@.*)?$/.exec(baseImage);
  if (!match) return undefined;
  const tagVersion = `${match[1]}.${match[2]}`;
  if (tagVersion === pythonVersion) return undefined;
  return (
    `baseImage "${baseImage}" is Python ${tagVersion}, but pythonVersion is "${pythonVersion}" (the Pipfile's python_version): ` +
    `the builder's Pipenv and the lock expect ${pythonVersion}. Set baseImage to a Python ${pythonVersion} image, or pythonVersion to "${tagVersion}".`
  );
}

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const SCRIPT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const SOURCE_KEYS = ['name', 'url', 'verifySsl'];

export function requireObject(option: string, value: unknown, example: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OptionError(option, value, 'It must be an object', example);
  }
  return value as Record<string, unknown>;
}

export function refuseUnknownKeys(option: string, value: Record<string, unknown>, known: readonly string[], example: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new OptionError(option, value, `"${unknown}" is not one of its fields (${known.join(', ')})`, example);
  }
}

/** A resolved package index: every field set. */
export interface ResolvedSource {
  readonly name: string;
  readonly url: string;
  readonly verifySsl: boolean;
}

export function checkPipfileSources(value: unknown, option = 'pipfileSources'): ResolvedSource[] {
  const sourceExample = (url: string) => (option === 'pipfileSources'
    ? `pipfileSources: [{ name: "${PYPI_SOURCE.name}", url: "${PYPI_SOURCE.url}" }, { name: "internal", url: "${url}" }]`
    : callExample(option, `{ name: "internal", url: "${url}" }`));
  const example = sourceExample('https://pypi.internal.example/simple');
  if (!Array.isArray(value) || value.length === 0) {
    throw new OptionError(option, value, 'It must be a list of at least one { name, url, verifySsl? }', example);
  }
  const names = new Set<string>();
  return value.map((entry) => {
    const source = requireObject(option, entry, example);
    // a message never repeats a credential
    const shown = typeof source.url === 'string' && redactedUrl(source.url) !== source.url ? { ...source, url: redactedUrl(source.url) } : entry;
    refuseUnknownKeys(option, shown as Record<string, unknown>, SOURCE_KEYS, example);
    const { name, url, verifySsl = true } = source;
    if (typeof name !== 'string' || !SOURCE_NAME.test(name) || names.has(name)) {
      throw new OptionError(option, shown, 'Each source needs its own name of letters, digits and . _ -', example);
    }
    if (typeof url !== 'string' || !isHttpUrl(url)) {
      throw new OptionError(option, shown, 'Each url must be an http(s) URL without spaces, quotes or control characters', example);
    }
    const credentials = credentialProblem(url);
    if (credentials !== undefined) {
      throw new OptionError(option, shown, credentials, sourceExample(CREDENTIALS_URL_EXAMPLE));
    }
    if (isPlainHttpToAnotherHost(url)) {
      throw new OptionError(
        option,
        shown,
        'Plain http:// is unencrypted, so packages and credentials can be read and changed on the way: use https:// ' +
          '(http:// only for a loopback host, localhost, 127.0.0.0/8 or [::1], which pip trusts too)',
        example,
      );
    }
    names.add(name);
    return { name, url, verifySsl: checkBoolean(`${option}.${name}.verifySsl`, verifySsl) };
  });
}

/** A private index's URL with its credentials from the environment, for the messages. */
export const CREDENTIALS_URL_EXAMPLE = 'https://${INDEX_USER}:${INDEX_PASSWORD}@pypi.internal.example/simple';

/** Variable names pip (PIP_*) or Pipenv (PIPENV_*) read as their own settings. */
const TOOL_SETTING_VARIABLE = /^PIP(ENV)?_/;
/** The variable names pip expands in a requirements file (what the image build installs from). */
const PIP_EXPANDED_NAME = /^[A-Z_][A-Z0-9_]*$/;

/**
 * What is wrong with a source URL's credentials, as a rule clause, or undefined. The Pipfile
 * and its lock are committed, so a credential may only be written as environment variables
 * in the user:password part, which Pipenv expands when it locks and which the image build
 * gets as build secrets (pip expands them in the exported requirements).
 */
function credentialProblem(url: string): string | undefined {
  const parts = urlParts(url);
  if (parts === undefined) return undefined;
  if (parts.userinfo !== undefined) {
    const names = referencedNames(parts.userinfo);
    if (names.some((name) => name === undefined)) {
      return 'The url holds a credential (the user:password before "@"), and the Pipfile and its lock are committed: ' +
        'write the user and the password as environment variables instead, ${NAME}, which Pipenv expands when it locks and the image build gets as build secrets';
    }
    const lowerCase = names.find((name) => !PIP_EXPANDED_NAME.test(name!));
    if (lowerCase !== undefined) {
      return `"\${${lowerCase}}" would stay unexpanded in the image build: pip, which installs the lock there, expands only \${NAME} with upper-case letters, digits and _`;
    }
    const toolSetting = names.find((name) => TOOL_SETTING_VARIABLE.test(name!));
    if (toolSetting !== undefined) {
      return `"\${${toolSetting}}" is a setting of pip or Pipenv: pip reads every PIP_* variable as one of its options (PIP_USER=alice is pip install --user=alice, which fails) ` +
        'and Pipenv every PIPENV_* one; use another name, such as INDEX_USER and INDEX_PASSWORD';
    }
    // the generated CI writes the name as a key in the workflow, which projen's writer leaves unquoted
    const yamlScalar = names.find((name) => needsQuotesForYaml11(name!));
    if (yamlScalar !== undefined) {
      return `"\${${yamlScalar}}" is a boolean or null to YAML 1.1 readers (PyYAML, kubectl's decoder) where the generated CI passes it as an environment variable; ` +
        'use a name that reads as a word, such as INDEX_USER and INDEX_PASSWORD';
    }
  }
  if (hasReference(parts.hostinfo + parts.rest)) {
    return 'Environment variables are supported only as the user and the password ("${INDEX_USER}:${INDEX_PASSWORD}@"): ' +
      'the image build passes only those, so a variable in the host, path or query would stay unexpanded there';
  }
  const queryKey = credentialQueryKey(parts.rest);
  if (queryKey !== undefined) {
    return `The query parameter "${queryKey}" holds a credential, and the Pipfile and its lock are committed: ` +
      'give it as the password instead, from an environment variable (user:password before "@")';
  }
  return undefined;
}

/** http:// to a host that is not loopback. */
function isPlainHttpToAnotherHost(url: string): boolean {
  return new URL(url).protocol === 'http:' && !isLoopbackHost(new URL(url).hostname);
}

function isHttpUrl(text: string): boolean {
  if (INVISIBLE_OR_CONTROL.test(text) || /[\s"'\\<>`]/.test(text)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * @param packageNames every package of packages and devPackages
 * @param sourceNames the names of pipfileSources
 */
export function checkPackageIndexes(
  value: unknown,
  packageNames: readonly string[],
  sourceNames: readonly string[],
  method?: string,
): Record<string, string> {
  const example = method ? callExample(method, '"internal-lib", "*", "internal"') : 'packageIndexes: { "internal-lib": "internal" }';
  const indexes = requireObject('packageIndexes', value, example);
  const byCanonical = new Map(packageNames.map((name) => [canonicalPackageName(name), name]));
  const result: Record<string, string> = {};
  for (const [name, source] of Object.entries(indexes)) {
    const declared = byCanonical.get(canonicalPackageName(name));
    if (declared === undefined) {
      throw new OptionError(method ?? 'packageIndexes', name, `"${name}" is not in packages or devPackages; add it there first`, example);
    }
    if (typeof source !== 'string' || !sourceNames.includes(source)) {
      throw new OptionError(method ?? `packageIndexes.${name}`, source, `It must name one of pipfileSources: ${sourceNames.map((s) => `"${s}"`).join(', ')}`, example);
    }
    result[declared] = source;
  }
  return result;
}

export function checkPipfileScripts(value: unknown, method?: string): Record<string, string> {
  const example = method ? callExample(method, `"serve", "streamlit run ${DEFAULTS.appEntrypoint}"`) : `pipfileScripts: { serve: "streamlit run ${DEFAULTS.appEntrypoint}" }`;
  const scripts = requireObject(method ?? 'pipfileScripts', value, example);
  for (const [name, command] of Object.entries(scripts)) {
    if (!SCRIPT_NAME.test(name)) {
      throw new OptionError(method ?? 'pipfileScripts', name, 'Script names are letters, digits and . _ : -', example);
    }
    if (typeof command !== 'string' || command.trim() === '' || INVISIBLE_OR_CONTROL.test(command)) {
      throw new OptionError(method ?? `pipfileScripts.${name}`, command, 'It must be a one-line command', example);
    }
  }
  return scripts as Record<string, string>;
}

export function checkPipenvSettings(value: unknown): Record<string, boolean> {
  const example = 'pipenvSettings: { allowPrereleases: true }';
  const settings = requireObject('pipenvSettings', value, example);
  refuseUnknownKeys('pipenvSettings', settings, Object.keys(PIPENV_SETTING_KEYS), example);
  return Object.fromEntries(Object.entries(settings).map(([key, setting]) => [key, checkBoolean(`pipenvSettings.${key}`, setting)]));
}

export function checkGitignore(value: unknown): string[] {
  const lines = checkList('gitignore', value, /^.+$/, 'Each entry is one .gitignore pattern', 'gitignore: ["logs/", "*.sqlite"]');
  // a tab is an ordinary pattern character to git
  const bad = lines.find((line) => line.trim() === '' || line.trim().startsWith('#') || INVISIBLE_IN_NAME.test(line.replace(/\t/g, '')));
  if (bad !== undefined) {
    throw new OptionError('gitignore', bad, 'Each entry is one pattern: not blank, not a comment, without control or invisible characters other than a tab', 'gitignore: ["logs/", "*.sqlite"]');
  }
  return lines;
}
