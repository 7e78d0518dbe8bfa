import { canonicalPackageName } from './pipfile-hash';
import { PYPI_SOURCE, ResolvedSource } from './pipfile-tables';
import { DEFAULTS } from '../defaults';
import { needsQuotesForYaml11 } from '../files/yaml-scalars';
import { credentialQueryKey, hasReference, isLoopbackHost, redactedUrl, referencedNames, urlParts } from '../util/url-credentials';
import { callExample, checkBoolean, isOneLine, OptionError, refuseUnknownKeys, requireObject } from '../validation';

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const SCRIPT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

const SOURCE_KEYS = ['name', 'url', 'verifySsl'];

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
  if (!isOneLine(text) || /[\s"'\\<>`]/.test(text)) return false;
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
    if (typeof command !== 'string' || command.trim() === '' || !isOneLine(command)) {
      throw new OptionError(method ?? `pipfileScripts.${name}`, command, 'It must be a one-line command', example);
    }
  }
  return scripts as Record<string, string>;
}
