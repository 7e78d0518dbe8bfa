import { DEFAULTS } from '../defaults';
import { OptionError, requireString } from '../validation';

/** An image name split at its tag: `registry.example.com:5000/team/app:1.0` gives `registry.example.com:5000/team/app` and `1.0`. */
export interface ImageReference {
  readonly repository: string;
  readonly tag?: string;
}

export function splitImageName(name: string): ImageReference {
  const colon = name.lastIndexOf(':');
  // a colon before the last slash belongs to a registry port, not a tag
  if (colon < 0 || colon < name.lastIndexOf('/')) return { repository: name };
  return { repository: name.slice(0, colon), tag: name.slice(colon + 1) };
}

/** The registry host of an image name, when its first component names one (has a dot or a port, or is localhost). */
export function registryHost(name: string): string | undefined {
  const slash = name.indexOf('/');
  if (slash < 0) return undefined;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

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
