import { DEFAULTS } from '../defaults';
import { OptionError, requireString } from '../validation';

const APP_ENTRYPOINT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*\.py$/;

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
