import { spawnSync } from 'child_process';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { needsQuotesForYaml11, stringifyYaml } from '../../src/files/yaml-scalars';
import { onPath } from '../../src/util/on-path';
import { describeWhenAvailable } from '../e2e/harness/prerequisites';
import { pyyamlPython } from '../e2e/harness/python-tools';
import { propertyRuns } from '../property-runs';

const kubectl = onPath('kubectl');
const pyyaml = pyyamlPython();

/** The special plain scalars of YAML 1.1 (and of go-yaml v2 under kubectl), each by name. */
const SPECIAL_SCALARS = [
  // bool, incl. the one-letter forms
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  // null
  '~', 'null', 'Null', 'NULL', '',
  // int: binary, octal (1.1 and 1.2 forms), decimal, hex, sexagesimal, with underscores and signs; Go's base prefixes
  '0b101', '-0b1_0', '0B101', '012', '0_7', '0o17', '0O17', '1_000', '+1_000', '-12', '0', '1_', '0x1F', '0x_1f', '0X1F', '0_x1F', '1:20', '190:20:30', '-1:59',
  // float: decimal, exponent, sexagesimal, infinities, not-a-number
  '1.5', '3.11', '1_000.5', '1.', '.5', '6.8523015e+5', '685.230_15e+03', '1e3', '1_e3', '190:20:30.15', '.inf', '.Inf', '.INF', '+.inf', '-.inf', '-.Inf', '.nan', '.NaN', '.NAN',
  // timestamp
  '2001-12-14', '2002-1-2', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-15T02:59:43.1Z', '2001-12-15 2:59:43.10',
  // merge and value
  '<<', '=',
];

/** Strings near the special ones: a sign, digits, base prefixes, separators and letters of the special words, in random order. */
const NEAR_SPECIAL = fc.oneof(
  fc.constantFrom(...SPECIAL_SCALARS),
  fc.string({ unit: fc.constantFrom(...'0123456789_+-.:eExXoObB~<=yYnNtTZ aAfFiIlLsSuUrR'), maxLength: 12 }),
  fc.tuple(fc.constantFrom('', '+', '-'), fc.constantFrom('', '0', '0b', '0B', '0o', '0O', '0x', '0X', '_'), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF_'), minLength: 1, maxLength: 8 }))
    .map((parts) => parts.join('')),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.array(fc.integer({ min: 0, max: 59 }), { minLength: 1, maxLength: 3 }), fc.constantFrom('', '.', '.5', '.1_5'))
    .map(([head, tail, fraction]) => `${head}:${tail.map(String).join(':')}${fraction}`),
  fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('', 'T10:20:30', 't1:02:03.5Z', ' 10:20:30 -5', ' 10:20:30.1+01:00', 'T10:20:30Z'), fc.boolean())
    .map(([year, month, day, time, pad]) => `${year}-${pad ? String(month).padStart(2, '0') : month}-${pad ? String(day).padStart(2, '0') : day}${time}`),
  fc.constantFrom('yes', 'no', 'on', 'off', 'true', 'false', 'null', 'y', 'n', '.inf', '.nan', '<<', '=')
    .chain((word) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''))),
);

/** Each string as a key, as a mapping's value and as a sequence's item. */
function documentOf(value: string): unknown {
  return [{ [value]: value }, value];
}

/** Random text: YAML's indicators, blanks and the characters only YAML 1.1 takes for line breaks, and any code point at all. */
const ANY_TEXT = fc.oneof(
  fc.string({ unit: fc.constantFrom(...' \t\n:#-?,[]{}&*!|>\'"%@`\\\u0085\u2028\u2029\u00a0\ufeff\u007f\u009fab01'), maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

function cases(): string[] {
  const random = [
    ...fc.sample(NEAR_SPECIAL, { numRuns: propertyRuns(3000), seed: 18 }),
    ...fc.sample(ANY_TEXT, { numRuns: propertyRuns(1500), seed: 18 }),
  ];
  return [...new Set([...SPECIAL_SCALARS, 'tab\there', 'line\u2028separator', 'next\u0085line', 'delete\u007f', ...random])];
}

/** What PyYAML's `safe_load` makes of each text: true when it is `documentOf(expected)` with strings only. */
function pyyamlReadsBack(texts: readonly { text: string; expected: string }[]): string[] {
  const script = [
    'import json, sys, yaml',
    'wrong = []',
    'for case in json.load(sys.stdin):',
    '    e = case["expected"]',
    '    try:',
    '        got = yaml.safe_load(case["text"])',
    '    except Exception as error:',
    '        got = "error: %s" % error',
    '    ok = isinstance(got, list) and len(got) == 2 and isinstance(got[0], dict) and list(got[0].items()) == [(e, e)] and type(list(got[0])[0]) is str and type(got[0][e]) is str and type(got[1]) is str and got[1] == e',
    '    if not ok: wrong.append("%r -> %r" % (e, got))',
    'print(json.dumps(wrong))',
  ].join('\n');
  const result = spawnSync(pyyaml!, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe('stringifyYaml', () => {
  test('quotes what YAML 1.1 readers take for something else, plain in the default writer, named in issue 18', () => {
    for (const value of ['on', 'yes', 'no', 'y', 'n', 'off', '1_000', '0b101', '012', '0o17', '1:20', '2001-12-14', '~', '.inf', '<<', '=']) {
      expect(stringifyYaml({ newTag: value }, { lineWidth: 0 })).toBe(`newTag: "${value}"\n`);
      expect(stringifyYaml({ [value]: 1 }, { lineWidth: 0 })).toBe(`"${value}": 1\n`);
    }
    expect(stringifyYaml([{ name: 'FLAG', value: 'yes' }], { lineWidth: 0 })).toBe('- name: FLAG\n  value: "yes"\n');
  });

  test('writes every other value byte for byte as projen\'s YamlFile does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 80), (value, lineWidth) => {
        const strings: string[] = [];
        JSON.stringify(value, (key, item) => {
          strings.push(key);
          if (typeof item === 'string') strings.push(item);
          return item;
        });
        fc.pre(!strings.some(needsQuotesForYaml11));
        expect(stringifyYaml(value, { lineWidth })).toBe(stringify(value, { indent: 2, lineWidth }));
      }),
      { numRuns: propertyRuns(500), seed: 18 },
    );
    // strings the default writer quotes or writes as a block keep its quoting
    for (const value of ['3.11', '8501', 'true', 'null', 'a: b', ' lead', 'it\'s "x"', 'line\nbreak', '#x', '*', '!', '&']) {
      expect(stringifyYaml({ v: value }, { lineWidth: 0 })).toBe(stringify({ v: value }, { indent: 2, lineWidth: 0 }));
    }
  });

  test('every string, as key and value, reads back as itself with the yaml package in YAML 1.1 mode (merge keys on) and 1.2', () => {
    for (const value of cases()) {
      const text = stringifyYaml(documentOf(value), { lineWidth: 0 });
      expect([value, parse(text, { version: '1.1', merge: true })]).toEqual([value, documentOf(value)]);
      expect([value, parse(text)]).toEqual([value, documentOf(value)]);
    }
  });
});

describeWhenAvailable(
  'stringifyYaml read back by PyYAML',
  { missing: pyyaml ? undefined : 'PyYAML (installed from PyPI on first use, which does not answer)', kind: 'PyYAML tests' },
  () => {
    test('every string, as key and value, is the same string to yaml.safe_load', () => {
      const texts = cases().map((value) => ({ text: stringifyYaml(documentOf(value), { lineWidth: 0 }), expected: value }));
      expect(pyyamlReadsBack(texts)).toEqual([]);
    });

    test('the default writer alone (projen\'s YamlFile) is read otherwise, which is why', () => {
      const texts = ['on', '1_000', '0b101', '1:20', '2001-12-14', '<<', '='].map((value) => ({ text: stringify(documentOf(value)), expected: value }));
      expect(pyyamlReadsBack(texts)).toHaveLength(texts.length);
    });
  },
);

describeWhenAvailable(
  'stringifyYaml read back by kubectl (sigs.k8s.io/yaml on go-yaml v2)',
  { missing: kubectl ? undefined : 'kubectl (apt-get install kubernetes-client)', kind: 'kubectl tests' },
  () => {
    test('every string, as a ConfigMap key and value, is the same string to kubectl\'s decoder', () => {
      const values = cases().filter((value) => value !== '');
      const items = values.map((value, index) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${index}` }, data: { [value]: value } }));
      const text = stringifyYaml({ apiVersion: 'v1', kind: 'List', items }, { lineWidth: 0 });
      const result = spawnSync('kubectl', ['label', '--local', '-f', '-', 'checked=yes', '-o', 'json'], {
        input: text,
        encoding: 'utf-8',
        env: { ...process.env, KUBECONFIG: '/dev/null' },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(result.stderr).toBe('');
      // one pretty-printed JSON object per item of the List
      const decoded: any[] = JSON.parse(`[${result.stdout.replace(/^}\n{$/gm, '},{')}]`);
      expect(decoded).toHaveLength(values.length);
      const wrong = decoded.filter((item, index) => JSON.stringify(item.data) !== JSON.stringify({ [values[index]]: values[index] }));
      expect(wrong.map((item) => JSON.stringify(item.data))).toEqual([]);
    });
  },
);
