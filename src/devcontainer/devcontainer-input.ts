import { DEFAULTS } from '../defaults';
import { credentialQueryKey, redactedUrl, urlParts } from '../util/url-credentials';
import { callExample, checkList, hasInvisibleCharacter, isMethodLabel, isOneLine, OptionError, requireObject } from '../validation';

// An OCI reference of a Feature ("ghcr.io/devcontainers/features/node:1"), a local Feature in
// .devcontainer/ ("./my-feature"), or an https URL of a Feature tarball: the spec's three kinds.
const OCI_FEATURE = /^[a-z0-9]+(?:[.-][a-z0-9]+)*(?::\d+)?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)+(?::[\w][\w.-]*|@sha256:[0-9a-f]{64})?$/;
const LOCAL_FEATURE = /^\.\/(?!\.\.?(?:\/|$))[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:\/(?!\.\.?(?:\/|$))[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;
const TARBALL_FEATURE = /^https:\/\/[^\s"'\\<>`]+\.tgz$/;
// Feature option ids, as devcontainer-feature.json declares them.
const FEATURE_OPTION = /^[A-Za-z0-9_]+$/;
const COMMAND_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const FEATURES_EXAMPLE = 'devcontainerFeatures: { "ghcr.io/devcontainers/features/docker-outside-of-docker:1": {}, "./local-feature": { version: "2" } }';

/** Features by id, each with its options (strings and booleans, as the spec allows). */
export function checkFeatures(option: string, value: unknown, example = FEATURES_EXAMPLE): Record<string, Record<string, string | boolean>> {
  const features = requireObject(option, value, example);
  const result: Record<string, Record<string, string | boolean>> = {};
  for (const [id, featureOptions] of Object.entries(features)) {
    if (hasInvisibleCharacter(id) || !(OCI_FEATURE.test(id) || LOCAL_FEATURE.test(id) || TARBALL_FEATURE.test(id))) {
      throw new OptionError(
        option,
        redactedUrl(id),
        'A Feature is an OCI reference (ghcr.io/OWNER/REPO/NAME:VERSION), a folder in .devcontainer/ written "./NAME", or an https URL of a .tgz',
        example,
      );
    }
    if (TARBALL_FEATURE.test(id)) checkTarballUrl(option, id, example);
    const label = isMethodLabel(option) ? option : `${option}.${id}`;
    const given = requireObject(label, featureOptions ?? {}, example);
    for (const [key, setting] of Object.entries(given)) {
      if (!FEATURE_OPTION.test(key) || !(typeof setting === 'boolean' || isOneLine(setting))) {
        throw new OptionError(label, { [key]: setting }, 'Feature options are ids of letters, digits and _, with a string or boolean value', example);
      }
    }
    result[id] = given as Record<string, string | boolean>;
  }
  return result;
}

/**
 * A Feature tarball URL carries no credential: devcontainer.json is committed, and the Dev
 * Containers CLI expands no variables in Feature ids (its substitution covers values, not
 * keys) and prints the URL it fetches.
 */
function checkTarballUrl(option: string, id: string, example: string): void {
  const parts = urlParts(id);
  const queryKey = parts && credentialQueryKey(parts.rest);
  if (parts?.userinfo === undefined && queryKey === undefined) return;
  throw new OptionError(
    option,
    redactedUrl(id),
    `A Feature URL cannot carry a credential (${queryKey === undefined ? 'a user or password before "@"' : `the query parameter "${queryKey}"`}): ` +
      'devcontainer.json is committed, and the Dev Containers CLI expands no variables in Feature ids and prints the URL it fetches; ' +
      'serve the .tgz without a credential, or publish the Feature to an OCI registry you log in to (docker login)',
    example,
  );
}

/** A named command of `postCreateCommand`'s object form: the program and its arguments, no shell. */
export function checkNamedCommand(method: string, name: unknown, command: readonly unknown[]): string[] {
  const example = callExample(method, '"pre-commit", "pipenv", "run", "pre-commit", "install"');
  if (typeof name !== 'string' || !COMMAND_NAME.test(name)) {
    throw new OptionError(method, name, 'The command needs a name of letters, digits and _ . : -', example);
  }
  if (command.length === 0 || command.some((arg) => !isOneLine(arg) || arg === '')) {
    throw new OptionError(method, command, 'The command is a program and its arguments, each a non-empty one-line string (no shell)', example);
  }
  return command as string[];
}

/** A port to forward from the dev container: any TCP port, since services there may run as root. */
export function checkForwardPort(method: string, value: unknown, forwarded: readonly number[]): number {
  const example = callExample(method, '5432, { label: "Postgres", onAutoForward: PortAutoForward.SILENT }');
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new OptionError(method, value, 'It must be a whole number from 1 to 65535', example);
  }
  if (forwarded.includes(value)) {
    throw new OptionError(method, value, `Port ${value} is forwarded already (the app's port comes from the port option)`, example);
  }
  return value;
}

export function checkPortLabel(method: string, value: unknown): string {
  if (!isOneLine(value) || value.trim() === '') {
    throw new OptionError(method, value, 'A port label is a one-line string', callExample(method, '5432, { label: "Postgres" }'));
  }
  return value;
}

const VSCODE_EXTENSION = /^[A-Za-z0-9][A-Za-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9-]*$/;

export function checkVscodeExtensions(value: unknown, option = 'vscodeExtensions', example = `vscodeExtensions: ["${DEFAULTS.vscodeExtensions[0]}"]`): string[] {
  return checkList(option, value, VSCODE_EXTENSION, 'Extension ids are "publisher.name"', example);
}
