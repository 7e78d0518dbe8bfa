import { spawnSync } from 'child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
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

/** What `npx projen layers` runs, in `dir`. */
function layersCheck(dir: string): { status: number | null; output: string } {
  const run = spawnSync(DEPCRUISE, ['src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: dir, encoding: 'utf-8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Adds an import line to a module of the copy. */
function plant(dir: string, module: string, line: string): void {
  appendFileSync(join(dir, 'src', module), `\n${line}\n`);
}

/** Each planted import or module, and how the check must report it. */
const PLANTED: ReadonlyArray<{ module: string; line: string; reported: RegExp }> = [
  // an import up the layers (the rules importing the project type)
  { module: 'validation.ts', line: "export { PyStreamlitDevstackProject as Upward } from './project';", reported: /rules-not-to-project: src\/validation\.ts → src\/project\.ts/ },
  // a component importing the assembly
  { module: 'docker/dockerfile-input.ts', line: "export { DevstackTasks as Planted } from '../tasks/devstack-tasks';", reported: /components-not-to-assembly: src\/docker\/dockerfile-input\.ts → src\/tasks\/devstack-tasks\.ts/ },
  // a synth-time module importing a bin
  { module: 'kubernetes/kubernetes-tasks.ts', line: "export * from '../cli/preflight';", reported: /only-cli-imports-cli: src\/kubernetes\/kubernetes-tasks\.ts → src\/cli\/preflight\.ts/ },
  // a bin importing the project type
  { module: 'cli/preflight.ts', line: "export * from '../project';", reported: /cli-not-to-project: src\/cli\/preflight\.ts → src\/project\.ts/ },
  // an import cycle within one layer
  { module: 'pipenv/pep440.ts', line: "export * from '../docker/dockerfile-options';", reported: /no-circular: src\/(docker\/dockerfile-options|pipenv\/pep440)\.ts →/ },
];

describe('the layering of src/ (.dependency-cruiser.cjs, run by npx projen test)', () => {
  // what `npx projen layers` checks, run here so that it runs alongside the other test files
  test('src/ as it is: no import cycle, no import up the layers, every module in a layer', () => {
    const { status, output } = layersCheck(ROOT);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  // the negative controls
  test('each planted violation fails the check, named by its rule and import', () => {
    const dir = checkout();
    for (const { module, line } of PLANTED) plant(dir, module, line);
    mkdirSync(join(dir, 'src', 'stray'));
    writeFileSync(join(dir, 'src', 'stray', 'helper.ts'), "export { DevstackError } from '../errors';\n");
    const { status, output } = layersCheck(dir);
    expect(status).not.toBe(0);
    for (const { reported } of PLANTED) expect(output).toMatch(reported);
    // a new folder of src/ must be placed in a layer
    expect(output).toContain('every-module-in-a-layer: src/stray/helper.ts → src/errors.ts');
  });
});
