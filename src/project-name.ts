import { hasInvisibleCharacter, OptionError, requireString } from './validation';

export function checkProjectName(value: unknown): string {
  const name = requireString('name', value, 'name: "my-streamlit-app"');
  if (name.trim().length === 0 || name.length > 100 || hasInvisibleCharacter(name) || /["\\`$]/.test(name)) {
    throw new OptionError(
      'name',
      value,
      'It must be 1 to 100 characters, not only spaces, without control or invisible characters (such as bidi overrides, zero-width spaces or the Hangul filler U+3164), spaces other than the plain one, quotes, backslashes, backticks or $',
      'name: "my-streamlit-app"',
    );
  }
  return name;
}

/** A lower-case slug of a project name ("My App" gives "my-app"): the default image and package name. */
export function slugOf(projectName: string): string {
  const slug = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'streamlit-app';
}
