import { Document, Scalar, stringify, visit } from 'yaml';

/**
 * Plain scalars that PyYAML's resolver (`yaml.safe_load`, YAML 1.1) reads as something
 * other than a string: its bool, float, int, merge, null, timestamp and value patterns.
 */
const PYYAML_NON_STRINGS: readonly RegExp[] = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:<<|=|~|null|Null|NULL|)$/,
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
];

/**
 * go-yaml v2 (under kubectl's sigs.k8s.io/yaml) drops every `_` of a scalar that starts with
 * a digit, sign or dot, then tries Go's `strconv.ParseInt(s, 0, 64)`: `0O17`, `0X1F`,
 * `0B101` and `0_x1F` are numbers there, though not in YAML 1.1.
 */
const GO_YAML_V2_NUMBER = /^[-+]?(?:0[bB][01]+|0[oO][0-7]+|0[xX][0-9a-fA-F]+|[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$/;
/** go-yaml v2's timestamps: four digits, `-`, then Go's `2006-1-2` with an optional time. */
const GO_YAML_V2_TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]*)?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$/;

/** go-yaml v2's booleans beyond PyYAML's (YAML 1.1's one-letter forms). */
const GO_YAML_V2_BOOL = /^(?:y|Y|n|N)$/;

function goYamlV2NonString(value: string): boolean {
  if (GO_YAML_V2_BOOL.test(value)) return true;
  if (!/^[-+0-9.]/.test(value)) return false;
  return GO_YAML_V2_NUMBER.test(value.replace(/_/g, '')) || GO_YAML_V2_TIMESTAMP.test(value);
}

/**
 * Characters PyYAML refuses in a stream (C1 controls, `U+FFFE`, ...) or reads as line breaks
 * (YAML 1.1's NEL, LS and PS); the `yaml` package writes them raw, even between double quotes.
 */
const RAW_UNREADABLE = /[\u0085\u2028\u2029]|[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;
/** Strings that must be double-quoted (and those characters escaped there); PyYAML also refuses a tab in a plain scalar. */
const UNREADABLE_UNQUOTED = /[\t\u0085\u2028\u2029]|[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

/** `\xXX` or `\uXXXX`: an escape that means the same in YAML 1.1 and 1.2 double-quoted scalars. */
function escaped(character: string): string {
  const code = character.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

function writtenPlain(value: string, version: '1.1' | '1.2'): boolean {
  return stringify(value, { version }) === `${value}\n`;
}

/**
 * True when `value`, written as a plain scalar the way the `yaml` package writes it by
 * default (YAML 1.2), would be read back as something other than that string by a
 * YAML 1.1 reader: the `yaml` package in 1.1 mode, PyYAML or kubectl's go-yaml v2 (`on`,
 * `y`, `1_000`, `0o17`, `2001-12-14`, `<<`, ...), or that holds a character PyYAML reads
 * only escaped between double quotes (a tab, NEL, LS, PS, a C1 control). Other strings the
 * default already quotes, or writes as a block, are not counted: their quoting is left as it is.
 */
export function needsQuotesForYaml11(value: string): boolean {
  let needs = judged.get(value);
  if (needs === undefined) {
    needs = judge(value);
    // the manifests repeat the same few hundred strings on every synth; two `stringify` calls each would be most of its time
    if (judged.size >= JUDGED_MAX) judged.clear();
    judged.set(value, needs);
  }
  return needs;
}

const JUDGED_MAX = 10_000;
const judged = new Map<string, boolean>();

function judge(value: string): boolean {
  if (UNREADABLE_UNQUOTED.test(value)) return true;
  if (!writtenPlain(value, '1.2')) return false;
  return !writtenPlain(value, '1.1') || PYYAML_NON_STRINGS.some((pattern) => pattern.test(value)) || goYamlV2NonString(value);
}

/** What `stringifyYaml` writes: projen's `YamlFile` settings. */
export interface StringifyYamlOptions {
  /** Maximum line width (0: no folding). */
  readonly lineWidth: number;
}

/**
 * `value` as YAML, exactly as projen's `YamlFile` writes it (the `yaml` package, indent 2),
 * except that every string, key or value, that a YAML 1.1 reader would read as something
 * else is double-quoted (`newTag: "on"`, `value: "yes"`).
 */
export function stringifyYaml(value: unknown, options: StringifyYamlOptions): string {
  const toString = { indent: 2, lineWidth: options.lineWidth };
  const document = new Document(value);
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && needsQuotesForYaml11(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // such characters are in double-quoted strings only (quoted above), where an escape means the character itself
  return document.toString(toString).replace(RAW_UNREADABLE, escaped);
}
