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
