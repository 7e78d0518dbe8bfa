/**
 * The shared rules of option values: each check throws an `OptionError` that names the
 * option, the bad value, the rule and a correct example. The rules of one component's
 * options live with that component (`docker/`, `pipenv/`, `devcontainer/`, ...).
 */

import { DevstackError } from './errors';

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

export function requireString(option: string, value: unknown, example: string): string {
  if (typeof value !== 'string') {
    throw new OptionError(option, value, 'It must be a string', example);
  }
  return value;
}

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

export function checkList(option: string, value: unknown, pattern: RegExp, rule: string, example: string): string[] {
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
 * A component's options resolver (defaults applied, every value checked) that checks a
 * value once: the project type resolves a component's options before any component exists
 * and hands the result to the component, whose constructor resolves what it is given, so
 * a result it made before comes back as it is. Used alone, the component checks its options.
 */
export function resolvedOnce<I extends object, O extends object, C extends unknown[]>(
  resolve: (options: I, ...context: C) => O,
): (options: I, ...context: C) => O {
  const resolved = new WeakSet<object>();
  return (options, ...context) => {
    if (resolved.has(options)) return options as unknown as O;
    const result = Object.freeze(resolve(options, ...context));
    resolved.add(result);
    return result;
  };
}
