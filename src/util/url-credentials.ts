/**
 * The parts of a URL that matter for credentials (package indexes, Feature tarballs),
 * read the way Pipenv reads a source URL (`expand_url_credentials` in pipenv/utils/shell.py: the userinfo is what
 * comes before the LAST "@" of the authority, and `${NAME}` and `$NAME` are expanded).
 */

/** A `${NAME}` or `$NAME` reference, as Pipenv expands it in a source URL. */
const REFERENCE = /^\$\{([^}]*)\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/;
/** Any `${...}` or `$NAME` in a text. */
const ANY_REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_]/;
/**
 * Query parameters that carry a credential (`?token=...`, `?api_key=...`), by name.
 */
const CREDENTIAL_QUERY_KEY = /(^|[_.-])(token|key|apikey|secret|password|passwd|pwd|auth|authorization|credentials?|sig|signature)$/i;

/** The parts of a URL: scheme, userinfo (undefined without "@"), host and the rest (path, query, fragment). */
export interface UrlParts {
  readonly scheme: string;
  readonly userinfo?: string;
  readonly hostinfo: string;
  readonly rest: string;
}

export function urlParts(url: string): UrlParts | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url);
  if (!match) return undefined;
  const [, scheme, authority, rest] = match;
  const at = authority.lastIndexOf('@');
  return at < 0
    ? { scheme: scheme.toLowerCase(), hostinfo: authority, rest }
    : { scheme: scheme.toLowerCase(), userinfo: authority.slice(0, at), hostinfo: authority.slice(at + 1), rest };
}

/**
 * The userinfo's parts (user, and password after the first ":"), each as the variable
 * name it references, or undefined when a part is not exactly one `${NAME}` / `$NAME`.
 */
export function referencedNames(userinfo: string): Array<string | undefined> {
  const colon = userinfo.indexOf(':');
  const parts = colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  return parts.map((part) => {
    const match = REFERENCE.exec(part);
    return match ? match[1] ?? match[2] : undefined;
  });
}

/** Whether a text holds a `${...}` or `$NAME` reference. */
export function hasReference(text: string): boolean {
  return ANY_REFERENCE.test(text);
}

/** The first query parameter whose name says it is a credential (`token`, `api_key`...), or undefined. */
export function credentialQueryKey(rest: string): string | undefined {
  const query = /\?([^#]*)/.exec(rest)?.[1];
  if (!query) return undefined;
  return query
    .split('&')
    .map((pair) => decodeURIComponentSafe(pair.split('=')[0]))
    .find((key) => CREDENTIAL_QUERY_KEY.test(key));
}

/**
 * The URL with a literal userinfo and credential query values shown as "***", so a message
 * never repeats a credential (a userinfo of variable references stays, since it holds none).
 */
export function redactedUrl(url: string): string {
  const parts = urlParts(url);
  if (parts === undefined) return url;
  const rest = parts.rest.replace(/([?&])([^=&#]*)=([^&#]*)/g, (pair, separator: string, key: string) =>
    (CREDENTIAL_QUERY_KEY.test(decodeURIComponentSafe(key)) ? `${separator}${key}=***` : pair));
  const literal = parts.userinfo !== undefined && referencedNames(parts.userinfo).some((name) => name === undefined);
  const userinfo = parts.userinfo === undefined ? '' : literal ? '***@' : `${parts.userinfo}@`;
  return `${url.slice(0, url.indexOf('://') + 3)}${userinfo}${parts.hostinfo}${rest}`;
}

/** Whether a URL host is loopback: localhost, 127.0.0.0/8 or [::1] (pip trusts the same hosts over http). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * The environment variables the URLs' userinfo references (`${INDEX_USER}` gives
 * `INDEX_USER`), sorted, without repeats: what the lock and the image build need set.
 */
export function credentialVariables(urls: readonly string[]): string[] {
  const names = urls.flatMap((url) => {
    const userinfo = urlParts(url)?.userinfo;
    return userinfo === undefined ? [] : referencedNames(userinfo).filter((name): name is string => name !== undefined);
  });
  return [...new Set(names)].sort();
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
