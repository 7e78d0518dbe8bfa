import * as fc from 'fast-check';
import { ContainerEngine } from '../../src';
import { CheckedTool, decodePreflight, PREFLIGHT, PreflightCheck, preflightCommand } from '../../src/contracts/preflight-protocol';
import { propertyParameters } from '../property-runs';

/** Text a task could carry: shell and argument-parser metacharacters, spaces, line breaks, unicode, look-alike check words. */
const awkward = fc.oneof(
  fc.constantFrom(' ', '  leading', 'trailing ', 'two words', 'line\nbreak', 'tab\there', '"quoted"', "'single'", '$(id)', '`id`', '--help', '-', '=', 'tool', 'engine', 'secret', 'unchanged', 'ü日本🚀', '\u2028', 'a\\b'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
);

const CHECKS: fc.Arbitrary<PreflightCheck> = fc.oneof(
  awkward.map((version): PreflightCheck => ({ kind: 'pipenv', version })),
  awkward.map((version): PreflightCheck => ({ kind: 'uv', version })),
  fc.constantFrom<CheckedTool>('kubectl', 'hadolint', 'kustomize', 'kube-score').map((tool): PreflightCheck => ({ kind: 'tool', tool })),
  fc.constantFrom(...Object.values(ContainerEngine)).map((engine): PreflightCheck => ({ kind: 'engine', engine })),
  fc.constant<PreflightCheck>({ kind: 'lockfile' }),
  fc.constant<PreflightCheck>({ kind: 'unchanged' }),
  awkward.map((name): PreflightCheck => ({ kind: 'secret', name })),
  awkward.map((image): PreflightCheck => ({ kind: 'registry', image })),
);

describe('the preflight protocol: what a task writes is what the bin reads', () => {
  test('round trip: format then parse gives back the same check, awkward text included', () => {
    fc.assert(
      fc.property(CHECKS, (check) => {
        const [bin, ...args] = preflightCommand(check);
        expect(bin).toBe(PREFLIGHT);
        expect(decodePreflight(args)).toEqual(check);
      }),
      propertyParameters(1000),
    );
  });

  test('every kind of check round-trips (the examples, one per kind)', () => {
    const examples: PreflightCheck[] = [
      { kind: 'pipenv', version: '2026.0.3' },
      { kind: 'tool', tool: 'kube-score' },
      { kind: 'engine', engine: ContainerEngine.PODMAN },
      { kind: 'lockfile' },
      { kind: 'unchanged' },
      { kind: 'secret', name: 'cookie secret\nwith "quotes"' },
      { kind: 'registry', image: 'registry.example.com:5000/team/app:1.0@sha256:' + 'a'.repeat(64) },
    ];
    for (const check of examples) expect(decodePreflight(preflightCommand(check).slice(1))).toEqual(check);
  });

  test('arguments that are no check\'s encoding are refused with the usage, never read as another check', () => {
    const refusals: string[][] = [
      [],
      ['tool'],
      ['tool', 'pipenv'],
      ['tool', 'pipenv', ''],
      ['tool', 'docker'],
      ['tool', 'kubectl', 'extra'],
      ['engine', 'Docker'],
      ['lockfile', 'extra'],
      ['secret'],
      ['secret', ''],
      ['secret', 'a', 'b'],
      ['registry'],
      ['unknown'],
    ];
    for (const args of refusals) {
      const decoded = decodePreflight(args);
      expect(typeof decoded).toBe('string');
      expect(decoded).toContain(`unknown check "${args.join(' ')}"`);
      expect(decoded).toContain('expected: tool pipenv VERSION');
    }
  });
});
