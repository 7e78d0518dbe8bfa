/** A resolved package index: every field set. */
export interface ResolvedSource {
  readonly name: string;
  readonly url: string;
  readonly verifySsl: boolean;
}

/** Public PyPI, the source a Pipfile has by default (and Pipenv assumes when it names none). */
export const PYPI_SOURCE: ResolvedSource = { name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true };

/** A source as the Pipfile's `[[source]]` table writes it. */
export function pipfileSourceTable({ name, url, verifySsl }: ResolvedSource): { url: string; verify_ssl: boolean; name: string } {
  return { url, verify_ssl: verifySsl, name };
}
