import { spawnSync } from 'child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, symlinkSync } from 'fs';
import { dirname, join } from 'path';
import { tempDir } from './util';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

/** A copy of src/ and the layering rules in a folder of its own, where a test may plant an import. */
function checkout(): string {
  const dir = tempDir('devstack-layers-');
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true });
  for (const file of ['.dependency-cruiser.cjs', 'tsconfig.json']) copyFileSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** What `npx projen layers` checks, in `dir`, as depcruise's JSON report. */
function layersCheck(dir: string): { errors: number; violations: Violation[] } {
  const run = spawnSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: dir, encoding: 'utf-8', maxBuffer: 64 * 2 ** 20 });
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[]; error: number } };
  // the task's --output-type err exits with the count of error-severity violations
  return { errors: report.summary.error, violations: report.summary.violations };
}

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
  readonly cycle?: ReadonlyArray<{ readonly name: string }>;
}

/** Adds an import line to a module of the copy (a new one, in a new folder, if it is not there). */
function plant(dir: string, module: string, line: string): void {
  mkdirSync(dirname(join(dir, 'src', module)), { recursive: true });
  appendFileSync(join(dir, 'src', module), `\n${line}\n`);
}

/** Each planted import (module, the module it imports) and the rule that must report it. */
const PLANTED: ReadonlyArray<{ module: string; line: string; target: string; rule: string }> = [
  // an import up the layers (the rules importing the project type)
  { module: 'validation.ts', line: "export { PyStreamlitDevstackProject as Upward } from './project';", target: 'project.ts', rule: 'rules-not-to-project' },
  // a component importing the assembly
  { module: 'docker/dockerfile-input.ts', line: "export { DevstackTasks as Planted } from '../tasks/devstack-tasks';", target: 'tasks/devstack-tasks.ts', rule: 'components-not-to-assembly' },
  // a synth-time module importing a bin
  { module: 'kubernetes/kubernetes-tasks.ts', line: "export * from '../cli/preflight';", target: 'cli/preflight.ts', rule: 'only-cli-imports-cli' },
  // a bin importing the project type
  { module: 'cli/preflight.ts', line: "export * from '../project';", target: 'project.ts', rule: 'cli-not-to-project' },
  // an import cycle within one layer
  { module: 'pipenv/pep440.ts', line: "export * from '../docker/dockerfile-options';", target: 'docker/dockerfile-options.ts', rule: 'no-circular' },
  // a new folder of src/ must be placed in a layer
  { module: 'stray/helper.ts', line: "export { DevstackError } from '../errors';", target: 'errors.ts', rule: 'every-module-in-a-layer' },
];
const plantedEdges = PLANTED.map(({ module, target }) => [`src/${module}`, `src/${target}`] as const);

/** The import edges a violation rests on: its own, and for a cycle every edge around it. */
function edgesOf(violation: Violation): Array<readonly [string, string]> {
  if (!violation.cycle?.length) return [[violation.from, violation.to]];
  const ring = [violation.from, ...violation.cycle.map((step) => step.name)];
  return ring.map((module, index) => [module, ring[(index + 1) % ring.length]] as const);
}
const isPlanted = ([from, to]: readonly [string, string]) => plantedEdges.some(([a, b]) => a === from && b === to);

describe('the layering of src/ (.dependency-cruiser.cjs, run by npx projen test)', () => {
  // One depcruise run (it parses all of src/ with TypeScript, seconds each time): a copy of src/
  // with planted violations. Every rule forbids an import or a cycle, so an added import only
  // adds reports: when each report rests on a planted import, src/ as it is has none, and each
  // planted import reported by its rule is the negative control.
  let result: ReturnType<typeof layersCheck>;
  beforeAll(() => {
    const dir = checkout();
    for (const { module, line } of PLANTED) plant(dir, module, line);
    result = layersCheck(dir);
  });

  test('src/ as it is: no import cycle, no import up the layers, every module in a layer (every report rests on a planted import)', () => {
    const unexplained = result.violations.filter((violation) => !edgesOf(violation).some(isPlanted));
    expect(unexplained).toEqual([]);
  });

  test('each planted violation fails the check, named by its rule and import', () => {
    expect(result.errors).toBeGreaterThan(0);
    const unreported = PLANTED.filter(({ module, target, rule }) => !result.violations.some((violation) =>
      violation.rule.name === rule && edgesOf(violation).some(([from, to]) => from === `src/${module}` && to === `src/${target}`)));
    expect(unreported).toEqual([]);
  });
});
