import * as pep440 from '@renovatebot/pep440';
import { canonicalPackageName } from './pipfile-hash';
import { DEFAULTS } from '../defaults';
import { callExample, isMethodLabel, isOneLine, OptionError, requireString } from '../validation';

// PEP 508 distribution names.
const PYTHON_PACKAGE_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;

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
  if (!isOneLine(specifier.replace(/[\t\n\r\f\v]/g, ' '))) return false;
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

export function checkPipenvVersion(value: unknown): string {
  return checkExactVersion('pipenvVersion', value, DEFAULTS.pipenvVersion);
}

export function checkUvVersion(value: unknown): string {
  return checkExactVersion('uvVersion', value, DEFAULTS.uvVersion);
}

/** A tool pinned to one release from PyPI: an exact PEP 440 version. */
function checkExactVersion(option: 'pipenvVersion' | 'uvVersion', value: unknown, example: string): string {
  const version = requireString(option, value, `${option}: "${example}"`);
  if (pep440.valid(version.trim()) === null || version !== version.trim()) {
    throw new OptionError(option, value, 'It must be an exact PEP 440 version', `${option}: "${example}"`);
  }
  return version;
}
